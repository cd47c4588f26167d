-- Step 4: validate in its own transaction: SHARE UPDATE EXCLUSIVE, reads and writes go on.
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_plan_not_null;
