package dev.lockstep.internal.execute;

import dev.lockstep.AppliedMigration;
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
import dev.lockstep.internal.plan.Plan;
import dev.lockstep.internal.plan.PlanItem;
import dev.lockstep.internal.plan.Planner;
import dev.lockstep.internal.source.FilesInBackground;
import dev.lockstep.internal.source.MigrationSet;
import dev.lockstep.internal.state.TargetState;
import dev.lockstep.lint.Violation;
import dev.lockstep.spi.MigrationEvent;
import dev.lockstep.spi.RunListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    public Migrator(LockstepConfig config, RunListener listener, Sleeper sleeper, String toolVersion) {
        this.config = config;
        this.listener = listener;
        this.sleeper = sleeper;
        this.toolVersion = toolVersion;
    }

    public MigrateResult migrate(MigrateOptions options) {
        return run("migrate", options.dryRun(), state -> planner.migrate(state, options.target(),
                config.get(Setting.OUT_OF_ORDER)));
    }

    public MigrateResult rollback(RollbackOptions options) {
        return run("rollback", options.dryRun(), state -> planner.rollback(state, options.steps(),
                options.toVersion()));
    }

    private interface Planning {
        Plan plan(TargetState state);
    }

    private MigrateResult run(String command, boolean dryRun, Planning planning) {
        Instant started = config.clock().instant();
        FilesInBackground loading = FilesInBackground.start(config);
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
            try {
                int pgVersion = pgVersion(c);
                LintGate gate = new LintGate(BuiltInRules.linter(LintRun.settings(config, pgVersion), pgVersion),
                        config.get(Setting.ALLOW_UNSAFE));
                if (dryRun) {
                    Plan plan = checked(planning.plan(readState(c, history, files, command, session)));
                    List<PlannedMigration> planned = new ArrayList<>();
                    int serverMajor = Server.majorVersion(c);
                    for (PlanItem item : plan.items()) {
                        PreparedScript script = prepare(item);
                        String bound = script.transactional() ? TrafficGuard.transactionTimeout(
                                config.get(Setting.DDL_STATEMENT_TIMEOUT), serverMajor, script.statements(),
                                script.lockTimeout()) : null;
                        planned.add(PlanRenderer.describe(item, script, bound, gate.findings(item)));
                    }
                    String version = plan.state().currentVersion();
                    return new MigrateResult(command, runId, session.target().display(), true, version, version,
                            List.of(), List.copyOf(planned), elapsed(started));
                }
                HistoryAccess.require(c, history, session.target().display());
                // The lock is held by the working session itself: it goes only when that backend has ended its
                // work (committed or rolled back), even when this process dies while the server runs on.
                AdvisoryLock lock = new AdvisoryLock(c, config.get(Setting.HISTORY_SCHEMA),
                        config.get(Setting.LOCK_WAIT), sleeper);
                return lock.run(() -> {
                    TargetState state = readState(c, history, files, command, session);
                    history.ensure(c);
                    Plan plan = checked(planning.plan(state));
                    List<PreparedScript> scripts = new ArrayList<>();
                    List<Violation> blocking = new ArrayList<>();
                    for (PlanItem item : plan.items()) {
                        scripts.add(prepare(item));
                        blocking.addAll(gate.blocking(gate.findings(item)));
                    }
                    LintGate.refuse(blocking);
                    String before = plan.state().currentVersion();
                    List<AppliedMigration> executed = execute(session, c, history, runId, plan, scripts);
                    String after = history.readState(c, files).currentVersion();
                    return new MigrateResult(command, runId, session.target().display(), false, before, after,
                            List.copyOf(executed), List.of(), elapsed(started));
                }, listener::notice);
            } catch (SQLException e) {
                throw session.unexpected(e, command);
            }
        }
    }

    /** The history; for migrate, a database with objects but no history is refused unless allowed. */
    private TargetState readState(Connection c, HistoryStore history, MigrationSet files, String command,
                                  Session session) throws SQLException {
        TargetState state = history.readState(c, files);
        if (state.rows().isEmpty() && command.equals("migrate")) {
            UnmanagedDatabase.refuse(c, history, session.target().display(), config.get(Setting.ALLOW_NON_EMPTY));
        }
        return state;
    }

    private List<AppliedMigration> execute(Session session, Connection c, HistoryStore history, String runId, Plan plan,
                                           List<PreparedScript> scripts) throws SQLException {
        if (plan.items().isEmpty()) {
            return List.of();
        }
        try (LockWaitMonitor monitor = new LockWaitMonitor(session.connect(), backendPid(c), listener)) {
            return execute(c, history, runId, plan, scripts, monitor);
        }
    }

    private static int backendPid(Connection c) throws SQLException {
        try (java.sql.Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private List<AppliedMigration> execute(Connection c, HistoryStore history, String runId, Plan plan,
                                           List<PreparedScript> scripts, LockWaitMonitor monitor) throws SQLException {
        RunContext ctx = new RunContext(runId, config.installedBy(), toolVersion, config.clock(), listener, sleeper,
                new Random(), config);
        SessionReset reset = new SessionReset(config.get(Setting.IDLE_IN_TRANSACTION_TIMEOUT));
        MigrationExecutor executor = new MigrationExecutor(history, ctx);
        List<AppliedMigration> executed = new ArrayList<>();
        try {
            run(c, plan, scripts, monitor, executor, executed, reset);
            // The runner's own writes after the last migration must not run as its role or with its search_path.
            reset.apply(c);
        } finally {
            recordDurations(c, history, runId, executed);
        }
        return executed;
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
                     MigrationExecutor executor, List<AppliedMigration> executed, SessionReset reset)
            throws SQLException {
        int n = plan.items().size();
        for (int i = 0; i < n; i++) {
            PlanItem item = plan.items().get(i);
            PreparedScript script = scripts.get(i);
            String direction = switch (item.action()) {
                case ROLLBACK -> "down";
                case RESUME -> "resume";
                default -> "up";
            };
            var m = item.migration();
            MigrationEvent event = new MigrationEvent(m.version() == null ? null : m.version().text(), m.description(),
                    script.script().path(), direction, i + 1, n, script.transactional(), Duration.ZERO);
            // Every migration starts from the session a new connection has, whatever the one before it set.
            reset.apply(c);
            monitor.start(event);
            Duration took;
            LockWaitMonitor.Worst worst;
            try {
                took = executor.run(c, item, script, event);
            } finally {
                worst = monitor.finish();
            }
            executed.add(new AppliedMigration(event.version(), m.description(), event.script(), direction,
                    script.transactional(), took.toMillis(), worst.sessions(), worst.longestWaitMs()));
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
                ? new dev.lockstep.internal.source.DirectiveParser().parse(script) : m.directives();
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
        if (has.apply(ValidationIssue.Kind.FILE_MISSING)) {
            hints.add("restore the missing file from version control");
        }
        if (has.apply(ValidationIssue.Kind.OUT_OF_ORDER)) {
            hints.add("renumber the new file above the highest applied version, or pass --out-of-order");
        }
        if (has.apply(ValidationIssue.Kind.DOWN_SCRIPT_UNREADABLE)) {
            hints.add("fix the down script where the message points");
        }
        if (has.apply(ValidationIssue.Kind.UNKNOWN_TARGET)) {
            hints.add("'lockstep status' lists the versions");
        }
        return String.join("; ", hints) + "; nothing was applied";
    }

    private long elapsed(Instant started) {
        return Duration.between(started, config.clock().instant()).toMillis();
    }
}
