-- findings: 1
SET LOCAL lock_timeout = '2s';
BEGIN;
ALTER TABLE accounts ADD COLUMN plan text;
COMMIT;
