BEGIN;
ALTER TABLE accounts ADD COLUMN plan text;
COMMIT;
BEGIN;
UPDATE accounts SET plan = 'free' WHERE id < 1000;
COMMIT;
