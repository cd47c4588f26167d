UPDATE orders SET state = 'packed' WHERE state = 'paid' AND shipped_at IS NOT NULL AND id < 100000;
