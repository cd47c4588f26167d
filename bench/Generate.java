import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes N synthetic migrations (Flyway naming, so every tool reads the same files): enums, tables,
 * plpgsql functions with $$ bodies and triggers, DO blocks, views, and comments and strings that
 * contain semicolons. Usage: java Generate.java DIR N
 */
public class Generate {
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        Files.createDirectories(dir);
        for (int i = 1; i <= n; i++) {
            Files.writeString(dir.resolve("V" + i + "__step_" + i + ".sql"), migration(i));
        }
    }

    static String migration(int i) {
        return switch (i % 5) {
            case 0 -> """
                    -- enum and table for step %1$d; a comment; with semicolons
                    CREATE TYPE st_%1$d AS ENUM ('a', 'b', 'c');
                    CREATE TABLE t_%1$d (
                        id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                        s    st_%1$d NOT NULL DEFAULT 'a',
                        note text
                    );
                    COMMENT ON TABLE t_%1$d IS 'table; number %1$d';
                    """.formatted(i);
            case 1 -> """
                    CREATE TABLE t_%1$d (id bigint PRIMARY KEY, updated_at timestamptz);
                    CREATE FUNCTION f_%1$d() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        NEW.updated_at := now(); -- a comment; with semicolons;
                        RETURN NEW;
                    END;
                    $$;
                    CREATE TRIGGER tr_%1$d BEFORE UPDATE ON t_%1$d FOR EACH ROW EXECUTE FUNCTION f_%1$d();
                    """.formatted(i);
            case 2 -> """
                    /* block comment; with semicolons /* nested; */ still comment; */
                    CREATE TABLE t_%1$d (id int, v text);
                    DO $do$
                    BEGIN
                        FOR k IN 1..3 LOOP
                            INSERT INTO t_%1$d VALUES (k, 'v;' || k);
                        END LOOP;
                    END
                    $do$;
                    CREATE INDEX t_%1$d_v ON t_%1$d (v);
                    """.formatted(i);
            case 3 -> """
                    CREATE TABLE t_%1$d (id int PRIMARY KEY);
                    ALTER TABLE t_%1$d ADD COLUMN label text NOT NULL DEFAULT 'x;y';
                    INSERT INTO t_%1$d (id) SELECT g FROM generate_series(1, 10) g;
                    """.formatted(i);
            default -> """
                    CREATE FUNCTION g_%1$d(x int) RETURNS int LANGUAGE sql IMMUTABLE AS $fn$ SELECT x + %1$d $fn$;
                    CREATE VIEW v_%1$d AS SELECT g_%1$d(1) AS n, 'semi;colon' AS s;
                    """.formatted(i);
        };
    }
}
