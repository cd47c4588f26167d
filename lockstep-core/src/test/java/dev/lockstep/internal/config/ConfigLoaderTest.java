package dev.lockstep.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.LockstepConfig;
import dev.lockstep.Setting;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path work;

    private LockstepConfig load(Map<String, String> env, Map<Setting<?>, String> cli, String environment) {
        return new ConfigLoader(env, work, Clock.systemUTC()).load(cli, environment);
    }

    @Test
    void defaultsToTheEmbeddedServerAndMigrationsDir() {
        LockstepConfig c = load(Map.of(), Map.of(), null);
        assertThat(c.get(Setting.URL)).isNull();
        assertThat(dev.lockstep.internal.pg.Target.isEmbedded(c)).isTrue();
        assertThat(c.dir()).isEqualTo(work.resolve("migrations"));
        assertThat(c.get(Setting.HISTORY_SCHEMA)).isEqualTo("lockstep");
        assertThat(c.get(Setting.LOCK_WAIT)).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.get(Setting.LOCK_TIMEOUT)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aTomlSyntaxErrorSaysWhereInTheFile() throws IOException {
        Files.writeString(work.resolve("lockstep.toml"), "dir = \"migrations\"\nurl = \"postgres://x\nlock-wait = 5s\n");
        assertThatThrownBy(() -> load(Map.of(), Map.of(), null)).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
            assertThat(e.getMessage()).containsPattern("lockstep\\.toml:2:\\d+: ").doesNotContain("line:")
                    .doesNotContain("\n");
        });
    }

    @Test
    void whoRunsItIsUserElseUsernameElseTheAccountTheProcessRunsAs() {
        assertThat(load(Map.of("USER", "ana", "USERNAME", "bo"), Map.of(), null).installedBy()).isEqualTo("ana");
        assertThat(load(Map.of("USERNAME", "bo"), Map.of(), null).installedBy()).isEqualTo("bo");
        // No USER, as in many containers and CI jobs: the account, not "unknown".
        assertThat(load(Map.of(), Map.of(), null).installedBy()).isEqualTo(System.getProperty("user.name"))
                .isNotEqualTo("unknown");
    }

    @Test
    void aBadValueNamesWhereItCameFromAndGivesAnExampleWrittenTheSameWay() {
        Map<Setting<?>, String> given = Map.of(Setting.LOCK_TIMEOUT, "soon");
        assertThatThrownBy(() -> new ConfigLoader(Map.of(), work, Clock.systemUTC()).load(given,
                Map.of(Setting.LOCK_TIMEOUT, "-Dlockstep.lock-timeout"), null))
                .isInstanceOf(LockstepException.class)
                .hasMessageContaining("'soon'").hasMessageEndingWith("(from -Dlockstep.lock-timeout)")
                .extracting(e -> ((LockstepException) e).hint()).asString()
                .startsWith("write e.g. -Dlockstep.lock-timeout=1s");
        assertThatThrownBy(() -> load(Map.of(), given, null)).hasMessageEndingWith("(from --lock-timeout)")
                .extracting(e -> ((LockstepException) e).hint()).asString().startsWith("write e.g. --lock-timeout 1s");
        assertThatThrownBy(() -> load(Map.of("LOCKSTEP_LOCK_TIMEOUT", "soon"), Map.of(), null))
                .hasMessageEndingWith("(from LOCKSTEP_LOCK_TIMEOUT)")
                .extracting(e -> ((LockstepException) e).hint()).asString().startsWith("write e.g. lock-timeout = \"1s\"");
        // A default written as words is no example: one of the type's is shown.
        assertThatThrownBy(() -> load(Map.of(), Map.of(Setting.LINT_PG_VERSION, "abc"), null))
                .extracting(e -> ((LockstepException) e).hint()).asString().startsWith("write e.g. --pg-version 15 ");
        assertThatThrownBy(() -> load(Map.of(), Map.of(Setting.REPLICA_CATCH_UP, "abc"), null))
                .extracting(e -> ((LockstepException) e).hint()).asString()
                .startsWith("write e.g. --replica-catch-up 30s ");
    }

    @Test
    void aUrlGivenAsAPropertyNamesThePropertyAsItsSource() {
        Map<Setting<?>, String> given = Map.of(Setting.URL, "postgres://app@db.example:5432/app");
        LockstepConfig byProperty = new ConfigLoader(Map.of(), work, Clock.systemUTC()).load(given,
                Map.of(Setting.URL, "-Dlockstep.url"), null);
        assertThat(byProperty.source(Setting.URL)).isEqualTo("-Dlockstep.url");
        assertThat(load(Map.of(), given, null).source(Setting.URL)).isEqualTo("--url");
    }

    @Test
    void findsTheFirstExistingConventionalDirectory() throws IOException {
        Files.createDirectories(work.resolve("supabase/migrations"));
        Files.createDirectories(work.resolve("db/migration"));
        LockstepConfig c = load(Map.of(), Map.of(), null);
        assertThat(c.dir()).isEqualTo(work.resolve("db/migration"));
        assertThat(c.source(Setting.DIR)).contains("db/migration");
    }

    @Test
    void commandLineBeatsEnvironmentBeatsFileBeatsDefault() throws IOException {
        Files.writeString(work.resolve("lockstep.toml"), "history-schema = \"from_file\"\nlock-wait = \"5s\"\n"
                + "lock-timeout = \"3s\"\n");
        LockstepConfig c = load(Map.of("LOCKSTEP_HISTORY_SCHEMA", "from_env", "LOCKSTEP_LOCK_WAIT", "7s"),
                Map.of(Setting.HISTORY_SCHEMA, "from_cli"), null);
        assertThat(c.get(Setting.HISTORY_SCHEMA)).isEqualTo("from_cli");
        assertThat(c.get(Setting.LOCK_WAIT)).isEqualTo(Duration.ofSeconds(7));
        assertThat(c.get(Setting.LOCK_TIMEOUT)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void urlPrecedenceIsFlagThenDatabaseUrlThenFileThenPgVariables() throws IOException {
        Files.writeString(work.resolve("lockstep.toml"), "url = \"postgres://file/db\"\n");
        assertThat(load(Map.of("DATABASE_URL", "postgres://env/db"), Map.of(Setting.URL, "postgres://cli/db"), null)
                .get(Setting.URL)).isEqualTo("postgres://cli/db");
        assertThat(load(Map.of("DATABASE_URL", "postgres://env/db"), Map.of(), null).source(Setting.URL))
                .isEqualTo("DATABASE_URL");
        assertThat(load(Map.of("PGHOST", "pg"), Map.of(), null).get(Setting.URL)).isEqualTo("postgres://file/db");
        Files.delete(work.resolve("lockstep.toml"));
        LockstepConfig pg = load(Map.of("PGHOST", "pg"), Map.of(), null);
        assertThat(pg.get(Setting.URL)).isNull();
        assertThat(dev.lockstep.internal.pg.Target.of(pg)).isInstanceOf(dev.lockstep.internal.pg.Target.PgEnvironment.class);
        assertThat(pg.variables()).containsEntry("PGHOST", "pg");
    }

    @Test
    void anExplicitEnvironmentWinsOverADatabaseUrlLeftInTheShell() throws IOException {
        Files.writeString(work.resolve("lockstep.toml"), "url = \"postgres://top/db\"\n[env.staging]\n"
                + "url = \"postgres://staging/db\"\n[env.prod]\nurl-env = \"PROD_URL\"\n[env.local]\nlock-wait = \"5s\"\n");
        Map<String, String> shell = Map.of("DATABASE_URL", "postgres://other/db", "PROD_URL", "postgres://prod/db");
        LockstepConfig staging = load(shell, Map.of(), "staging");
        assertThat(staging.get(Setting.URL)).isEqualTo("postgres://staging/db");
        assertThat(staging.source(Setting.URL)).isEqualTo("lockstep.toml [env.staging]");
        assertThat(staging.variables()).containsEntry("DATABASE_URL", "postgres://other/db");
        LockstepConfig prod = load(shell, Map.of(), "prod");
        assertThat(prod.get(Setting.URL)).isEqualTo("postgres://prod/db");
        assertThat(prod.source(Setting.URL)).isEqualTo("PROD_URL");
        // An environment that names no database of its own leaves DATABASE_URL in charge, over the top-level url.
        LockstepConfig local = load(shell, Map.of(), "local");
        assertThat(local.get(Setting.URL)).isEqualTo("postgres://other/db");
        assertThat(local.source(Setting.URL)).isEqualTo("DATABASE_URL");
        assertThat(load(shell, Map.of(Setting.URL, "postgres://cli/db"), "staging").source(Setting.URL))
                .isEqualTo("--url");
    }

    @Test
    void aPasswordOrUserAloneDoesNotNameADatabaseSoTheEmbeddedServerStaysTheDefault() {
        for (Map<String, String> env : List.of(Map.of("PGPASSWORD", "secret"), Map.of("PGPASSWORD", ""),
                Map.of("PGUSER", "app", "PGPASSWORD", "secret", "PGSSLMODE", "require"))) {
            assertThat(dev.lockstep.internal.pg.Target.isEmbedded(load(env, Map.of(), null))).as(env.toString()).isTrue();
        }
        for (String named : List.of("PGHOST", "PGPORT", "PGDATABASE", "PGSERVICE", "PGHOSTADDR")) {
            Map<String, String> env = Map.of("PGPASSWORD", "secret", named, "5432");
            assertThat(dev.lockstep.internal.pg.Target.of(load(env, Map.of(), null)))
                    .as(named).isInstanceOf(dev.lockstep.internal.pg.Target.PgEnvironment.class);
        }
    }

    @Test
    void aDatabaseIdMustBeASystemIdentifierAndADatabaseName() throws IOException {
        Files.writeString(work.resolve("lockstep.toml"), "[env.prod]\nurl = \"postgres://p/db\"\n"
                + "database-id = \"7301234567890123456/shop\"\n");
        assertThat(load(Map.of(), Map.of(), "prod").get(Setting.DATABASE_ID)).isEqualTo("7301234567890123456/shop");
        assertThat(load(Map.of(), Map.of(), "prod").source(Setting.DATABASE_ID)).isEqualTo("lockstep.toml [env.prod]");
        Files.writeString(work.resolve("lockstep.toml"), "[env.prod]\ndatabase-id = \"shop\"\n");
        assertThatThrownBy(() -> load(Map.of(), Map.of(), "prod")).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(2);
            assertThat(e.getMessage()).contains("database-id").contains("'shop' is not a database identity");
        });
    }

    @Test
    void anEnvironmentSectionOverridesTopLevelKeysAndCanNameTheUrlVariable() throws IOException {
        Files.writeString(work.resolve("lockstep.toml"), "dir = \"db/migrations\"\n\n[env.production]\n"
                + "url-env = \"PROD_DATABASE_URL\"\nprotected = true\nlock-timeout = \"500ms\"\n\n[lint]\npg-version = 14\n"
                + "disable = [\"prefer-text-field\"]\nenable = [\"require-down\"]\n[lint.severity]\nban-drop-column = \"error\"\n");
        LockstepConfig c = load(Map.of("PROD_DATABASE_URL", "postgres://prod/db"), Map.of(), "production");
        assertThat(c.get(Setting.URL)).isEqualTo("postgres://prod/db");
        assertThat(c.source(Setting.URL)).isEqualTo("PROD_DATABASE_URL");
        assertThat(c.protectedEnvironment()).isTrue();
        assertThat(c.environment()).isEqualTo("production");
        assertThat(c.get(Setting.LOCK_TIMEOUT)).isEqualTo(Duration.ofMillis(500));
        assertThat(c.dir()).isEqualTo(work.resolve("db/migrations"));
        assertThat(c.get(Setting.LINT_PG_VERSION)).isEqualTo(14);
        assertThat(c.get(Setting.LINT_DISABLE)).containsExactly("prefer-text-field");
        assertThat(c.get(Setting.LINT_SEVERITY)).containsEntry("ban-drop-column", dev.lockstep.lint.Severity.ERROR);
        assertThat(c.get(Setting.LINT_ENABLE)).containsExactly("require-down");
    }

    @Test
    void anUnknownLintRuleOrKeyIsAnErrorNamingIt() throws IOException {
        Files.writeString(work.resolve("lockstep.toml"), "[lint]\ndisable = [\"prefer-txt-field\"]\n");
        assertThatThrownBy(() -> load(Map.of(), Map.of(), null)).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
            assertThat(e.getMessage()).contains("prefer-txt-field");
            assertThat(e.hint()).contains("prefer-text-field");
        });
        Files.writeString(work.resolve("lockstep.toml"), "[lint]\nfail-on = \"error\"\n");
        assertThatThrownBy(() -> load(Map.of(), Map.of(), null)).hasMessageContaining("fail-on");
    }

    @Test
    void anUnsetUrlVariableIsAClearError() throws IOException {
        Files.writeString(work.resolve("lockstep.toml"), "[env.staging]\nurl-env = \"STAGING_URL\"\n");
        assertThatThrownBy(() -> load(Map.of(), Map.of(), "staging")).isInstanceOfSatisfying(LockstepException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
                    assertThat(e.getMessage()).contains("STAGING_URL");
                });
    }

    @Test
    void anUnknownEnvironmentListsTheDefinedOnes() throws IOException {
        Files.writeString(work.resolve("lockstep.toml"), "[env.staging]\nurl = \"postgres://s/db\"\n");
        assertThatThrownBy(() -> load(Map.of(), Map.of(), "prod")).isInstanceOfSatisfying(LockstepException.class,
                e -> assertThat(e.hint()).contains("staging"));
    }

    @Test
    void anUnknownKeyIsAnErrorNamingIt() throws IOException {
        Files.writeString(work.resolve("lockstep.toml"), "lock_wait = \"5s\"\n");
        assertThatThrownBy(() -> load(Map.of(), Map.of(), null)).isInstanceOfSatisfying(LockstepException.class,
                e -> assertThat(e.getMessage()).contains("lock_wait"));
    }

    @Test
    void badValuesAreClearErrors() throws IOException {
        Files.writeString(work.resolve("lockstep.toml"), "lock-wait = \"soon\"\n");
        assertThatThrownBy(() -> load(Map.of(), Map.of(), null)).hasMessageContaining("lock-wait");
        Files.writeString(work.resolve("lockstep.toml"), "url = [\n");
        assertThatThrownBy(() -> load(Map.of(), Map.of(), null)).isInstanceOfSatisfying(LockstepException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG));
    }

    @Test
    void aLockTimeoutOfZeroOrLessIsRefusedBecausePostgresReadsZeroAsNoLimit() throws IOException {
        for (String value : new String[] {"0", "0ms", "0s"}) {
            assertThatThrownBy(() -> load(Map.of(), Map.of(Setting.LOCK_TIMEOUT, value), null))
                    .isInstanceOfSatisfying(LockstepException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
                        assertThat(e.exitCode()).isEqualTo(2);
                        assertThat(e.getMessage()).contains("lock-timeout").contains("not above zero")
                                .contains("no limit");
                    });
        }
        assertThatThrownBy(() -> load(Map.of("LOCKSTEP_LOCK_TIMEOUT", "-1s"), Map.of(), null))
                .isInstanceOfSatisfying(LockstepException.class, e -> assertThat(e.exitCode()).isEqualTo(2));
        Files.writeString(work.resolve("lockstep.toml"), "lock-timeout = \"0\"\n");
        assertThatThrownBy(() -> load(Map.of(), Map.of(), null))
                .isInstanceOfSatisfying(LockstepException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG));
        assertThat(load(Map.of(), Map.of(Setting.LOCK_TIMEOUT, "1ms"), null).get(Setting.LOCK_TIMEOUT)).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void allowNonEmptyIsOffUnlessSet() {
        assertThat(load(Map.of(), Map.of(), null).get(Setting.ALLOW_NON_EMPTY)).isFalse();
        assertThat(load(Map.of("LOCKSTEP_ALLOW_NON_EMPTY", "true"), Map.of(), null).get(Setting.ALLOW_NON_EMPTY)).isTrue();
        assertThat(load(Map.of(), Map.of(Setting.ALLOW_NON_EMPTY, "true"), null).get(Setting.ALLOW_NON_EMPTY)).isTrue();
    }

    @Test
    void defaultEnvChoosesTheEnvironmentWhenNoneIsGivenAndEnvOrTheVariableOverridesIt() throws IOException {
        Files.writeString(work.resolve("lockstep.toml"), "default-env = \"staging\"\n[env.staging]\n"
                + "url = \"postgres://s/db\"\n[env.production]\nurl = \"postgres://p/db\"\nprotected = true\n");
        LockstepConfig byDefault = load(Map.of(), Map.of(), null);
        assertThat(byDefault.environment()).isEqualTo("staging");
        assertThat(byDefault.get(Setting.URL)).isEqualTo("postgres://s/db");
        assertThat(byDefault.environments()).containsExactly("staging", "production");
        assertThat(load(Map.of(), Map.of(), "production").get(Setting.URL)).isEqualTo("postgres://p/db");
        LockstepConfig byVariable = load(Map.of("LOCKSTEP_ENV", "production"), Map.of(), null);
        assertThat(byVariable.environment()).isEqualTo("production");
        assertThat(byVariable.protectedEnvironment()).isTrue();
    }

    @Test
    void aDefaultEnvThatIsNotDefinedSaysWhereItWasNamed() throws IOException {
        Files.writeString(work.resolve("lockstep.toml"), "default-env = \"stagin\"\n[env.staging]\nurl = \"postgres://s/db\"\n");
        assertThatThrownBy(() -> load(Map.of(), Map.of(), null)).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
            assertThat(e.getMessage()).contains("environment 'stagin' is not defined").contains("default-env");
            assertThat(e.hint()).contains("did you mean 'staging'?");
        });
    }

    @Test
    void environmentsWithoutAChoiceAreNotTheEmbeddedServer() throws IOException {
        Files.writeString(work.resolve("lockstep.toml"), "[env.staging]\nurl = \"postgres://s/db\"\n");
        LockstepConfig c = load(Map.of(), Map.of(), null);
        assertThat(c.get(Setting.URL)).isNull();
        assertThat(dev.lockstep.internal.pg.Target.isEmbedded(c)).isFalse();
        assertThat(load(Map.of("DATABASE_URL", "postgres://d/db"), Map.of(), null).get(Setting.URL))
                .isEqualTo("postgres://d/db");
    }
}
