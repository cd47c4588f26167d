-- Step 2: backfill in bounded batches, in a transaction of its own.
UPDATE accounts SET plan = 'free' WHERE id BETWEEN 1 AND 50000 AND plan IS NULL;
