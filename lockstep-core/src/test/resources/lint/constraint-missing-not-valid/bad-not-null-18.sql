-- findings: 1
-- pg-version: 18
-- expect: NOT VALID
ALTER TABLE orders ADD CONSTRAINT orders_amount_not_null NOT NULL amount;
