-- Step 1 of making accounts.plan required: add it nullable (catalog only, instant).
SET lock_timeout = '2s';
ALTER TABLE accounts ADD COLUMN plan text;
ALTER TABLE accounts ALTER COLUMN plan SET DEFAULT 'free';
COMMENT ON COLUMN accounts.plan IS 'billing plan; required from V105';
