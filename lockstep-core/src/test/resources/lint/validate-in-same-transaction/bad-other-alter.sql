-- findings: 1
-- expect: ACCESS EXCLUSIVE
ALTER TABLE orders ADD COLUMN note text;
ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_positive;
