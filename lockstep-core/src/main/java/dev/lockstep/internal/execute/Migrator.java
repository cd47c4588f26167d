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
import dev.lockstep.MigrationState;
import dev.lockstep.internal.adopt.HistoryMirror;
import dev.lockstep.internal.history.HistoryStore;
import dev.lockstep.internal.source.ResolvedMigration;
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
            if (files.ignoredNotice() != null) {
                listener.notice(files.ignoredNotice());
            }
            try {
                int pgVersion = pgVersion(c);
                LintGate gate = new LintGate(BuiltInRules.linter(LintRun.settings(config, pgVersion), pgVersion),
                        config);
                if (dryRun) {
                    Plan plan = checked(planning.plan(adopted(session, c, history.readState(c, files))));
                    Checked checked = check(c, plan, gate);
                    List<PlannedMigration> planned = new ArrayList<>();
                    for (int i = 0; i < plan.items().size(); i++) {
                        planned.add(PlanRenderer.describe(plan.items().get(i), checked.scripts.get(i),
                                checked.findings.get(i)));
                    }
                    String version = plan.state().currentVersion();
                    return new MigrateResult(command, runId, session.target().display(), true, version, version,
                            List.of(), List.copyOf(planned), elapsed(started));
                }
                Connection lockConnection = session.connect();
                AdvisoryLock lock = new AdvisoryLock(lockConnection, config.get(Setting.HISTORY_SCHEMA),
                        config.get(Setting.LOCK_WAIT), sleeper);
                return lock.run(() -> {
                    TargetState state = adopted(session, c, history.readState(c, files));
                    history.ensure(c);
                    Plan plan = checked(planning.plan(state));
                    Checked checked = check(c, plan, gate);
                    List<Violation> blocking = new ArrayList<>();
                    checked.findings.forEach(f -> blocking.addAll(gate.blocking(f)));
                    LintGate.refuse(blocking);
                    String before = plan.state().currentVersion();
                    List<AppliedMigration> executed = execute(session, c, history, runId, plan, checked);
                    String after = history.readState(c, files).currentVersion();
                    return new MigrateResult(command, runId, session.target().display(), false, before, after,
                            List.copyOf(executed), List.of(), elapsed(started));
                }, listener::notice);
            } catch (SQLException e) {
                throw session.unexpected(e, command);
            }
        }
    }

    /**
     * The state, when it may be planned: a database without Lockstep history but with another tool's
     * history table was migrated by that tool, and running the files again would repeat its work.
     */
    private static TargetState adopted(Session session, Connection c, TargetState state) throws SQLException {
        if (state.rows().isEmpty()) {
            ForeignTablesCheck.refuseIfAny(session, c);
        }
        return state;
    }

    /** Every script of the plan split and prepared, its findings judged against the catalog: before anything runs. */
    private record Checked(List<PreparedScript> scripts, List<List<Violation>> findings, TablesInRun tables) {
    }

    private Checked check(Connection c, Plan plan, LintGate gate) throws SQLException {
        List<PreparedScript> scripts = new ArrayList<>();
        List<TablesInRun.Step> steps = new ArrayList<>();
        for (PlanItem item : plan.items()) {
            PreparedScript script = prepare(item);
            scripts.add(script);
            steps.add(new TablesInRun.Step(MigrationExecutor.label(item), script.statements()));
        }
        TablesInRun tables = plan.items().isEmpty() ? TablesInRun.UNKNOWN
                : TablesInRun.of(steps, TableStats.read(c, TablesInRun.names(steps)));
        List<List<Violation>> findings = new ArrayList<>();
        for (int i = 0; i < plan.items().size(); i++) {
            PlanItem item = plan.items().get(i);
            var m = item.migration();
            findings.add(gate.judge(m.version() == null ? null : m.version().text(), i, scripts.get(i).script(),
                    scripts.get(i).statements(), gate.findings(item), tables));
        }
        return new Checked(scripts, findings, tables);
    }

    private List<AppliedMigration> execute(Session session, Connection c, HistoryStore history, String runId, Plan plan,
                                           Checked checked) throws SQLException {
        if (plan.items().isEmpty()) {
            return List.of();
        }
        try (LockWaitMonitor monitor = new LockWaitMonitor(session.connect(), backendPid(c), listener)) {
            return execute(c, history, runId, plan, checked, monitor);
        }
    }

    private static int backendPid(Connection c) throws SQLException {
        try (java.sql.Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private List<AppliedMigration> execute(Connection c, HistoryStore history, String runId, Plan plan,
                                           Checked checked, LockWaitMonitor monitor) throws SQLException {
        List<PreparedScript> scripts = checked.scripts();
        RunContext ctx = new RunContext(runId, config.installedBy(), toolVersion, config.clock(), listener, sleeper,
                new Random(), config, checked.tables());
        try (java.sql.Statement st = c.createStatement()) {
            // Backstop: if this runner stops mid-transaction, the server ends the session and its locks go.
            st.execute("SET idle_in_transaction_session_timeout = '"
                    + config.get(Setting.IDLE_IN_TRANSACTION_TIMEOUT).toMillis() + "ms'");
        }
        MigrationExecutor executor = new MigrationExecutor(history, ctx);
        HistoryMirror mirror = HistoryMirror.of(config.get(Setting.KEEP_HISTORY));
        java.util.TreeMap<dev.lockstep.MigrationVersion, ResolvedMigration> applied = new java.util.TreeMap<>();
        if (mirror != null) {
            mirror.prepare(c);
            plan.state().states().stream().filter(r -> r.migration() != null && r.migration().version() != null
                    && (r.state() == MigrationState.APPLIED || r.state() == MigrationState.CHANGED
                    || r.state() == MigrationState.BELOW_BASELINE))
                    .forEach(r -> applied.put(r.migration().version(), r.migration()));
            mirror.sync(c, List.copyOf(applied.values()));
        }
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
            if (mirror != null && m.version() != null) {
                boolean up = item.action() != PlanItem.Action.ROLLBACK;
                if (up) {
                    applied.put(m.version(), m);
                } else {
                    applied.remove(m.version());
                }
                mirror.record(c, m, up, applied.isEmpty() ? null : applied.lastEntry().getValue());
            }
            if (m.verify() != null && item.action() != PlanItem.Action.ROLLBACK) {
                verifyAfter(c, m, event);
            }
        }
        return executed;
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
        if (has.apply(ValidationIssue.Kind.UNKNOWN_TARGET)) {
            hints.add("'lockstep status' lists the versions");
        }
        return String.join("; ", hints) + "; nothing was applied";
    }

    private long elapsed(Instant started) {
        return Duration.between(started, config.clock().instant()).toMillis();
    }
}
