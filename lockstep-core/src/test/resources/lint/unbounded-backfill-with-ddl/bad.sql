-- findings: 1
ALTER TABLE tasks ADD COLUMN priority smallint;
UPDATE tasks SET priority = 2;
