BEGIN;
ALTER TYPE task_state ADD VALUE 'archived';
COMMIT;
BEGIN;
UPDATE tasks SET state = 'archived' WHERE id < 10;
COMMIT;
