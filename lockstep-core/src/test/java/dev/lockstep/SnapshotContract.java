package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.lockstep.testkit.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema snapshot and drift on a real server of each version: the catalogs differ between versions
 * (SQL-standard function bodies from 14, NOT NULL constraints in pg_constraint from 18, the public
 * schema's owner and grants), and the snapshot reads them into the same text. The target is a database
 * made from template0, like the scratch databases, so both start from the same public schema.
 */
abstract class SnapshotContract {
    private static final String DATABASE = "snapshot_contract";

    @TempDir
    Path root;
    MigrationsDir m;
    TestPostgres pg;

    abstract TestPostgres server();

    abstract int version();

    @BeforeEach
    void setUp() {
        pg = server();
        pg.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        pg.execute("CREATE DATABASE " + DATABASE + " TEMPLATE template0");
        m = new MigrationsDir(root);
        m.write("V1__people.sql", """
                CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
                CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');
                CREATE TABLE people (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    name text COLLATE "C" NOT NULL,
                    mail email,
                    feeling mood DEFAULT 'ok',
                    name_length int GENERATED ALWAYS AS (length(name)) STORED
                );
                CREATE INDEX people_name ON people (name) WHERE feeling <> 'sad';
                ALTER TABLE people ADD CONSTRAINT people_name_short CHECK (length(name) < 100) NOT VALID;
                ALTER TABLE people ENABLE ROW LEVEL SECURITY;
                CREATE POLICY people_self ON people USING (name = current_user);
                CREATE VIEW happy AS SELECT id, name FROM people WHERE feeling = 'happy';
                CREATE SEQUENCE tickets START 100 INCREMENT 5;
                CREATE FUNCTION shout(t text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
                BEGIN
                    RETURN upper(t);
                END;
                $$;
                COMMENT ON TABLE people IS 'who';
                """);
        if (version() >= 14) {
            m.write("V2__standard_body.sql", """
                    CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE
                    BEGIN ATOMIC
                        SELECT a + b;
                    END;
                    """);
        }
    }

    @AfterEach
    void dropDatabase() {
        pg.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }

    private void onTarget(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + pg.port() + "/" + DATABASE
                + "?user=postgres"); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private Lockstep lockstep() {
        String server = "postgres://postgres@localhost:" + pg.port() + "/";
        return m.lockstep(server + DATABASE, b -> b.set(Setting.SCRATCH_URL, server + "postgres")
                .set(Setting.ALLOW_UNSAFE, true));
    }

    @Test
    void readsEachVersionsCatalogsIntoTheSameTextAndAMigratedSchemaIsNoDrift() {
        lockstep().migrate();
        String text = lockstep().snapshot(null).text();
        assertThat(text).contains("\nenum public.mood\n  values: 'sad', 'ok', 'happy'\n")
                .contains("\ndomain public.email\n  type: text\n")
                .contains("\ntable public.people\n  column id: bigint NOT NULL GENERATED ALWAYS AS IDENTITY\n"
                        + "  column name: text COLLATE pg_catalog.\"C\" NOT NULL\n  column mail: email\n"
                        + "  column feeling: mood DEFAULT 'ok'::mood\n"
                        + "  column name_length: integer GENERATED ALWAYS AS (length(name)) STORED\n")
                .contains("  constraint people_name_short: CHECK ((length(name) < 100)) NOT VALID\n")
                .contains("  constraint people_pkey: PRIMARY KEY (id)\n")
                .contains("  index people_name: CREATE INDEX people_name ON public.people USING btree (name) WHERE "
                        + "(feeling <> 'sad'::mood)\n")
                .contains("  row level security: enabled\n")
                .contains("\nview public.happy\n")
                .contains("\nsequence public.tickets\n")
                .contains("\nfunction public.shout(text)\n  returns: text\n")
                .doesNotContain("lockstep_history");
        assertThat(text).as("NOT NULL is the column's, on every version").doesNotContain("constraint people_name_not_null")
                .doesNotContain("people_id_not_null");
        if (version() >= 14) {
            assertThat(text).as("the SQL-standard body, not the empty prosrc")
                    .contains("\nfunction public.add(integer, integer)\n").contains("BEGIN ATOMIC");
        }
        assertThat(lockstep().snapshot(null).text()).as("read twice, the same bytes").isEqualTo(text);

        DriftResult clean = lockstep().drift();
        assertThat(clean.fromMigrations()).as("built on a scratch database of the same version").isEmpty();

        onTarget("ALTER TABLE people ADD COLUMN nickname text; DROP INDEX people_name");
        DriftResult drifted = lockstep().drift();
        assertThat(drifted.fromMigrations()).extracting(SchemaDifference::object, SchemaDifference::change)
                .containsExactly(tuple("table public.people", "changed"));
        assertThat(drifted.fromMigrations().get(0).properties()).extracting(SchemaDifference.Property::key,
                SchemaDifference.Property::change).containsExactlyInAnyOrder(tuple("column nickname", "extra"),
                tuple("index people_name", "missing"));
    }
}
