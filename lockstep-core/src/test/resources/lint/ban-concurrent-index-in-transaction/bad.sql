-- findings: 1
BEGIN;
CREATE TABLE audit (id bigint);
CREATE INDEX CONCURRENTLY accounts_email ON accounts (email);
SELECT 1;
COMMIT;
