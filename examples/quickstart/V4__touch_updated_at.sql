-- One trigger function keeps updated_at current on every table. Each trigger gets a transaction of its
-- own: CREATE TRIGGER blocks writes to its table until its transaction ends, so no table waits for another.
CREATE FUNCTION touch_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- Only touch rows that really changed; a no-op UPDATE keeps its timestamp.
    IF NEW IS DISTINCT FROM OLD THEN
        NEW.updated_at := now();
    END IF;
    RETURN NEW;
END;
$$;

BEGIN;
CREATE TRIGGER accounts_touch BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
COMMIT;
BEGIN;
CREATE TRIGGER projects_touch BEFORE UPDATE ON projects FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
COMMIT;
BEGIN;
CREATE TRIGGER tasks_touch    BEFORE UPDATE ON tasks    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
COMMIT;
