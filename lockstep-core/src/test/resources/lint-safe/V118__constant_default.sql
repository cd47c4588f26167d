-- A required column with a constant default: instant since PostgreSQL 11.
SET lock_timeout = '2s';
ALTER TABLE accounts ADD COLUMN region text NOT NULL DEFAULT 'eu';
