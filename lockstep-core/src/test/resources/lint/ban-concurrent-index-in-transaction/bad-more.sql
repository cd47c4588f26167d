-- findings: 2
BEGIN;
REINDEX INDEX CONCURRENTLY accounts_email;
VACUUM accounts;
COMMIT;
