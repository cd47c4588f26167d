-- findings: 1
-- pg-version: 17
ALTER TABLE accounts ADD COLUMN total numeric GENERATED ALWAYS AS (a + b) STORED;
