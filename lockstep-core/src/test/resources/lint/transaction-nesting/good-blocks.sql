-- explicit blocks run as written, as psql runs them
BEGIN;
ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0) NOT VALID;
COMMIT;
BEGIN;
SAVEPOINT before_validate;
ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_positive;
RELEASE SAVEPOINT before_validate;
COMMIT;
CREATE INDEX CONCURRENTLY orders_amount ON orders (amount);
