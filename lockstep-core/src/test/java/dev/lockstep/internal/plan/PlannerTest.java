package dev.lockstep.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.MigrationState;
import dev.lockstep.MigrationVersion;
import dev.lockstep.ValidationIssue;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.source.Checksum;
import dev.lockstep.internal.source.Directives;
import dev.lockstep.internal.source.MigrationSet;
import dev.lockstep.internal.source.MigrationType;
import dev.lockstep.internal.source.ResolvedMigration;
import dev.lockstep.internal.source.Script;
import dev.lockstep.internal.state.HistoryKind;
import dev.lockstep.internal.state.HistoryRow;
import dev.lockstep.internal.state.Reconciled;
import dev.lockstep.internal.state.Reconciler;
import dev.lockstep.internal.state.TargetState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerTest {
    private final Planner planner = new Planner();
    private long ids;

    private static ResolvedMigration file(String version, String sql, boolean withDown) {
        Script up = new Script("V" + version + "__m.sql", "V" + version + "__m.sql", sql, 1);
        Script down = withDown ? new Script("U" + version + "__m.sql", "U" + version + "__m.sql", "SELECT 'down';", 1) : null;
        return new ResolvedMigration(MigrationType.VERSIONED, MigrationVersion.parse(version), "m" + version, up, down,
                Checksum.of(sql), Directives.NONE);
    }

    private static ResolvedMigration repeatable(String name, String sql) {
        return new ResolvedMigration(MigrationType.REPEATABLE, null, name, new Script("R__" + name + ".sql", "R__" + name + ".sql", sql, 1),
                null, Checksum.of(sql), Directives.NONE);
    }

    private static MigrationSet set(ResolvedMigration... ms) {
        List<ResolvedMigration> v = new ArrayList<>();
        List<ResolvedMigration> r = new ArrayList<>();
        for (ResolvedMigration m : ms) {
            (m.version() == null ? r : v).add(m);
        }
        return new MigrationSet(Path.of("m"), null, v, r);
    }

    private HistoryRow row(ResolvedMigration m, HistoryKind kind, boolean success, boolean transactional, int applied) {
        return new HistoryRow(++ids, m.version() == null ? null : m.version().text(), m.description(), kind, m.script(),
                m.checksum(), Checksum.ALGORITHM, transactional, "me", Instant.EPOCH, Instant.EPOCH, 1L, success,
                applied, 3, null, null, success ? null : "42P01", success ? null : "boom", "run", "test", null, null);
    }

    private HistoryRow applied(ResolvedMigration m) {
        return row(m, HistoryKind.VERSIONED, true, true, 1);
    }

    @Test
    void plansPendingMigrationsInVersionOrderThenRepeatables() {
        var a = file("1", "SELECT 1;", false);
        var b = file("2", "SELECT 2;", false);
        var c = file("10", "SELECT 10;", false);
        var r = repeatable("views", "SELECT 'v';");
        Plan plan = planner.migrate(TargetState.of(set(c, a, r, b), List.of(applied(a))), null, false);
        assertThat(plan.blocked()).isFalse();
        assertThat(plan.items()).extracting(i -> i.migration().id()).containsExactly("2", "10", "R:views");
    }

    @Test
    void stopsAtTheTargetVersion() {
        var a = file("1", "SELECT 1;", false);
        var b = file("2", "SELECT 2;", false);
        var c = file("3", "SELECT 3;", false);
        Plan plan = planner.migrate(TargetState.of(set(a, b, c), List.of()), "2", false);
        assertThat(plan.items()).extracting(i -> i.migration().id()).containsExactly("1", "2");
    }

    @Test
    void anUnknownTargetIsAnIssue() {
        Plan plan = planner.migrate(TargetState.of(set(file("1", "SELECT 1;", false)), List.of()), "7", false);
        assertThat(plan.issues()).extracting(ValidationIssue::kind).containsExactly(ValidationIssue.Kind.UNKNOWN_TARGET);
    }

    @Test
    void aChangedChecksumOfAnAppliedMigrationBlocks() {
        var a = file("1", "SELECT 1;", false);
        var edited = file("1", "SELECT 'edited';", false);
        Plan plan = planner.migrate(TargetState.of(set(edited), List.of(applied(a))), null, false);
        assertThat(plan.issues()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(ValidationIssue.Kind.CHECKSUM_CHANGED);
            assertThat(i.script()).isEqualTo("V1__m.sql");
        });
    }

    @Test
    void whenNoAppliedMigrationHasItsFileOneIssueSaysTheDirectoryIsNotTheOneTheHistoryCameFrom() {
        var a = file("1", "SELECT 1;", false);
        var b = file("2", "SELECT 2;", false);
        var c = file("3", "SELECT 3;", false);
        var other = file("7", "SELECT 7;", false);
        Plan plan = planner.migrate(TargetState.of(set(other), List.of(applied(a), applied(b), applied(c))), null, false);
        assertThat(plan.issues()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(ValidationIssue.Kind.FILE_MISSING);
            assertThat(i.message()).isEqualTo("none of the 3 applied migrations (1 to 3, the first applied from "
                    + "V1__m.sql) is in the migrations directory: it is not the directory this database's migrations "
                    + "came from");
        });
        // One file of the history is there: the others are missing files, each named.
        plan = planner.migrate(TargetState.of(set(b), List.of(applied(a), applied(b), applied(c))), null, false);
        assertThat(plan.issues()).extracting(ValidationIssue::version).containsExactly("1", "3");
    }

    @Test
    void anAppliedMigrationWhoseFileIsGoneBlocks() {
        var a = file("1", "SELECT 1;", false);
        var b = file("2", "SELECT 2;", false);
        Plan plan = planner.migrate(TargetState.of(set(b), List.of(applied(a), applied(b))), null, false);
        assertThat(plan.issues()).extracting(ValidationIssue::kind).containsExactly(ValidationIssue.Kind.FILE_MISSING);
    }

    @Test
    void anOutOfOrderFileIsRefusedUnlessAllowed() {
        var a = file("1", "SELECT 1;", false);
        var late = file("2", "SELECT 2;", false);
        var c = file("3", "SELECT 3;", false);
        List<HistoryRow> rows = List.of(applied(a), applied(c));
        Plan refused = planner.migrate(TargetState.of(set(a, late, c), rows), null, false);
        assertThat(refused.issues()).extracting(ValidationIssue::kind).containsExactly(ValidationIssue.Kind.OUT_OF_ORDER);
        assertThat(refused.items()).isEmpty();
        Plan allowed = planner.migrate(TargetState.of(set(a, late, c), rows), null, true);
        assertThat(allowed.blocked()).isFalse();
        assertThat(allowed.items()).extracting(i -> i.migration().id()).containsExactly("2");
    }

    @Test
    void aFailedTransactionalRunIsRetriedFromTheStart() {
        var a = file("1", "SELECT 1;", false);
        Plan plan = planner.migrate(TargetState.of(set(a), List.of(row(a, HistoryKind.VERSIONED, false, true, 0))), null, false);
        assertThat(plan.state().states().get(0).state()).isEqualTo(MigrationState.FAILED);
        assertThat(plan.items()).singleElement().satisfies(i -> assertThat(i.action()).isEqualTo(PlanItem.Action.APPLY));
    }

    @Test
    void aPartiallyAppliedNonTransactionalRunIsResumed() {
        var a = file("1", "SELECT 1;", false);
        HistoryRow failed = row(a, HistoryKind.VERSIONED, false, false, 2);
        Plan plan = planner.migrate(TargetState.of(set(a), List.of(failed)), null, false);
        assertThat(plan.state().states().get(0).state()).isEqualTo(MigrationState.PARTIALLY_APPLIED);
        assertThat(plan.items()).singleElement().satisfies(i -> {
            assertThat(i.action()).isEqualTo(PlanItem.Action.RESUME);
            assertThat(i.resumeFrom()).isSameAs(failed);
        });
    }

    @Test
    void aRolledBackMigrationIsPendingAgain() {
        var a = file("1", "SELECT 1;", true);
        List<HistoryRow> rows = List.of(applied(a), row(a, HistoryKind.ROLLBACK, true, true, 1));
        Plan plan = planner.migrate(TargetState.of(set(a), rows), null, false);
        assertThat(plan.state().states().get(0).state()).isEqualTo(MigrationState.PENDING);
        assertThat(plan.items()).hasSize(1);
    }

    @Test
    void migrationsAtOrBelowTheBaselineAreNotRun() {
        var a = file("1", "SELECT 1;", false);
        var b = file("2", "SELECT 2;", false);
        var c = file("3", "SELECT 3;", false);
        HistoryRow baseline = new HistoryRow(1, "2", "baseline", HistoryKind.BASELINE, "<< baseline >>", null, null,
                true, "me", Instant.EPOCH, Instant.EPOCH, 0L, true, 0, 0, null, null, null, null, "run", "test", null, null);
        Plan plan = planner.migrate(TargetState.of(set(a, b, c), List.of(baseline)), null, false);
        assertThat(plan.items()).extracting(i -> i.migration().id()).containsExactly("3");
        assertThat(plan.state().states()).extracting(Reconciled::state).containsExactly(MigrationState.BELOW_BASELINE,
                MigrationState.BASELINE, MigrationState.BELOW_BASELINE, MigrationState.PENDING);
        assertThat(Reconciler.currentVersion(plan.state().states())).isEqualTo("2");
    }

    @Test
    void aChangedRepeatableRunsAgain() {
        var before = repeatable("views", "SELECT 1;");
        var after = repeatable("views", "SELECT 2;");
        Plan plan = planner.migrate(TargetState.of(set(after), List.of(row(before, HistoryKind.REPEATABLE, true, true, 1))), null, false);
        assertThat(plan.items()).singleElement().satisfies(i -> assertThat(i.action()).isEqualTo(PlanItem.Action.REAPPLY));
        Plan same = planner.migrate(TargetState.of(set(before), List.of(row(before, HistoryKind.REPEATABLE, true, true, 1))), null, false);
        assertThat(same.items()).isEmpty();
    }

    @Test
    void rollbackUndoesNewestFirst() {
        var a = file("1", "SELECT 1;", true);
        var b = file("2", "SELECT 2;", true);
        var c = file("3", "SELECT 3;", true);
        List<HistoryRow> rows = List.of(applied(a), applied(b), applied(c));
        assertThat(planner.rollback(TargetState.of(set(a, b, c), rows), 2, null).items()).extracting(i -> i.migration().id())
                .containsExactly("3", "2");
        assertThat(planner.rollback(TargetState.of(set(a, b, c), rows), null, "1").items()).extracting(i -> i.migration().id())
                .containsExactly("3", "2");
        assertThat(planner.rollback(TargetState.of(set(a, b, c), rows), null, "3").items()).isEmpty();
        // Above the current version: a typo, refused as migrate --target refuses a version that is not there.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> planner.rollback(TargetState.of(set(a, b, c), rows),
                null, "99")).isInstanceOfSatisfying(dev.lockstep.error.LockstepException.class, e -> {
                    assertThat(e.code()).isEqualTo(dev.lockstep.error.ErrorCode.USAGE);
                    assertThat(e.getMessage()).isEqualTo("--to 99 is above the current version 3: nothing would be "
                            + "rolled back");
                });
    }

    @Test
    void rollbackRefusesNamingEveryMigrationWithoutADownScript() {
        var a = file("1", "SELECT 1;", true);
        var b = file("2", "SELECT 2;", false);
        var c = file("3", "SELECT 3;", false);
        List<HistoryRow> rows = List.of(applied(a), applied(b), applied(c));
        assertThatThrownBy(() -> planner.rollback(TargetState.of(set(a, b, c), rows), 3, null))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ROLLBACK_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("2 (V2__m.sql) has no down script")
                            .contains("3 (V3__m.sql) has no down script");
                });
    }
}
