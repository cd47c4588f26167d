-- findings: 4
CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id int REFERENCES customers (id),
    line_count smallint,
    ticket serial
);
ALTER TABLE orders ADD COLUMN invoice_id integer;
