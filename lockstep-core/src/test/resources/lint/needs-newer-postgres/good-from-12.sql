-- pg-version: 12
REINDEX INDEX CONCURRENTLY accounts_email;
