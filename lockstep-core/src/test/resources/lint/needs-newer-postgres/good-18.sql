-- pg-version: 18
ALTER TABLE orders ADD CONSTRAINT orders_amount_not_null NOT NULL amount NOT VALID;
ALTER TABLE accounts ADD COLUMN total numeric GENERATED ALWAYS AS (a + b) VIRTUAL;
ALTER TABLE accounts ADD COLUMN doubled numeric GENERATED ALWAYS AS (a * 2);
CREATE TABLE invoices (net numeric, gross numeric GENERATED ALWAYS AS (net * 1.2) VIRTUAL);
