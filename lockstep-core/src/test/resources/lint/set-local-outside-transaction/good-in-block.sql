BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TABLE accounts ADD COLUMN plan text;
COMMIT;
CREATE INDEX CONCURRENTLY accounts_plan ON accounts (plan);
