-- The column in its own block, then the index built outside any transaction.
SET lock_timeout = '2s';
BEGIN;
ALTER TABLE orders ADD COLUMN coupon_code text;
COMMIT;
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_coupon_code ON orders (coupon_code);
