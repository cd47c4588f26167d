-- findings: 2
CREATE INDEX CONCURRENTLY accounts_email ON accounts (email);
DROP INDEX CONCURRENTLY accounts_old;
