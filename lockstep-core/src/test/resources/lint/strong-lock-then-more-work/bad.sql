-- findings: 1
ALTER TABLE accounts ADD COLUMN plan text;
UPDATE accounts SET plan = 'free' WHERE id < 1000;
