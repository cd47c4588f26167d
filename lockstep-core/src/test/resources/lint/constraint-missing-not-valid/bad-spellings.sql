-- findings: 2
ALTER TABLE orders ADD CHECK (amount > 0);
ALTER TABLE orders ADD COLUMN discount numeric CHECK (discount >= 0);
