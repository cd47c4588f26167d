package dev.lockstep.internal.rehearse;

import dev.lockstep.AppliedMigration;
import dev.lockstep.LockstepConfig;
import dev.lockstep.MigrateResult;
import dev.lockstep.RehearsalResult;
import dev.lockstep.RehearsalResult.Problem;
import dev.lockstep.RehearsalResult.TableSize;
import dev.lockstep.SchemaDifference;
import dev.lockstep.Setting;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.backup.RestoreRun;
import dev.lockstep.internal.execute.LintGate;
import dev.lockstep.internal.history.HistoryStore;
import dev.lockstep.internal.inspect.CatalogReader;
import dev.lockstep.internal.lint.LintRun;
import dev.lockstep.internal.lint.rules.BuiltInRules;
import dev.lockstep.internal.pg.Server;
import dev.lockstep.internal.pg.Session;
import dev.lockstep.internal.plan.PlanItem;
import dev.lockstep.internal.scratch.Applied;
import dev.lockstep.internal.scratch.Scratch;
import dev.lockstep.internal.snapshot.Snapshot;
import dev.lockstep.internal.snapshot.SnapshotDiff;
import dev.lockstep.internal.source.MigrationSet;
import dev.lockstep.internal.source.MigrationSources;
import dev.lockstep.internal.source.ResolvedMigration;
import dev.lockstep.internal.state.Reconciled;
import dev.lockstep.internal.state.TargetState;
import dev.lockstep.spi.RunListener;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code rehearse}: on a scratch copy of the target (built from the applied migrations' files, or restored
 * from a backup), runs each pending migration up, down and up again, comparing the schema after each step:
 * the down script must leave the schema as it was before the up, and the second up must build what the
 * first built. The target is only read.
 */
public final class Rehearsal {
    private final LockstepConfig config;
    private final RunListener listener;
    private final String toolVersion;

    public Rehearsal(LockstepConfig config, RunListener listener, String toolVersion) {
        this.config = config;
        this.listener = listener;
        this.toolVersion = toolVersion;
    }

    /** @param fromDump a backup taken by {@code lockstep backup} to restore the copy from, or null */
    public RehearsalResult run(Path fromDump) {
        if (fromDump != null) {
            // A missing or foreign dump is said before connecting.
            dev.lockstep.internal.backup.Backups.read(config.workDir().resolve(fromDump));
        }
        MigrationSet files = MigrationSources.load(config);
        HistoryStore history = new HistoryStore(config.get(Setting.HISTORY_SCHEMA));
        try (Session session = Session.open(config, listener, "lockstep rehearse");
             Scratch scratch = Scratch.open(config, listener, toolVersion)) {
            Connection c = session.connect();
            TargetState target = history.readState(c, files);
            Snapshot live = new CatalogReader(history.schema()).read(c);
            scratch.provideRoles(live);
            int pgVersion = Server.majorVersion(c);
            String base = fromDump == null ? fromFiles(scratch, target) : fromDump(scratch, fromDump);
            TargetState copy = fromDump == null ? target : stateOf(scratch, base, files, history);
            Run run = new Run(scratch, files, base, new LinkedHashSet<>(Applied.of(copy).ids()));
            List<RehearsalResult.Migration> out = new ArrayList<>();
            LintGate gate = new LintGate(BuiltInRules.linter(LintRun.settings(config, pgVersion), pgVersion), config);
            String failedAt = null;
            for (ResolvedMigration m : pending(copy)) {
                List<TableSize> sizes = sizes(fromDump == null ? c : null, scratch, run.work, m);
                List<String> lint = lint(gate, fromDump == null ? c : null, scratch, run.work, m);
                if (failedAt != null) {
                    out.add(migration(m, null, null, null, List.of(new Problem("not-rehearsed", "not rehearsed: "
                            + "migration " + failedAt + " before it failed", List.of())), sizes, lint));
                    continue;
                }
                RehearsalResult.Migration r = run.cycle(m, sizes, lint);
                out.add(r);
                if (r.upMs() == null) {
                    failedAt = m.version().text();
                }
            }
            String shown = fromDump == null ? null : config.shown(config.workDir().resolve(fromDump));
            return new RehearsalResult(session.target().display(), scratch.display(), shown,
                    copy.currentVersion(), out);
        } catch (SQLException e) {
            throw new LockstepException(ErrorCode.CONNECTION, "rehearse could not read the database: "
                    + e.getMessage(), "check the connection and privileges", e);
        }
    }

    /** The copy's base: the target's applied migrations on a new database. */
    private static String fromFiles(Scratch scratch, TargetState target) {
        String db = scratch.create("rehearse");
        try {
            scratch.migrate(db, Scratch.only(target.files(), Applied.of(target).ids()), null);
        } catch (LockstepException e) {
            throw new LockstepException(e.code(), "the applied migrations do not run on an empty scratch database, so "
                    + "there is no copy to rehearse on: " + e.getMessage(), "rehearse on a copy of real data with "
                    + "--from-dump, or fix the applied migrations' files", e);
        }
        return db;
    }

    /** The copy's base: a backup restored into a new database on the scratch server. */
    private String fromDump(Scratch scratch, Path dump) {
        String db = scratch.reserve("rehearse");
        new RestoreRun(scratch.serverConfig(), listener).restore(config.workDir().resolve(dump), db);
        return db;
    }

    private static TargetState stateOf(Scratch scratch, String db, MigrationSet files, HistoryStore history) {
        try (Connection c = scratch.connection(db)) {
            return history.readState(c, files);
        } catch (SQLException e) {
            throw new LockstepException(ErrorCode.BACKUP, "cannot read the history of the restored copy: "
                    + e.getMessage(), "restore backups taken by 'lockstep backup'", e);
        }
    }

    private static List<ResolvedMigration> pending(TargetState state) {
        List<ResolvedMigration> out = new ArrayList<>();
        for (Reconciled r : state.states()) {
            if (r.migration() != null && r.migration().version() != null && r.state().runnable()) {
                out.add(r.migration());
            }
        }
        return out;
    }

    /** Sizes from the target when the copy has no data of its own, else from the copy (a restored backup). */
    private static List<TableSize> sizes(Connection target, Scratch scratch, String copy, ResolvedMigration m)
            throws SQLException {
        Set<String> tables = TableSizes.named(m);
        if (target != null) {
            return TableSizes.of(target, tables, false);
        }
        try (Connection c = scratch.connection(copy)) {
            return TableSizes.of(c, tables, true);
        }
    }

    /**
     * The migration's lint findings with the gate's verdict, judged by the tables' sizes where the sizes
     * were read: the target's, or the copy of the dump's data.
     */
    private List<String> lint(LintGate gate, Connection target, Scratch scratch, String copy, ResolvedMigration m)
            throws SQLException {
        PlanItem item = new PlanItem(PlanItem.Action.APPLY, m, null);
        List<dev.lockstep.lint.Violation> judged;
        if (target != null) {
            judged = gate.judgeOn(target, item, config.get(Setting.LOCK_TIMEOUT));
        } else {
            try (Connection c = scratch.connection(copy)) {
                judged = gate.judgeOn(c, item, config.get(Setting.LOCK_TIMEOUT));
            }
        }
        return judged.stream().map(v -> v.span() + ": " + v.severity().name().toLowerCase(java.util.Locale.ROOT)
                + "[" + v.rule() + "]: " + v.message() + (v.verdict() == null ? "" : " (" + v.verdict() + ")"))
                .toList();
    }

    static RehearsalResult.Migration migration(ResolvedMigration m, Long up, Long down, Long redo,
                                               List<Problem> problems, List<TableSize> sizes, List<String> lint) {
        return new RehearsalResult.Migration(m.version().text(), m.description(), m.script(), up, down, redo, problems,
                sizes, lint);
    }

    /** The working copy: a copy of the base with the migrations done so far, rebuilt when a step broke it. */
    private static final class Run {
        final Scratch scratch;
        final MigrationSet files;
        final String base;
        final Set<String> done;
        String work;

        Run(Scratch scratch, MigrationSet files, String base, Set<String> applied) {
            this.scratch = scratch;
            this.files = files;
            this.base = base;
            this.done = applied;
            this.work = scratch.copy(base, "rehearse");
        }

        RehearsalResult.Migration cycle(ResolvedMigration m, List<TableSize> sizes, List<String> lint) {
            List<Problem> problems = new ArrayList<>();
            Set<String> with = new LinkedHashSet<>(done);
            with.add(m.id());
            MigrationSet chain = Scratch.only(files, with);
            Snapshot before = scratch.snapshot(work);
            Long up;
            try {
                up = took(scratch.migrate(work, chain, null));
            } catch (LockstepException e) {
                problems.add(new Problem("fails", "fails on the copy: " + firstLine(e), List.of()));
                return migration(m, null, null, null, problems, sizes, lint);
            }
            done.add(m.id());
            Snapshot after = scratch.snapshot(work);
            boolean below = files.versioned().stream().anyMatch(o -> done.contains(o.id())
                    && o.version().compareTo(m.version()) > 0);
            if (below) {
                problems.add(new Problem("out-of-order", "its version is below a version already applied: migrate "
                        + "refuses it without --out-of-order, and its down script is not rehearsed", List.of()));
                return migration(m, up, null, null, problems, sizes, lint);
            }
            if (!m.hasDown()) {
                problems.add(new Problem("irreversible", "has no down script: 'lockstep rollback' refuses to undo it",
                        List.of()));
                return migration(m, up, null, null, problems, sizes, lint);
            }
            Long down = null;
            Long redo = null;
            boolean broken = false;
            try {
                down = took(scratch.rollbackOne(work, chain));
                List<SchemaDifference> residue = SnapshotDiff.diff(before, scratch.snapshot(work));
                if (!residue.isEmpty()) {
                    problems.add(new Problem("residue", "its down script does not leave the schema as it was before "
                            + "the migration (" + residue.size() + (residue.size() == 1 ? " object differs)" : " objects differ)"),
                            residue));
                }
                try {
                    redo = took(scratch.migrate(work, chain, null));
                    List<SchemaDifference> again = SnapshotDiff.diff(after, scratch.snapshot(work));
                    if (!again.isEmpty()) {
                        problems.add(new Problem("rerun-differs", "run again after its down script, it builds a "
                                + "different schema", again));
                    }
                } catch (LockstepException e) {
                    problems.add(new Problem("rerun-fails", "fails when run again after its down script: "
                            + firstLine(e), List.of()));
                    broken = true;
                }
            } catch (LockstepException e) {
                problems.add(new Problem("down-fails", "its down script fails: " + firstLine(e), List.of()));
                broken = true;
            }
            if (broken) {
                rebuild();
            }
            return migration(m, up, down, redo, problems, sizes, lint);
        }

        /** A new working copy at the state after the migrations done so far (their first up). */
        private void rebuild() {
            scratch.drop(work);
            work = scratch.copy(base, "rehearse");
            scratch.migrate(work, Scratch.only(files, done), null);
        }

        private static Long took(MigrateResult r) {
            return r.executed().stream().mapToLong(AppliedMigration::durationMs).sum();
        }

        private static String firstLine(LockstepException e) {
            String msg = e.getMessage().strip();
            List<String> lines = msg.lines().toList();
            return lines.size() > 1 && lines.get(0).startsWith("migration ") ? lines.get(0) + ": "
                    + lines.get(1).strip() : lines.get(0);
        }
    }
}
