package dev.lockstep.internal.execute;

import dev.lockstep.PlannedMigration;
import dev.lockstep.PlannedStatement;
import dev.lockstep.internal.plan.PlanItem;
import dev.lockstep.internal.sql.LockLevel;
import dev.lockstep.internal.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Describes prepared plan items as the public {@link PlannedMigration} records of a dry run. */
final class PlanRenderer {
    private PlanRenderer() {
    }

    static PlannedMigration describe(PlanItem item, PreparedScript script, String transactionTimeout,
                                     List<dev.lockstep.lint.Violation> findings) {
        List<PlannedStatement> statements = new ArrayList<>();
        for (SqlStatement s : script.statements()) {
            LockLevel lock = s.info().lock();
            statements.add(new PlannedStatement(script.script().fileLine(s.line()), s.sql(),
                    s.info().kind().name().replace('_', ' '), lock == LockLevel.NONE ? "none" : lock.sqlName(),
                    s.info().tables()));
        }
        int skip = ResumePoint.resumes(item) ? item.resumeFrom().statementsApplied() : 0;
        var m = item.migration();
        return new PlannedMigration(m.version() == null ? null : m.version().text(), m.description(),
                script.script().path(), item.action().name().toLowerCase(Locale.ROOT), script.transactional(),
                script.reason(), script.lockTimeout().toMillis() + "ms", transactionTimeout, skip,
                List.copyOf(statements), List.copyOf(findings), script.blockCount());
    }
}
