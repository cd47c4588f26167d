-- more catalog-only changes to the same table keep the lock for microseconds
ALTER TABLE accounts ADD COLUMN plan text;
ALTER TABLE accounts ALTER COLUMN plan SET DEFAULT 'free';
ALTER TABLE accounts ADD COLUMN region text DEFAULT 'eu';
COMMENT ON COLUMN accounts.plan IS 'billing plan';
ALTER TABLE accounts ADD CONSTRAINT accounts_plan_check CHECK (plan <> '') NOT VALID;
