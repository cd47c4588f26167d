package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.testkit.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What one migration sets in its session never reaches the next: one run gives what separate runs give. */
class SessionStateTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path root;
    MigrationsDir m;
    String role;

    @BeforeEach
    void setUp() {
        pg.reset();
        role = "owner_" + pg.database();
        pg.execute("DO $$ BEGIN CREATE ROLE " + role + "; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        pg.execute("GRANT CREATE ON SCHEMA public TO " + role);
        m = new MigrationsDir(root);
        m.write("V1__schemas.sql", "CREATE SCHEMA other;\nGRANT CREATE, USAGE ON SCHEMA other TO " + role + ";")
                .write("V2__elsewhere.sql", "SET search_path TO other;\nSET ROLE " + role + ";\n"
                        + "SET check_function_bodies = off;\n"
                        + "CREATE TABLE in_other (id int);\nCREATE TEMP TABLE scratch (id int);")
                .write("V3__plain.sql", "CREATE TABLE plain (id int);\nCREATE TEMP TABLE scratch (id int);\n"
                        + "CREATE FUNCTION checked() RETURNS int LANGUAGE sql AS 'SELECT 1';");
    }

    private List<List<String>> schema() {
        return pg.query("SELECT n.nspname, c.relname, pg_get_userbyid(c.relowner) FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname IN ('in_other', 'plain') ORDER BY 2");
    }

    @Test
    void aMigrationsSearchPathAndRoleDoNotLeakIntoTheNextInTheSameRun() {
        MigrateResult r = m.lockstep(pg.url()).migrate();
        assertThat(r.executed()).hasSize(3);
        List<List<String>> oneRun = schema();
        assertThat(oneRun).containsExactly(List.of("other", "in_other", role), List.of("public", "plain", "postgres"));

        pg.reset();
        pg.execute("GRANT CREATE ON SCHEMA public TO " + role);
        for (String version : List.of("1", "2", "3")) {
            m.lockstep(pg.url()).migrate(MigrateOptions.ALL.withTarget(version));
        }
        assertThat(schema()).isEqualTo(oneRun);
    }
}
