package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.testkit.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Roles that may not do everything: migrate needs exactly what preflight checks, and a missing privilege
 * or a read-only session is a configuration error (exit 2), found before anything is written.
 */
class PrivilegesTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path root;
    MigrationsDir m;

    @BeforeEach
    void setUp() {
        pg.reset();
        m = new MigrationsDir(root);
        m.write("V1__accounts.sql", "CREATE TABLE accounts (id int PRIMARY KEY);");
    }

    private LoginRole roleWithPublicSchema(String prefix) {
        LoginRole role = new LoginRole(pg, prefix);
        pg.execute("GRANT USAGE, CREATE ON SCHEMA public TO " + role.name);
        return role;
    }

    private PreflightReport.Check privileges(String url) {
        return m.lockstep(url).preflight(null).checks().stream().filter(c -> c.name().equals("privileges"))
                .findFirst().orElseThrow();
    }

    @Test
    void aHistorySchemaAnAdministratorCreatedIsUsedWithoutCreateOnTheDatabase() {
        LoginRole app = roleWithPublicSchema("schemaonly");
        pg.execute("CREATE SCHEMA lockstep");
        pg.execute("GRANT USAGE, CREATE ON SCHEMA lockstep TO " + app.name);
        assertThat(pg.queryValue("SELECT has_database_privilege('" + app.name + "', current_database(), 'CREATE')::text"))
                .isEqualTo("false");

        PreflightReport.Check before = privileges(app.url());
        assertThat(before.status()).isNotEqualTo(PreflightReport.Status.FAIL);
        assertThat(before.measured()).contains("history schema \"lockstep\" exists (table not created yet), "
                + "USAGE and CREATE on it yes");

        assertThat(m.lockstep(app.url()).migrate().executed()).hasSize(1);
        assertThat(pg.queryValue("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = "
                + "'lockstep.lockstep_history'::regclass")).isEqualTo(app.name);
    }

    @Test
    void withoutCreateOnTheDatabaseOrAHistorySchemaMigrateIsAConfigurationErrorAndPreflightSaysSo() {
        LoginRole app = roleWithPublicSchema("nocreate");
        assertThatThrownBy(() -> m.lockstep(app.url()).migrate()).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
            assertThat(e.exitCode()).isEqualTo(2);
            assertThat(e.getMessage()).contains(app.name + " may not create the history schema \"lockstep\" "
                    + "(needs CREATE on database " + pg.database() + ")");
            assertThat(e.hint()).contains("GRANT CREATE ON DATABASE").contains("CREATE SCHEMA \"lockstep\"")
                    .contains("nothing was applied");
        });
        assertThat(pg.tableExists("accounts")).isFalse();
        PreflightReport.Check check = privileges(app.url());
        assertThat(check.status()).isEqualTo(PreflightReport.Status.FAIL);
        assertThat(check.threshold()).contains("may not create the history schema");
    }

    @Test
    void aReadOnlySessionIsAConfigurationErrorAndPreflightSaysSo() {
        LoginRole app = roleWithPublicSchema("readonly").owningTheDatabase();
        pg.execute("ALTER ROLE " + app.name + " SET default_transaction_read_only = on");
        try {
            assertThatThrownBy(() -> m.lockstep(app.url()).migrate()).isInstanceOfSatisfying(LockstepException.class,
                    e -> {
                        assertThat(e.exitCode()).isEqualTo(2);
                        assertThat(e.getMessage()).contains("the session is read-only")
                                .contains("default_transaction_read_only");
                        assertThat(e.hint()).contains("ALTER ROLE " + app.name + " SET default_transaction_read_only = off");
                    });
            assertThat(privileges(app.url()).status()).isEqualTo(PreflightReport.Status.FAIL);
        } finally {
            pg.execute("ALTER ROLE " + app.name + " RESET default_transaction_read_only");
        }
        assertThat(pg.tableExists("accounts")).isFalse();
    }

    @Test
    void anExistingHistoryTableThatTheRoleMayOnlyReadIsAConfigurationError() {
        m.lockstep(pg.url()).migrate();
        LoginRole app = roleWithPublicSchema("reader");
        pg.execute("GRANT USAGE ON SCHEMA lockstep TO " + app.name);
        pg.execute("GRANT SELECT ON ALL TABLES IN SCHEMA lockstep TO " + app.name);
        m.write("V2__more.sql", "CREATE TABLE more (id int);");
        assertThatThrownBy(() -> m.lockstep(app.url()).migrate()).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(2);
            assertThat(e.getMessage()).contains("lacks INSERT on \"lockstep\".lockstep_history")
                    .contains("UPDATE on \"lockstep\".lockstep_history").contains("USAGE on its id sequence");
            assertThat(e.hint()).contains("GRANT SELECT, INSERT, UPDATE");
        });
        assertThat(pg.tableExists("more")).isFalse();
        assertThat(privileges(app.url()).status()).isEqualTo(PreflightReport.Status.FAIL);
    }

    @Test
    void aMigrationStatementTheRoleMayNotRunIsAConfigurationErrorNotAFailedMigration() {
        LoginRole app = new LoginRole(pg, "nopublic");
        pg.execute("CREATE SCHEMA lockstep");
        pg.execute("GRANT USAGE, CREATE ON SCHEMA lockstep TO " + app.name);
        pg.execute("GRANT USAGE ON SCHEMA public TO " + app.name);
        assertThatThrownBy(() -> m.lockstep(app.url()).migrate()).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
            assertThat(e.exitCode()).isEqualTo(2);
            assertThat(e.getMessage()).contains("V1__accounts.sql:1:").contains("42501");
            assertThat(e.hint()).contains("grant it the privilege").contains("nothing of migration 1 was applied");
        });
        assertThat(pg.tableExists("accounts")).isFalse();
    }
}
