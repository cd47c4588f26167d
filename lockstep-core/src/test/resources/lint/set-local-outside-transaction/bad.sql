-- findings: 3
SET LOCAL lock_timeout = '2s';
SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;
SELECT set_config('statement_timeout', '5min', true);
CREATE INDEX CONCURRENTLY accounts_email ON accounts (email);
