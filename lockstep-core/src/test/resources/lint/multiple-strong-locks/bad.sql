-- findings: 1
ALTER TABLE orders ADD COLUMN note text;
ALTER TABLE invoices ADD COLUMN note text;
