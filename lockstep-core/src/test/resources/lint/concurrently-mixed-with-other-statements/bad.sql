-- findings: 1
ALTER TABLE accounts ADD COLUMN email text;
CREATE INDEX CONCURRENTLY accounts_email ON accounts (email);
