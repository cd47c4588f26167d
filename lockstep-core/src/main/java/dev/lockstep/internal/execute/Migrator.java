package dev.lockstep.internal.execute;

import dev.lockstep.AppliedMigration;
import dev.lockstep.FailedMigration;
import dev.lockstep.MigrateFailedException;
import dev.lockstep.LockstepConfig;
import dev.lockstep.MigrateOptions;
import dev.lockstep.MigrateResult;
import dev.lockstep.PlannedMigration;
import dev.lockstep.RollbackOptions;
import dev.lockstep.Setting;
import dev.lockstep.ValidationIssue;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.history.HistoryAccess;
import dev.lockstep.internal.history.HistoryStore;
import dev.lockstep.internal.history.MeasuredDurations;
import dev.lockstep.internal.history.UnmanagedDatabase;
import dev.lockstep.internal.lint.LintRun;
import dev.lockstep.internal.lint.rules.BuiltInRules;
import dev.lockstep.internal.pg.Server;
import dev.lockstep.internal.pg.Session;
import dev.lockstep.internal.pg.Target;
import dev.lockstep.internal.plan.Plan;
import dev.lockstep.internal.plan.PlanItem;
import dev.lockstep.internal.plan.Planner;
import dev.lockstep.internal.source.FilesInBackground;
import dev.lockstep.internal.source.MigrationSet;
import dev.lockstep.internal.state.TargetState;
import dev.lockstep.spi.MigrationEvent;
import dev.lockstep.spi.RunListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;

/**
 * {@code migrate} and {@code rollback}: load the files, check that the session may write the history, take
 * the runner lock on the working session, create the history table if needed, plan against the history
 * read under the lock, check every script before running any, then run them, each from a reset session.
 * A dry run does the reading and planning only, without the lock or the history table.
 */
public final class Migrator {
    private final LockstepConfig config;
    private final RunListener listener;
    private final Sleeper sleeper;
    private final String toolVersion;
    private final Planner planner = new Planner();
    private final ScriptPreparer preparer = new ScriptPreparer();
    private final MigrationSet files;

    public Migrator(LockstepConfig config, RunListener listener, Sleeper sleeper, String toolVersion) {
        this(config, listener, sleeper, toolVersion, null);
    }

    private Migrator(LockstepConfig config, RunListener listener, Sleeper sleeper, String toolVersion,
                     MigrationSet files) {
        this.config = config;
        this.listener = listener;
        this.sleeper = sleeper;
        this.toolVersion = toolVersion;
        this.files = files;
    }

    /** A migrator of these files instead of the configured ones (a scratch copy gets a chosen part of them). */
    public Migrator withFiles(MigrationSet files) {
        return new Migrator(config, listener, sleeper, toolVersion, files);
    }

    public MigrateResult migrate(MigrateOptions options) {
        return run("migrate", options.dryRun(), state -> PhaseGuard.check(planner.migrate(state, options.target(),
                config.get(Setting.OUT_OF_ORDER), options.phase()), options, config, listener));
    }

    public MigrateResult rollback(RollbackOptions options) {
        return run("rollback", options.dryRun(), state -> planner.rollback(state, options.steps(),
                options.toVersion(), options.partial()));
    }

    private interface Planning {
        Plan plan(TargetState state);
    }

    private MigrateResult run(String command, boolean dryRun, Planning planning) {
        Instant started = config.clock().instant();
        FilesInBackground loading = files != null ? FilesInBackground.of(files) : FilesInBackground.start(config, Target.isEmbedded(config));
        HistoryStore history = new HistoryStore(config.get(Setting.HISTORY_SCHEMA));
        String runId = HistoryStore.newRunId();
        Session opened;
        Connection c;
        try {
            opened = Session.open(config, listener, "lockstep " + command);
            c = opened.connect();
        } catch (RuntimeException e) {
            throw loading.preferFileError(e);
        }
        try (Session session = opened) {
            MigrationSet files = loading.get();
            if (files.skippedNotice() != null) {
                listener.notice(files.skippedNotice());
            }
            try {
                int pgVersion = pgVersion(c);
                LintGate gate = new LintGate(BuiltInRules.linter(LintRun.settings(config, pgVersion), pgVersion),
                        config);
                if (dryRun) {
                    Plan plan = checked(planning.plan(readState(c, history, files, command, session)));
                    CheckedPlan checked = CheckedPlan.of(c, plan, gate, this::prepare);
                    List<PlannedMigration> planned = new ArrayList<>();
                    int serverMajor = Server.majorVersion(c);
                    for (int i = 0; i < plan.items().size(); i++) {
                        PreparedScript script = checked.scripts().get(i);
                        String bound = script.transactional() ? TrafficGuard.transactionTimeout(
                                config.get(Setting.DDL_STATEMENT_TIMEOUT), serverMajor, script.statements(),
                                script.lockTimeout()) : null;
                        planned.add(PlanRenderer.describe(plan.items().get(i), script, bound,
                                checked.findings().get(i), serverMajor));
                    }
                    String version = plan.state().currentVersion();
                    return new MigrateResult(command, runId, session.target().display(), true, version, version,
                            List.of(), List.copyOf(planned), elapsed(started));
                }
                session.announceTarget();
                HistoryAccess.require(c, history, session.target().display());
                Duration catchUp = config.get(Setting.REPLICA_CATCH_UP);
                if (!catchUp.isZero()) {
                    ReplicaCatchUp.checkVisible(c);
                }
                // The lock is held by the working session itself: it goes only when that backend has ended its
                // work (committed or rolled back), even when this process dies while the server runs on.
                AdvisoryLock lock = new AdvisoryLock(c, config.get(Setting.HISTORY_SCHEMA),
                        config.get(Setting.LOCK_WAIT), sleeper);
                MigrateResult result = lock.run(() -> {
                    TargetState state = readState(c, history, files, command, session);
                    history.ensure(c);
                    Plan plan = checked(planning.plan(state));
                    CheckedPlan checked = CheckedPlan.of(c, plan, gate, this::prepare);
                    LintGate.refuse(checked.blocking(gate));
                    String before = plan.state().currentVersion();
                    Progress progress = new Progress();
                    try {
                        execute(session, c, history, runId, plan, checked, progress);
                    } catch (LockstepException | SQLException e) {
                        LockstepException le = e instanceof LockstepException l ? l
                                : session.unexpected((SQLException) e, command);
                        throw failed(le, command, runId, session.target().display(), before, plan, checked.scripts(),
                                progress, c, history, files, started);
                    }
                    String after = history.readState(c, files).currentVersion();
                    return new MigrateResult(command, runId, session.target().display(), false, before, after,
                            List.copyOf(progress.executed), List.of(), elapsed(started));
                }, listener::notice);
                if (!catchUp.isZero() && !result.executed().isEmpty()) {
                    try {
                        listener.notice(new ReplicaCatchUp(c, catchUp, sleeper, listener).await(done(result)));
                    } catch (LockstepException e) {
                        throw new MigrateFailedException(e, result, null);
                    }
                }
                return result;
            } catch (SQLException e) {
                throw session.unexpected(e, command);
            }
        }
    }

    /** What a run has done so far: the migrations completed, and the plan item running (-1 between them). */
    private static final class Progress {
        final List<AppliedMigration> executed = new ArrayList<>();
        int running = -1;
    }

    /**
     * The history. A database without Lockstep history but with another tool's history table was migrated
     * by that tool: running the files would repeat its work. For migrate, a database with objects but no
     * history is refused unless allowed.
     */
    private TargetState readState(Connection c, HistoryStore history, MigrationSet files, String command,
                                  Session session) throws SQLException {
        TargetState state = history.readState(c, files);
        if (state.rows().isEmpty()) {
            ForeignTablesCheck.refuseIfAny(session, c);
            if (command.equals("migrate")) {
                UnmanagedDatabase.refuse(c, history, session.target().display(), config.get(Setting.ALLOW_NON_EMPTY));
            }
        }
        return state;
    }

    private void execute(Session session, Connection c, HistoryStore history, String runId, Plan plan,
                         CheckedPlan checked, Progress progress) throws SQLException {
        if (plan.items().isEmpty()) {
            return;
        }
        try (LockWaitMonitor monitor = new LockWaitMonitor(session.connect(), backendPid(c), listener)) {
            execute(c, history, runId, plan, checked, monitor, progress);
        }
    }

    /**
     * The failure of a run, with what the run did before it: the migrations it completed, the version it
     * left, and the failed migration with the statements of it that stay applied (read back from the
     * history, which the executor keeps per statement).
     */
    private MigrateFailedException failed(LockstepException e, String command, String runId, String database,
                                          String before, Plan plan, List<PreparedScript> scripts, Progress progress,
                                          Connection c, HistoryStore history, MigrationSet files, Instant started) {
        TargetState state = null;
        try {
            state = history.readState(c, files);
        } catch (SQLException | RuntimeException unreadable) {
            e.addSuppressed(unreadable);
        }
        FailedMigration failed = null;
        if (progress.running >= 0) {
            PlanItem item = plan.items().get(progress.running);
            PreparedScript script = scripts.get(progress.running);
            var m = item.migration();
            String version = m.version() == null ? null : m.version().text();
            Integer applied = script.transactional() ? Integer.valueOf(0) : null;
            if (applied == null && state != null) {
                applied = state.states().stream()
                        .filter(r -> Objects.equals(r.version(), version) && r.description().equals(m.description()))
                        .map(r -> r.failure() == null ? 0 : r.failure().statementsApplied()).findFirst().orElse(0);
            }
            failed = new FailedMigration(version, m.description(), script.script().path(), direction(item),
                    m.down() == null ? null : m.down().path(), script.transactional(), applied,
                    script.statements().size());
        }
        MigrateResult partial = new MigrateResult(command, runId, database, false, before,
                state == null ? null : state.currentVersion(), List.copyOf(progress.executed), List.of(),
                elapsed(started));
        return new MigrateFailedException(e, partial, failed);
    }

    private static String direction(PlanItem item) {
        return switch (item.action()) {
            case ROLLBACK -> "down";
            case RESUME -> "resume";
            default -> "up";
        };
    }

    private static int backendPid(Connection c) throws SQLException {
        try (java.sql.Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void execute(Connection c, HistoryStore history, String runId, Plan plan, CheckedPlan checked,
                         LockWaitMonitor monitor, Progress progress) throws SQLException {
        RunContext ctx = new RunContext(runId, config.installedBy(), toolVersion, config.clock(), listener, sleeper,
                new Random(), config, checked.tables());
        SessionReset reset = new SessionReset(config.get(Setting.IDLE_IN_TRANSACTION_TIMEOUT));
        MigrationExecutor executor = new MigrationExecutor(history, ctx);
        try {
            KeptHistory kept = KeptHistory.start(c, config.get(Setting.KEEP_HISTORY), plan);
            run(c, plan, checked.scripts(), monitor, executor, progress, reset, kept);
            // The runner's own writes after the last migration must not run as its role or with its search_path.
            reset.apply(c);
        } finally {
            recordDurations(c, history, runId, progress.executed);
        }
    }

    /** The durations migrate printed become those of the history rows; a failure here loses nothing else. */
    private void recordDurations(Connection c, HistoryStore history, String runId, List<AppliedMigration> executed) {
        try {
            new MeasuredDurations(history).record(c, runId, executed);
        } catch (SQLException e) {
            listener.notice("could not record the measured durations in the history: " + e.getMessage());
        }
    }

    private void run(Connection c, Plan plan, List<PreparedScript> scripts, LockWaitMonitor monitor,
                     MigrationExecutor executor, Progress progress, SessionReset reset, KeptHistory kept)
            throws SQLException {
        int n = plan.items().size();
        for (int i = 0; i < n; i++) {
            PlanItem item = plan.items().get(i);
            PreparedScript script = scripts.get(i);
            String direction = direction(item);
            var m = item.migration();
            MigrationEvent event = new MigrationEvent(m.version() == null ? null : m.version().text(), m.description(),
                    script.script().path(), direction, i + 1, n, script.transactional(), Duration.ZERO,
                    script.blockCount());
            // Every migration starts from the session a new connection has, whatever the one before it set.
            reset.apply(c);
            monitor.start(event);
            Duration took;
            LockWaitMonitor.Worst worst;
            progress.running = i;
            try {
                took = executor.run(c, item, script, event);
            } finally {
                worst = monitor.finish();
            }
            progress.running = -1;
            progress.executed.add(new AppliedMigration(event.version(), m.description(), event.script(), direction,
                    script.transactional(), took.toMillis(), worst.sessions(), worst.longestWaitMs()));
            if (kept != null) {
                reset.apply(c);
                kept.after(c, item);
            }
            if (m.verify() != null && item.action() != PlanItem.Action.ROLLBACK) {
                verifyAfter(c, m, event);
            }
        }
    }

    private int pgVersion(Connection c) throws SQLException {
        Integer configured = config.get(Setting.LINT_PG_VERSION);
        return configured != null ? configured : Server.majorVersion(c);
    }

    /** A migration's own verify script, right after it: a failure stops the run (the migration stays applied). */
    private void verifyAfter(Connection c, dev.lockstep.internal.source.ResolvedMigration m, MigrationEvent event) {
        var result = dev.lockstep.internal.verify.Verifier.assertion(c, m.verify().path(), m.verify().text());
        if (!result.passed()) {
            throw new LockstepException(ErrorCode.VALIDATION, "verification of migration " + event.version() + " ("
                    + m.verify().path() + ") failed: " + result.detail(), "migration " + event.version()
                    + " is applied; fix the data, or undo it with 'lockstep rollback --steps 1'; later migrations "
                    + "did not run");
        }
        listener.notice("verified migration " + event.version() + " with " + m.verify().path());
    }

    private PreparedScript prepare(PlanItem item) {
        var m = item.migration();
        var script = item.action() == PlanItem.Action.ROLLBACK ? m.down() : m.up();
        var directives = item.action() == PlanItem.Action.ROLLBACK
                ? m.downDirectives() : m.directives();
        return preparer.prepare(script, directives, config.get(Setting.LOCK_TIMEOUT));
    }

    /** Throws, listing them, when the plan has issues that forbid running it. */
    static Plan checked(Plan plan) {
        if (!plan.blocked()) {
            return plan;
        }
        List<String> lines = plan.issues().stream().map(ValidationIssue::message).toList();
        boolean onlyTarget = plan.issues().stream().allMatch(i -> i.kind() == ValidationIssue.Kind.UNKNOWN_TARGET);
        throw new LockstepException(onlyTarget ? ErrorCode.USAGE : ErrorCode.VALIDATION,
                String.join("\n", lines), hint(plan.issues()));
    }

    static String hint(List<ValidationIssue> issues) {
        Function<ValidationIssue.Kind, Boolean> has = k -> issues.stream().anyMatch(i -> i.kind() == k);
        List<String> hints = new ArrayList<>();
        if (has.apply(ValidationIssue.Kind.CHECKSUM_CHANGED)) {
            hints.add("restore the applied file as it was and put the change in a new migration "
                    + "(or, if the edit is harmless, run 'lockstep repair' to accept it)");
        }
        if (issues.stream().anyMatch(i -> i.message().startsWith(dev.lockstep.internal.plan.Planner.NONE_HERE))) {
            hints.add("point --dir (or dir in lockstep.toml) at the directory the history was applied from, or "
                    + "--url at the database these migrations belong to");
        } else if (has.apply(ValidationIssue.Kind.FILE_MISSING)) {
            hints.add("restore the missing file from version control");
        }
        if (has.apply(ValidationIssue.Kind.OUT_OF_ORDER)) {
            hints.add("renumber the new file above the highest applied version ('lockstep merge' does it), or pass "
                    + "--out-of-order");
        }
        if (has.apply(ValidationIssue.Kind.DOWN_SCRIPT_UNREADABLE)) {
            hints.add("fix the down script where the message points");
        }
        if (has.apply(ValidationIssue.Kind.ROLLBACK_STOPPED)) {
            hints.add("finish the rollback first: fix its down script and run 'lockstep rollback', which resumes at "
                    + "the failed statement");
        }
        if (has.apply(ValidationIssue.Kind.UNKNOWN_TARGET)) {
            hints.add("'lockstep status' lists the versions");
        }
        return String.join("; ", hints) + "; nothing was applied";
    }

    private static String done(MigrateResult r) {
        int n = r.executed().size();
        return (r.command().equals("rollback") ? "rolled back " : "applied ") + n + (n == 1 ? " migration" : " migrations")
                + " on the primary (now at version " + (r.versionAfter() == null ? "none" : r.versionAfter()) + ")";
    }

    private long elapsed(Instant started) {
        return Duration.between(started, config.clock().instant()).toMillis();
    }
}
