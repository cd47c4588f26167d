SET lock_timeout = '2s';
REINDEX INDEX CONCURRENTLY accounts_email_key;
