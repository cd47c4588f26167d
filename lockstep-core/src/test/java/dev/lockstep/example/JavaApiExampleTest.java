package dev.lockstep.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.MigrateResult;
import dev.lockstep.MigrationState;
import dev.lockstep.StatusResult;
import dev.lockstep.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** Runs the docs' examples against a real database, and keeps the page's copy of them identical to this code. */
class JavaApiExampleTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path project;

    @BeforeEach
    void freshDatabase() {
        pg.reset();
    }

    @Test
    void fromTheEnvironmentReadsLockstepTomlLikeTheCommandLine() throws IOException {
        Files.createDirectories(project.resolve("db/migrations"));
        Files.writeString(project.resolve("db/migrations/V1__t.sql"), "CREATE TABLE from_env (id int);");
        Files.writeString(project.resolve("lockstep.toml"), "url = \"" + pg.url() + "\"\ndir = \"db/migrations\"\n");
        MigrateResult r = JavaApiExample.fromTheEnvironment(project);
        assertThat(r.executed()).hasSize(1);
        assertThat(pg.tableExists("from_env")).isTrue();
    }

    @Test
    void onTheApplicationsPoolReadsMigrationsFromTheClassPath() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(pg.jdbcUrl());
        StatusResult status = JavaApiExample.onTheApplicationsPool((DataSource) ds);
        assertThat(status.migrations()).extracting(m -> m.state()).containsExactly(MigrationState.APPLIED,
                MigrationState.PENDING);
        assertThat(pg.tableExists("cp_first")).isTrue();
        assertThat(status.database()).contains(pg.database());
    }

    @Test
    void deployRunsTheRunbookWithoutThrowing() throws IOException {
        Path dir = Files.createDirectories(project.resolve("migrations"));
        Files.writeString(dir.resolve("V1__d.sql"), "CREATE TABLE deployed (id int);");
        Files.writeString(dir.resolve("U1__d.sql"), "DROP TABLE deployed;");
        JavaApiExample.deploy(project, pg.url());
        assertThat(pg.tableExists("deployed")).isTrue();
        try (var reports = Files.list(project.resolve("reports"))) {
            assertThat(reports.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".html"));
        }
    }
}
