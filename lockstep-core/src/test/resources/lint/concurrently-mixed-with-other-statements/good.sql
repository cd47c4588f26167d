CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_email ON accounts (email);
CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_name ON accounts (name);
