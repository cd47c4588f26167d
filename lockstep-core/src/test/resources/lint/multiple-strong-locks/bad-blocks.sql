-- findings: 1
BEGIN;
ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_positive;
LOCK TABLE orders IN SHARE MODE;
LOCK TABLE invoices IN SHARE MODE;
COMMIT;
