ALTER TABLE accounts ADD COLUMN checked text CHECK (checked IS NOT NULL OR legacy);
ALTER TABLE accounts ADD COLUMN seq bigint NOT NULL GENERATED ALWAYS AS IDENTITY;
ALTER TABLE accounts ADD COLUMN ticket bigserial NOT NULL;
