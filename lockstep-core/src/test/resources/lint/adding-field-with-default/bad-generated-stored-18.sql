-- findings: 1
-- pg-version: 18
-- expect: GENERATED ALWAYS AS (a + b) VIRTUAL;
ALTER TABLE accounts ADD COLUMN total numeric GENERATED ALWAYS AS (a + b) STORED;
