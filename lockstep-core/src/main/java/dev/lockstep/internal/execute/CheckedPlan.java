package dev.lockstep.internal.execute;

import dev.lockstep.internal.plan.Plan;
import dev.lockstep.internal.plan.PlanItem;
import dev.lockstep.lint.Violation;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Every script of a plan split and prepared, and its findings judged against the catalog: all before
 * anything runs.
 *
 * @param tables what the catalog said of the run's tables (unknown for an empty plan)
 */
record CheckedPlan(List<PreparedScript> scripts, List<List<Violation>> findings, TablesInRun tables) {

    static CheckedPlan of(Connection c, Plan plan, LintGate gate, Function<PlanItem, PreparedScript> prepare)
            throws SQLException {
        List<PreparedScript> scripts = new ArrayList<>();
        List<TablesInRun.Step> steps = new ArrayList<>();
        for (PlanItem item : plan.items()) {
            PreparedScript script = prepare.apply(item);
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
        return new CheckedPlan(List.copyOf(scripts), List.copyOf(findings), tables);
    }

    /** The findings that stop the run. */
    List<Violation> blocking(LintGate gate) {
        List<Violation> out = new ArrayList<>();
        findings.forEach(f -> out.addAll(gate.blocking(f)));
        return out;
    }
}
