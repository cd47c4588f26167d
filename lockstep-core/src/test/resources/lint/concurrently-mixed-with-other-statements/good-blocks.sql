SET lock_timeout = '2s';
BEGIN;
ALTER TABLE accounts ADD COLUMN email text;
COMMIT;
CREATE INDEX CONCURRENTLY accounts_email ON accounts (email);
