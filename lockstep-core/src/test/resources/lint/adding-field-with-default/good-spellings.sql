-- constant and stable defaults, casts to types with a length, NULL: stored once since PostgreSQL 11
ALTER TABLE accounts ADD COLUMN balance numeric(12,2) NOT NULL DEFAULT '0'::numeric(12,2);
ALTER TABLE accounts ADD COLUMN tags text[] DEFAULT ARRAY[]::text[];
ALTER TABLE accounts ADD COLUMN settings jsonb NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE accounts ADD COLUMN code varchar(10) DEFAULT CAST('x' AS varchar(10));
ALTER TABLE accounts ADD COLUMN created_on date DEFAULT CURRENT_DATE;
ALTER TABLE accounts ADD COLUMN zone text DEFAULT current_setting('TimeZone');
ALTER TABLE accounts ADD COLUMN note text DEFAULT NULL;
CREATE DOMAIN label AS text DEFAULT 'none';
ALTER TABLE accounts ADD COLUMN label label;
