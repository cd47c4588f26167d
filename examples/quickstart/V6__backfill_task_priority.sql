-- A new column, filled in batches so that no single statement holds row locks on the whole table.
ALTER TABLE tasks ADD COLUMN priority smallint;

DO $$
DECLARE
    batch   constant int := 1000;
    updated int;
BEGIN
    LOOP
        UPDATE tasks
        SET priority = CASE WHEN due_on < current_date + 7 THEN 1 ELSE 2 END
        WHERE id IN (SELECT id FROM tasks WHERE priority IS NULL ORDER BY id LIMIT batch);
        GET DIAGNOSTICS updated = ROW_COUNT;
        EXIT WHEN updated = 0;
    END LOOP;
END;
$$;
