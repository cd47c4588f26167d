-- findings: 2
CREATE INDEX index_orders_on_customer_id_and_created_at_and_status_and_region_idx ON orders (customer_id);
ALTER TABLE orders ADD CONSTRAINT "orders_customer_reference_to_customers_table_with_a_very_long_name" FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
