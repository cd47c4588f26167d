-- a VALIDATE in its own migration: SHARE UPDATE EXCLUSIVE, reads and writes go on
SET lock_timeout = '2s';
ALTER TABLE orders VALIDATE CONSTRAINT orders_account_fk;
