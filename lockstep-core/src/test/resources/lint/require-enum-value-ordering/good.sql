ALTER TYPE order_state ADD VALUE 'packed' AFTER 'paid';
ALTER TYPE order_state ADD VALUE IF NOT EXISTS 'draft' BEFORE 'paid';
