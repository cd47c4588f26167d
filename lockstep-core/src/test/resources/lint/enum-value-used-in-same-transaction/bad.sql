-- findings: 1
ALTER TYPE task_state ADD VALUE 'archived';
UPDATE tasks SET state = 'archived' WHERE id < 10;
