package dev.lockstep.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TestPostgresTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @Test
    void givesEachTestClassItsOwnFreshDatabaseOnTheDefaultVersion() {
        assertThat(pg.queryValue("SELECT current_database()")).isEqualTo(pg.database());
        assertThat(pg.database()).startsWith("t_testpostgrestest_");
        assertThat(pg.queryValue("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename <> 't'"))
                .isEqualTo("0");
        String expected = System.getProperty(TestPostgres.VERSION_PROPERTY, "15");
        assertThat(pg.queryValue("SHOW server_version_num")).startsWith(expected);
        assertThat(pg.serverVersion()).isEqualTo(Integer.parseInt(expected));
    }

    @Test
    void runsStatementsAndQueries() {
        pg.execute("CREATE TABLE IF NOT EXISTS t (a int)");
        pg.execute("INSERT INTO t VALUES (1), (2)");
        assertThat(pg.query("SELECT a FROM t ORDER BY a")).containsExactly(java.util.List.of("1"), java.util.List.of("2"));
        assertThat(pg.tableExists("t")).isTrue();
        assertThat(pg.tableExists("nope")).isFalse();
    }

    @Test
    void resetDropsEverySchemaAndLeavesAnEmptyPublic() {
        pg.execute("CREATE SCHEMA IF NOT EXISTS extra; CREATE TABLE IF NOT EXISTS extra.x (a int)");
        pg.reset();
        assertThat(pg.query("SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' "
                + "AND nspname <> 'information_schema'")).containsExactly(java.util.List.of("public"));
        assertThat(pg.tableExists("t")).isFalse();
    }

    @Test
    void rolesOtherThanTheSuperuserMustGiveTheirPassword() {
        pg.execute("DO $$ BEGIN CREATE ROLE kit_user LOGIN PASSWORD 'right'; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        String url = "jdbc:postgresql://localhost:" + pg.port() + "/" + pg.database();
        assertThatThrownBy(() -> DriverManager.getConnection(url, "kit_user", "wrong"))
                .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
    }
}
