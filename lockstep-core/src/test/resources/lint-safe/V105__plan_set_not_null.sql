-- Step 5: SET NOT NULL is instant now that a valid CHECK proves it; then drop the proof.
SET lock_timeout = '2s';
ALTER TABLE accounts ALTER COLUMN plan SET NOT NULL;
ALTER TABLE accounts DROP CONSTRAINT accounts_plan_not_null;
