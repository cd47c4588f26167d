-- findings: 1
-- no-down
ALTER TABLE accounts ADD COLUMN plan text;
