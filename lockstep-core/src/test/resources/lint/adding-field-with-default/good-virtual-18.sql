-- pg-version: 18
-- from PostgreSQL 18 a generated column is VIRTUAL unless it says STORED: computed when read, no rewrite
ALTER TABLE accounts ADD COLUMN total numeric GENERATED ALWAYS AS (a + b) VIRTUAL;
ALTER TABLE accounts ADD COLUMN doubled numeric GENERATED ALWAYS AS (a * 2);
