-- a migration that has its down script
ALTER TABLE accounts ADD COLUMN plan text;
