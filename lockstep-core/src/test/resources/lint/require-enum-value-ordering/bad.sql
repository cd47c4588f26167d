-- findings: 1
ALTER TYPE order_state ADD VALUE 'packed';
