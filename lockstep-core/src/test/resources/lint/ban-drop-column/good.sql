ALTER TABLE accounts DROP CONSTRAINT accounts_legacy_check;
