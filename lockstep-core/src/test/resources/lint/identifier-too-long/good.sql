CREATE INDEX CONCURRENTLY orders_customer_created_idx ON orders (customer_id, created_at);
SELECT 'a string may be as long as it likes, it is no identifier at all, not even close';
