-- findings: 1
ALTER TABLE accounts ADD COLUMN plan text NOT NULL DEFAULT NULL;
