-- findings: 3
ALTER TABLE accounts ADD COLUMN token uuid DEFAULT gen_random_uuid();
ALTER TABLE accounts ADD COLUMN seen_at timestamptz NOT NULL DEFAULT clock_timestamp();
ALTER TABLE accounts ADD COLUMN total numeric GENERATED ALWAYS AS (a + b) STORED;
