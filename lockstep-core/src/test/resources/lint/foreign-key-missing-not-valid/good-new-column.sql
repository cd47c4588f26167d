-- a new column without a default is all NULL: PostgreSQL skips the check (no scan)
ALTER TABLE orders ADD COLUMN coupon_id bigint REFERENCES coupons (id);
