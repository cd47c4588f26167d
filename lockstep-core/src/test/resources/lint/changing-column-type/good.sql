ALTER TABLE orders ADD COLUMN amount_new numeric(12,2);
CREATE TABLE fresh (id int);
ALTER TABLE fresh ALTER COLUMN id TYPE bigint;
