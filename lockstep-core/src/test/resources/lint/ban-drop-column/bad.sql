-- findings: 1
ALTER TABLE accounts DROP COLUMN legacy_flag;
