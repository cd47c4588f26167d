package dev.lockstep.internal.execute;

import dev.lockstep.DeployPlan;
import dev.lockstep.LockstepConfig;
import dev.lockstep.MigrateOptions;
import dev.lockstep.Phase;
import dev.lockstep.PlannedMigration;
import dev.lockstep.Setting;
import dev.lockstep.internal.history.HistoryStore;
import dev.lockstep.internal.history.UnmanagedDatabase;
import dev.lockstep.internal.lint.LintRun;
import dev.lockstep.internal.lint.rules.BuiltInRules;
import dev.lockstep.internal.pg.Server;
import dev.lockstep.internal.pg.Session;
import dev.lockstep.internal.plan.Plan;
import dev.lockstep.internal.plan.PlanHash;
import dev.lockstep.internal.plan.PlanItem;
import dev.lockstep.internal.plan.Planner;
import dev.lockstep.internal.source.Checksum;
import dev.lockstep.internal.source.FilesInBackground;
import dev.lockstep.internal.source.MigrationSet;
import dev.lockstep.internal.source.ResolvedMigration;
import dev.lockstep.internal.state.TargetState;
import dev.lockstep.lint.Violation;
import dev.lockstep.spi.RunListener;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the plan a deploy would run, for review: read-only, like {@code migrate --dry-run}, plus the down
 * plan, the lint gate's verdicts, the target's identity and the hash of it all.
 */
public final class PlanReview {
    private final LockstepConfig config;
    private final RunListener listener;
    private final String toolVersion;
    private final ScriptPreparer preparer = new ScriptPreparer();

    public PlanReview(LockstepConfig config, RunListener listener, String toolVersion) {
        this.config = config;
        this.listener = listener;
        this.toolVersion = toolVersion;
    }

    public DeployPlan make(Phase phase, String user) {
        FilesInBackground loading = FilesInBackground.start(config, dev.lockstep.internal.pg.Target.isEmbedded(config));
        Session opened;
        Connection c;
        try {
            opened = Session.open(config, listener, "lockstep plan");
            c = opened.connect();
        } catch (RuntimeException e) {
            throw loading.preferFileError(e);
        }
        try (Session session = opened) {
            MigrationSet files = loading.get();
            try {
                HistoryStore history = new HistoryStore(config.get(Setting.HISTORY_SCHEMA));
                TargetState state = history.readState(c, files);
                if (state.rows().isEmpty()) {
                    UnmanagedDatabase.refuse(c, history, session.target().display(),
                            config.get(Setting.ALLOW_NON_EMPTY));
                }
                Integer configured = config.get(Setting.LINT_PG_VERSION);
                int pgVersion = configured != null ? configured : Server.majorVersion(c);
                LintGate gate = new LintGate(BuiltInRules.linter(LintRun.settings(config, pgVersion), pgVersion),
                        config);
                Plan plan = PhaseGuard.check(new Planner().migrate(state, null, config.get(Setting.OUT_OF_ORDER), phase),
                        new MigrateOptions(null, true, phase, null), config, listener);
                DeployPlan.Inputs inputs = new DeployPlan.Inputs(toolVersion, config.environment(), target(c),
                        config.get(Setting.HISTORY_SCHEMA), phase == null ? null : phase.word(),
                        state.currentVersion(), plan.digest(), sums(files), PlanSettings.of(config));
                CheckedPlan checked = CheckedPlan.of(c, plan, gate, item -> preparer.prepare(item.migration().up(),
                        item.migration().directives(), config.get(Setting.LOCK_TIMEOUT)));
                return withHash(describe(plan, gate, checked, Server.majorVersion(c), inputs, session.target().display(),
                        user));
            } catch (SQLException e) {
                throw session.unexpected(e, "planning the deploy");
            }
        }
    }

    private DeployPlan describe(Plan plan, LintGate gate, CheckedPlan checked, int serverMajor, DeployPlan.Inputs inputs,
                                String database, String user) {
        List<PlannedMigration> up = new ArrayList<>();
        List<DeployPlan.LintVerdict> verdicts = new ArrayList<>();
        List<PlannedMigration> down = new ArrayList<>();
        List<String> irreversible = new ArrayList<>();
        for (int i = 0; i < plan.items().size(); i++) {
            PlanItem item = plan.items().get(i);
            ResolvedMigration m = item.migration();
            List<Violation> findings = checked.findings().get(i);
            PreparedScript script = checked.scripts().get(i);
            String bound = script.transactional() ? TrafficGuard.transactionTimeout(
                    config.get(Setting.DDL_STATEMENT_TIMEOUT), serverMajor, script.statements(), script.lockTimeout())
                    : null;
            up.add(PlanRenderer.describe(item, script, bound, findings, serverMajor));
            List<Violation> blocking = gate.blocking(findings);
            for (Violation v : findings) {
                String verdict = blocking.contains(v) ? "blocks" : v.blocking() ? "allowed by allow-unsafe"
                        : v.verdict() != null ? v.verdict().toString() : "does not block";
                verdicts.add(new DeployPlan.LintVerdict(m.id(), v.rule(), v.severity().label(), v.span().toString(),
                        v.message(), verdict));
            }
        }
        for (int i = plan.items().size() - 1; i >= 0; i--) {
            ResolvedMigration m = plan.items().get(i).migration();
            if (m.version() == null || !m.hasDown() || m.downIsEmpty()) {
                irreversible.add(m.id());
                continue;
            }
            PlanItem undo = new PlanItem(PlanItem.Action.ROLLBACK, m, null);
            down.add(PlanRenderer.describe(undo, preparer.prepare(m.down(), m.downDirectives(),
                    config.get(Setting.LOCK_TIMEOUT)), null, gate.findings(undo), serverMajor));
        }
        return new DeployPlan(DeployPlan.FORMAT, null, config.clock().instant().toString(), user, database, inputs,
                List.copyOf(up), List.copyOf(down), List.copyOf(irreversible), List.copyOf(verdicts));
    }

    private static DeployPlan withHash(DeployPlan p) {
        return new DeployPlan(p.format(), PlanHash.of(p), p.createdAt(), p.createdBy(), p.database(), p.inputs(),
                p.migrations(), p.down(), p.irreversible(), p.lint());
    }

    private static List<DeployPlan.FileSum> sums(MigrationSet files) {
        List<DeployPlan.FileSum> out = new ArrayList<>();
        for (ResolvedMigration m : files.versioned()) {
            out.add(sum(m));
        }
        for (ResolvedMigration m : files.repeatable()) {
            out.add(sum(m));
        }
        return List.copyOf(out);
    }

    private static DeployPlan.FileSum sum(ResolvedMigration m) {
        return new DeployPlan.FileSum(m.id(), m.up().name(), m.checksum(), m.down() == null ? null : m.down().name(),
                m.down() == null ? null : Checksum.of(m.down().text()));
    }

    /** The database by name, oid and cluster: a database of the same name elsewhere is another target. */
    private static DeployPlan.Target target(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_database(), d.oid, "
                + "current_setting('server_version_num')::int / 10000, CASE WHEN has_function_privilege("
                + "'pg_control_system()', 'EXECUTE') THEN (SELECT system_identifier::text FROM pg_control_system()) "
                + "END FROM pg_database d WHERE d.datname = current_database()")) {
            rs.next();
            return new DeployPlan.Target(rs.getString(1), rs.getLong(2), rs.getString(4), rs.getInt(3));
        }
    }
}
