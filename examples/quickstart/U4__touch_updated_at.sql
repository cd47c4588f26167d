DROP TRIGGER tasks_touch ON tasks;
DROP TRIGGER projects_touch ON projects;
DROP TRIGGER accounts_touch ON accounts;
DROP FUNCTION touch_updated_at();
