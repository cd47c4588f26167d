-- Tenants see only their own projects and tasks. The application sets app.account_id per request:
--   SET app.account_id = '42';
-- One table per transaction: ENABLE ROW LEVEL SECURITY locks its table until its transaction ends.
BEGIN;
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
CREATE POLICY projects_by_account ON projects
    USING (account_id = nullif(current_setting('app.account_id', true), '')::bigint);
COMMIT;

BEGIN;
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;
CREATE POLICY tasks_by_account ON tasks
    USING (project_id IN (SELECT id FROM projects
                          WHERE account_id = nullif(current_setting('app.account_id', true), '')::bigint));
COMMIT;
