-- A new column, added in a transaction of its own so that the table's ACCESS EXCLUSIVE lock is held for
-- milliseconds, then filled by an UPDATE that locks only the rows it changes. (On a large table, give the
-- UPDATE a migration of its own with -- lockstep:batch: see docs/live-traffic.md.)
BEGIN;
ALTER TABLE tasks ADD COLUMN priority smallint;
COMMIT;

UPDATE tasks SET priority = CASE WHEN due_on < current_date + 7 THEN 1 ELSE 2 END WHERE priority IS NULL;
