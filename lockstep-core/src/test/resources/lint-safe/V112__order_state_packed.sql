-- A new enum value in its own migration; it is used from the next one on.
ALTER TYPE order_state ADD VALUE IF NOT EXISTS 'packed' AFTER 'paid';
