package dev.lockstep.internal.lint.rules;

import dev.lockstep.internal.lint.Findings;
import dev.lockstep.internal.lint.LintStatement;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.ScriptContext;
import dev.lockstep.internal.sql.StatementKind;
import dev.lockstep.lint.Severity;
import java.util.Set;

public final class RequireConcurrentRefresh extends Rule {
    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks every read of the view while its query runs";
    }

    @Override
    public String why() {
        return "A plain refresh takes ACCESS EXCLUSIVE on the materialized view for as long as its query takes: "
                + "every SELECT of the view waits. REFRESH MATERIALIZED VIEW CONCURRENTLY takes EXCLUSIVE, which "
                + "lets reads go on; it needs a unique index on the view (one without a WHERE clause, on columns "
                + "only). A view created earlier in the same file has no readers yet and is not reported, nor is "
                + "WITH NO DATA, which does not run the query.";
    }

    @Override
    public String instead() {
        return "CREATE UNIQUE INDEX CONCURRENTLY daily_totals_day ON daily_totals (day);  -- once\n"
                + "REFRESH MATERIALIZED VIEW CONCURRENTLY daily_totals;";
    }

    @Override
    public String example() {
        return "REFRESH MATERIALIZED VIEW daily_totals;";
    }

    @Override
    public Set<StatementKind> kinds() {
        return Set.of(StatementKind.REFRESH_MATERIALIZED_VIEW);
    }

    @Override
    public void check(ScriptContext script, Findings findings) {
        for (LintStatement s : script.statements()) {
            if (s.kind() != StatementKind.REFRESH_MATERIALIZED_VIEW || s.hasSequence("WITH", "NO", "DATA")) {
                continue;
            }
            String view = s.nameAfter(s.indexOf("VIEW", 0));
            if (view == null || createdBefore(script, s, view)) {
                continue;
            }
            findings.add(s, "the refresh of " + view + " blocks every read of it until its query has run", "",
                    "REFRESH MATERIALIZED VIEW CONCURRENTLY " + view + ";  -- needs a unique index on the view");
        }
    }

    private static boolean createdBefore(ScriptContext script, LintStatement s, String view) {
        String name = dev.lockstep.internal.lint.Names.normalize(view);
        for (LintStatement e : script.statements().subList(0, s.index())) {
            if (e.kind() == StatementKind.CREATE_MATERIALIZED_VIEW
                    && name.equals(dev.lockstep.internal.lint.Names.normalize(e.nameAfter(e.indexOf("VIEW", 0))))) {
                return true;
            }
        }
        return false;
    }
}
