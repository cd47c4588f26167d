SET lock_timeout = '2s';
SELECT set_config('statement_timeout', '5min', false);
CREATE INDEX CONCURRENTLY accounts_email ON accounts (email);
