-- Step 3: the proof, added NOT VALID (no scan, held for a moment).
SET lock_timeout = '2s';
ALTER TABLE accounts ADD CONSTRAINT accounts_plan_not_null CHECK (plan IS NOT NULL) NOT VALID;
