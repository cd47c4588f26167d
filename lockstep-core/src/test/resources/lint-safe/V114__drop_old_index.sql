SET lock_timeout = '2s';
DROP INDEX CONCURRENTLY IF EXISTS accounts_plan_old;
