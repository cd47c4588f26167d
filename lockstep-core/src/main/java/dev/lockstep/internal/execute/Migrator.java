package dev.lockstep.internal.execute;

import dev.lockstep.AppliedMigration;
import dev.lockstep.LockstepConfig;
import dev.lockstep.MigrateResult;
import dev.lockstep.PlannedMigration;
import dev.lockstep.ValidationIssue;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.history.HistoryRow;
import dev.lockstep.internal.history.HistoryStore;
import dev.lockstep.internal.plan.Plan;
import dev.lockstep.internal.plan.PlanItem;
import dev.lockstep.internal.plan.Planner;
import dev.lockstep.internal.plan.Reconciler;
import dev.lockstep.internal.lint.LintRun;
import dev.lockstep.internal.lint.Linter;
import dev.lockstep.internal.source.FilesInBackground;
import dev.lockstep.lint.Severity;
import dev.lockstep.lint.Violation;
import dev.lockstep.internal.source.MigrationSet;
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
 * {@code migrate} and {@code rollback}: load the files, take the runner lock, create the history table
 * if needed, plan against the history read under the lock, check every script before running any, then
 * run them. A dry run does the reading and planning only, without the lock or the history table.
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

    public MigrateResult migrate(String target, boolean dryRun) {
        return run("migrate", dryRun, (rows, files) -> planner.migrate(files, rows, target, config.outOfOrder()));
    }

    public MigrateResult rollback(Integer steps, String toVersion, boolean dryRun) {
        return run("rollback", dryRun, (rows, files) -> planner.rollback(files, rows, steps, toVersion));
    }

    private interface Planning {
        Plan plan(List<HistoryRow> rows, MigrationSet files);
    }

    private MigrateResult run(String command, boolean dryRun, Planning planning) {
        Instant started = config.clock().instant();
        FilesInBackground loading = FilesInBackground.start(config);
        HistoryStore history = new HistoryStore(config.historySchema());
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
                if (dryRun) {
                    List<HistoryRow> rows = history.readAll(c);
                    Plan plan = checked(planning.plan(rows, files));
                    Linter linter = new Linter(config.lint(), pgVersion(c));
                    List<PlannedMigration> planned = new ArrayList<>();
                    for (PlanItem item : plan.items()) {
                        planned.add(PlanRenderer.describe(item, prepare(item), lint(linter, item)));
                    }
                    String version = Reconciler.currentVersion(plan.states());
                    return new MigrateResult(command, runId, session.target().display(), true, version, version,
                            List.of(), List.copyOf(planned), elapsed(started));
                }
                Connection lockConnection = session.connect();
                AdvisoryLock lock = new AdvisoryLock(lockConnection, config.historySchema(), config.lockWait(), sleeper);
                return lock.run(() -> {
                    history.ensure(c);
                    Plan plan = checked(planning.plan(history.readAll(c), files));
                    List<PreparedScript> scripts = new ArrayList<>();
                    Linter linter = new Linter(config.lint(), pgVersion(c));
                    List<Violation> blocking = new ArrayList<>();
                    for (PlanItem item : plan.items()) {
                        scripts.add(prepare(item));
                        lint(linter, item).stream().filter(v -> v.severity() == Severity.ERROR).forEach(blocking::add);
                    }
                    refuseUnsafe(blocking);
                    String before = Reconciler.currentVersion(plan.states());
                    List<AppliedMigration> executed = execute(session, c, history, runId, plan, scripts);
                    String after = Reconciler.currentVersion(new Reconciler().reconcile(files, history.readAll(c)));
                    return new MigrateResult(command, runId, session.target().display(), false, before, after,
                            List.copyOf(executed), List.of(), elapsed(started));
                }, listener::notice);
            } catch (SQLException e) {
                throw session.unexpected(e, command);
            }
        }
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
                new Random(), config.lockRetries(), config.traffic());
        try (java.sql.Statement st = c.createStatement()) {
            // Backstop: if this runner stops mid-transaction, the server ends the session and its locks go.
            st.execute("SET idle_in_transaction_session_timeout = '"
                    + config.traffic().idleInTransactionTimeout().toMillis() + "ms'");
        }
        MigrationExecutor executor = new MigrationExecutor(history, ctx);
        List<AppliedMigration> executed = new ArrayList<>();
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
        return executed;
    }

    private int pgVersion(Connection c) throws SQLException {
        return config.lint().pgVersion() != null ? config.lint().pgVersion() : LintRun.serverVersion(c);
    }

    /**
     * Findings for what an item runs: a pending migration's up script and its down script (only what would
     * make the down script fail), a rollback's down script likewise.
     */
    private static List<Violation> lint(Linter linter, PlanItem item) {
        if (item.action() == PlanItem.Action.ROLLBACK) {
            return linter.lintDown(item.migration());
        }
        return linter.lintPending(item.migration());
    }

    private void refuseUnsafe(List<Violation> errors) {
        if (errors.isEmpty() || config.lint().allowUnsafe()) {
            return;
        }
        StringBuilder sb = new StringBuilder(errors.size() + " lint error" + (errors.size() == 1 ? "" : "s")
                + " in pending migrations; nothing was applied:");
        for (Violation v : errors) {
            sb.append("\n  ").append(v.span()).append(": ").append(v.rule()).append(": ").append(v.message());
        }
        throw new LockstepException(ErrorCode.BLOCKED, sb.toString(), "fix them (lockstep lint shows what to write "
                + "instead), suppress one with -- lockstep:ignore <rule> <reason>, or pass --allow-unsafe");
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
        return preparer.prepare(script, directives, config.lockTimeout());
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
