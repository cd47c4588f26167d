-- findings: 1
SET lock_timeout = 0;
ALTER TABLE accounts ADD COLUMN plan text;
