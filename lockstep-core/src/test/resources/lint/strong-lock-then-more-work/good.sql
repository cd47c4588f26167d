UPDATE accounts SET plan = 'free' WHERE id < 1000;
ALTER TABLE accounts ADD COLUMN plan text;
