-- findings: 1
-- pg-version: 11
-- expect: before PostgreSQL 12
REINDEX INDEX accounts_email;
