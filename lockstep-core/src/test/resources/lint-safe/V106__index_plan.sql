-- An index, built without blocking writes, under a short lock_timeout, safe to run twice.
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_plan ON accounts (plan);
