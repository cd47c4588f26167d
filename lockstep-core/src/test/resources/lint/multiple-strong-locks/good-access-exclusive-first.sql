-- after ACCESS EXCLUSIVE, strong-lock-then-more-work reports the second table
ALTER TABLE orders ADD COLUMN note text;
ALTER TABLE invoices ADD COLUMN note text;
