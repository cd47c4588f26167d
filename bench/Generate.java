import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes N synthetic migrations (Flyway naming, so every tool reads the same files): enums, tables,
 * plpgsql functions with $$ bodies and triggers, DO blocks, views, and comments and strings that
 * contain semicolons. Usage: java Generate.java DIR N [history]
 *
 * With "history", most files also work on tables created by earlier files, as a project's history
 * does: plain CREATE INDEX, a column type change, a foreign key without NOT VALID (each a lint error
 * on a live table, none on a table created in the same run), and triggers on earlier tables.
 */
public class Generate {
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        boolean history = args.length > 2 && args[2].equals("history");
        Files.createDirectories(dir);
        for (int i = 1; i <= n; i++) {
            Files.writeString(dir.resolve("V" + i + "__step_" + i + ".sql"),
                    migration(i) + (history ? onEarlierTables(i) : ""));
        }
    }

    /** Statements on tables earlier files created (by the table kinds of migration(i)). */
    static String onEarlierTables(int i) {
        if (i <= 5) {
            return "";
        }
        return switch (i % 5) {
            case 0 -> "CREATE INDEX t_%1$d_note ON t_%1$d (note);\n".formatted(i - 5);
            case 1 -> "CREATE TRIGGER tr_%1$d_on_%2$d BEFORE UPDATE ON t_%2$d FOR EACH ROW EXECUTE FUNCTION f_%1$d();\n"
                    .formatted(i, i - 5);
            case 2 -> "CREATE INDEX t_%1$d_updated ON t_%1$d (updated_at);\n".formatted(i - 1);
            case 3 -> "ALTER TABLE t_%1$d ALTER COLUMN label TYPE varchar(100);\n".formatted(i - 5);
            default -> "ALTER TABLE t_%1$d ADD CONSTRAINT t_%1$d_fk FOREIGN KEY (id) REFERENCES t_%2$d (id);\n"
                    .formatted(i - 3, i - 1);
        };
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
