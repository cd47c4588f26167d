DROP TABLE tasks;
DROP TYPE task_state;
DELETE FROM projects WHERE name = 'Launch';
DELETE FROM accounts WHERE email = 'demo@example.com';
