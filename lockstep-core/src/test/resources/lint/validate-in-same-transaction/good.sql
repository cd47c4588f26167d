ALTER TABLE orders VALIDATE CONSTRAINT orders_account_fk;
