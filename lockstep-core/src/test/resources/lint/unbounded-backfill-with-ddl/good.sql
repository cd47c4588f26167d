ALTER TABLE tasks ADD COLUMN priority smallint;
UPDATE tasks SET priority = 2 WHERE id BETWEEN 1 AND 5000;
