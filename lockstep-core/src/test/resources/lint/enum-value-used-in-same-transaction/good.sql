ALTER TYPE task_state ADD VALUE IF NOT EXISTS 'archived';
UPDATE tasks SET state = 'done' WHERE id < 10;
