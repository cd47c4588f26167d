-- Built without blocking writes. CREATE INDEX CONCURRENTLY cannot run in a transaction, so Lockstep
-- runs this migration statement by statement and can resume it after a failure.
CREATE INDEX CONCURRENTLY IF NOT EXISTS tasks_project_id_state ON tasks (project_id, state);
CREATE INDEX CONCURRENTLY IF NOT EXISTS projects_account_id ON projects (account_id);
