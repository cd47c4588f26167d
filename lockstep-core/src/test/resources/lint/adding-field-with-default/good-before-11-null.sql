-- pg-version: 10
ALTER TABLE accounts ADD COLUMN note text DEFAULT NULL;
