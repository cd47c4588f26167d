package dev.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.lint.Verdict;
import dev.lockstep.lint.Violation;
import dev.lockstep.testkit.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class LintGateTest {
    @RegisterExtension
    static final TestPostgres pg = new TestPostgres();

    @TempDir
    Path root;
    MigrationsDir m;

    @BeforeEach
    void cleanDatabase() {
        pg.reset();
        m = new MigrationsDir(root);
    }

    /** On a database that has tables of its own before the first migration. */
    private Lockstep live(java.util.function.Consumer<LockstepConfig.Builder> change) {
        return m.lockstep(pg.url(), b -> {
            b.set(Setting.ALLOW_NON_EMPTY, true);
            change.accept(b);
        });
    }

    /** 100 tables, each indexed (without CONCURRENTLY) and given a foreign key in a later file. */
    private void historyOf200Files() {
        for (int i = 1; i <= 100; i++) {
            m.write(String.format("V%03d__create_t_%d.sql", i, i), "CREATE TABLE t_" + i
                    + " (id bigint PRIMARY KEY, parent bigint, note text);");
        }
        for (int i = 1; i <= 100; i++) {
            m.write(String.format("V%03d__index_t_%d.sql", 100 + i, i), "CREATE INDEX t_" + i + "_note ON t_" + i
                    + " (note);\nALTER TABLE t_" + i + " ADD CONSTRAINT t_" + i + "_parent FOREIGN KEY (parent) "
                    + "REFERENCES t_" + (i == 1 ? 1 : i - 1) + " (id);");
        }
    }

    @Test
    void aHistoryThatIndexesItsOwnTablesReplaysOnAnEmptyDatabaseWithoutFlags() {
        historyOf200Files();
        MigrateResult dry = m.lockstep(pg.url()).migrate(MigrateOptions.ALL.asDryRun());
        PlannedMigration index12 = dry.plan().stream().filter(p -> p.version().equals("112")).findFirst().orElseThrow();
        assertThat(index12.findings()).extracting(Violation::rule)
                .contains("require-concurrent-index", "foreign-key-missing-not-valid");
        assertThat(index12.findings()).extracting(Violation::verdict)
                .contains(Verdict.passes("t_12 is created in this run (migration 012)"));

        MigrateResult result = m.lockstep(pg.url()).migrate();

        assertThat(result.executed()).hasSize(200);
        assertThat(pg.queryValue("SELECT count(*) FROM pg_indexes WHERE indexname LIKE 't\\_%\\_note'")).isEqualTo("100");
        assertThat(pg.queryValue("SELECT count(*) FROM lockstep.lockstep_history WHERE success")).isEqualTo("200");
    }

    @Test
    void theSameIndexOnALiveTableWith200000RowsBlocksAndNothingIsApplied() {
        pg.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, note text)");
        pg.execute("INSERT INTO accounts SELECT g, 'note ' || g FROM generate_series(1, 200000) g");
        pg.execute("ANALYZE accounts");
        m.write("V1__create_t.sql", "CREATE TABLE t (id bigint PRIMARY KEY, note text);")
                .write("V2__index_both.sql", "CREATE INDEX t_note ON t (note);\nCREATE INDEX accounts_note ON accounts (note);");

        assertThatThrownBy(() -> live(b -> { }).migrate())
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BLOCKED);
                    assertThat(e.getMessage()).contains("1 lint error in pending migrations; nothing was applied")
                            .contains("V2__index_both.sql:2:1: require-concurrent-index")
                            .contains("blocks: accounts has ~200000 rows").doesNotContain("t_note");
                });
        assertThat(pg.tableExists("t")).isFalse();

        MigrateResult dry = live(b -> { }).migrate(MigrateOptions.ALL.asDryRun());
        List<Violation> findings = dry.plan().get(1).findings();
        assertThat(findings).filteredOn(v -> v.rule().equals("require-concurrent-index"))
                .extracting(v -> v.verdict().toString())
                .containsExactly("does not block: t is created in this run (migration 1)",
                        findings.get(1).verdict().toString());
        assertThat(findings.get(1).verdict().blocks()).isTrue();
        assertThat(findings.get(1).verdict().reason()).startsWith("accounts has ~200000 rows, ");
    }

    @Test
    void aTypeChangeThatRewritesNothingDoesNotBlockOnALiveTableButOneThatRewritesDoes() {
        pg.execute("CREATE TABLE props (id bigint PRIMARY KEY, v varchar(128) NOT NULL, n int)");
        pg.execute("INSERT INTO props SELECT g, 'v' || g, g FROM generate_series(1, 200000) g");
        pg.execute("ANALYZE props");
        String filenode = pg.queryValue("SELECT pg_relation_filenode('props')");
        m.write("V1__widen.sql", "ALTER TABLE props ALTER COLUMN v TYPE varchar(1024);")
                .write("V2__text.sql", "ALTER TABLE props ALTER COLUMN v SET DATA TYPE text;");

        MigrateResult dry = live(b -> { }).migrate(MigrateOptions.ALL.asDryRun());
        Violation widen = dry.plan().get(0).findings().get(0);
        assertThat(widen.rule()).isEqualTo("changing-column-type");
        assertThat(widen.verdict()).isEqualTo(Verdict.passes("v is character varying(128): character varying(1024) "
                + "needs no rewrite (the ACCESS EXCLUSIVE lock is brief)"));
        live(b -> { }).migrate();
        assertThat(pg.queryValue("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = "
                + "'props'::regclass AND attname = 'v'")).isEqualTo("text");
        assertThat(pg.queryValue("SELECT pg_relation_filenode('props')")).as("not rewritten").isEqualTo(filenode);

        // Narrowing, or int to bigint, rewrites the table: blocked, nothing applied.
        m.write("V3__narrow.sql", "ALTER TABLE props ALTER COLUMN v TYPE varchar(64), ALTER COLUMN n TYPE bigint;");
        assertThatThrownBy(() -> live(b -> { }).migrate()).isInstanceOfSatisfying(LockstepException.class,
                e -> assertThat(e.getMessage()).contains("V3__narrow.sql:1:1: changing-column-type")
                        .contains("blocks: props has ~200000 rows"));
        assertThat(pg.queryValue("SELECT count(*) FROM lockstep.lockstep_history WHERE version = '3'")).isEqualTo("0");
    }

    @Test
    void aTypeChangeIsStillJudgedByTheTableWhenPostgresWouldScanItOrTheRunChangedTheColumnBefore() {
        pg.execute("CREATE TABLE big (id bigint PRIMARY KEY, tags varchar(10)[], code varchar(10) CHECK (code <> ''), "
                + "v varchar(10))");
        pg.execute("INSERT INTO big SELECT g, ARRAY['t'], 'c', 'v' FROM generate_series(1, 200000) g");
        pg.execute("ANALYZE big");
        // An array is converted through text; a CHECK is checked against every row; V3 rewrites nothing, but
        // after it the column is text, not the catalog's varchar(10): V4's text to varchar(20) rewrites the table.
        m.write("V1__tags.sql", "ALTER TABLE big ALTER COLUMN tags TYPE text;")
                .write("V2__code.sql", "ALTER TABLE big ALTER COLUMN code TYPE varchar(20);")
                .write("V3__v_text.sql", "ALTER TABLE big ALTER COLUMN v TYPE text;")
                .write("V4__v_back.sql", "ALTER TABLE big ALTER COLUMN v TYPE varchar(20);");

        MigrateResult dry = live(b -> b.set(Setting.ALLOW_UNSAFE, true)).migrate(MigrateOptions.ALL.asDryRun());

        assertThat(dry.plan()).extracting(p -> p.findings().get(0).verdict().blocks())
                .containsExactly(true, true, false, true);
        assertThat(dry.plan().get(0).findings().get(0).verdict().reason()).startsWith("big has ~200000 rows");
    }

    @Test
    void aTableBelowTheThresholdsIsReportedButDoesNotBlock() {
        pg.execute("CREATE TABLE settings (id int PRIMARY KEY, v text)");
        pg.execute("INSERT INTO settings SELECT g, 'x' FROM generate_series(1, 50) g");
        pg.execute("ANALYZE settings");
        m.write("V1__index.sql", "CREATE INDEX settings_v ON settings (v);");

        MigrateResult dry = live(b -> { }).migrate(MigrateOptions.ALL.asDryRun());
        Verdict verdict = dry.plan().get(0).findings().get(0).verdict();
        assertThat(verdict.blocks()).isFalse();
        assertThat(verdict.reason()).startsWith("settings is small (~50 rows, ");

        live(b -> { }).migrate();
        assertThat(pg.queryValue("SELECT count(*) FROM pg_indexes WHERE indexname = 'settings_v'")).isEqualTo("1");
    }

    @Test
    void lowerThresholdsMakeTheSameSmallTableBlock() {
        pg.execute("CREATE TABLE settings (id int PRIMARY KEY, v text)");
        pg.execute("INSERT INTO settings SELECT g, 'x' FROM generate_series(1, 50) g");
        pg.execute("ANALYZE settings");
        m.write("V1__index.sql", "CREATE INDEX settings_v ON settings (v);");

        assertThatThrownBy(() -> live(b -> b.set(Setting.LINT_GATE_MIN_ROWS, 10)).migrate())
                .isInstanceOfSatisfying(LockstepException.class, e -> assertThat(e.getMessage())
                        .contains("blocks: settings has ~50 rows").contains("lint-gate-min-rows 10"));
    }

    @Test
    void historyUpToLintStartAfterIsExemptButLaterFilesAreJudged() {
        pg.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, note text)");
        pg.execute("INSERT INTO accounts SELECT g, 'n' FROM generate_series(1, 200000) g");
        m.write("V1__old_index.sql", "CREATE INDEX accounts_note ON accounts (note);");

        MigrateResult dry = live(b -> b.set(Setting.LINT_START_AFTER, "1"))
                .migrate(MigrateOptions.ALL.asDryRun());
        assertThat(dry.plan().get(0).findings().get(0).verdict()).isEqualTo(
                Verdict.passes("migration 1 is not after lint-start-after = 1 (history from before adoption)"));

        m.write("V2__new_index.sql", "CREATE INDEX accounts_id_note ON accounts (id, note);");
        assertThatThrownBy(() -> live(b -> b.set(Setting.LINT_START_AFTER, "1")).migrate())
                .isInstanceOfSatisfying(LockstepException.class, e -> assertThat(e.getMessage())
                        .contains("V2__new_index.sql:1:1: require-concurrent-index").doesNotContain("V1__old_index")
                        .contains("accounts has ").contains("rows").contains("MB"));
        assertThat(pg.queryValue("SELECT count(*) FROM pg_indexes WHERE tablename = 'accounts'")).isEqualTo("1");
    }

    @Test
    void aFindingThatDoesNotDependOnTheTableBlocksEvenOnANewTable() {
        m.write("V1__enum.sql", "CREATE TYPE mood AS ENUM ('ok');\nCREATE TABLE t (m mood);")
                .write("V2__use_new_value.sql", "ALTER TYPE mood ADD VALUE 'great';\nINSERT INTO t VALUES ('great');");

        assertThatThrownBy(() -> m.lockstep(pg.url()).migrate())
                .isInstanceOfSatisfying(LockstepException.class, e -> assertThat(e.getMessage())
                        .contains("enum-value-used-in-same-transaction")
                        .contains("blocks: enum-value-used-in-same-transaction does not depend on the table's size"));
        assertThat(pg.tableExists("t")).isFalse();
    }

    @Test
    void aBadLintStartAfterIsAConfigurationError() {
        m.write("V1__t.sql", "CREATE TABLE t (id int);");
        assertThatThrownBy(() -> m.lockstep(pg.url(), b -> b.set(Setting.LINT_START_AFTER, "one")).migrate())
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
                    assertThat(e.getMessage()).startsWith("lint-start-after: ");
                });
        assertThat(pg.tableExists("t")).isFalse();
    }
}
