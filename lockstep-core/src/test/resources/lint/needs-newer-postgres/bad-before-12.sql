-- findings: 1
-- pg-version: 11
-- expect: REINDEX ... CONCURRENTLY needs PostgreSQL 12
REINDEX INDEX CONCURRENTLY accounts_email;
