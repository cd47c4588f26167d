package dev.lockstep.internal.execute;

import dev.lockstep.PlannedMigration;
import dev.lockstep.PlannedStatement;
import dev.lockstep.internal.lint.HeldLock;
import dev.lockstep.internal.lint.LintStatement;
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

    /** @param pgVersion the server's major version (some locks depend on it) */
    static PlannedMigration describe(PlanItem item, PreparedScript script, String transactionTimeout,
                                     List<dev.lockstep.lint.Violation> findings, int pgVersion) {
        List<PlannedStatement> statements = new ArrayList<>();
        for (SqlStatement s : script.statements()) {
            LockLevel lock = s.info().lock();
            int line = script.script().fileLine(s.line());
            List<String> locks = new ArrayList<>();
            for (HeldLock held : new LintStatement(s, line, s.index(), pgVersion).locks()) {
                if (held.mode() != LockLevel.NONE) {
                    locks.add(held.toString());
                }
            }
            statements.add(new PlannedStatement(line, s.sql(), s.info().kind().name().replace('_', ' '),
                    lock == LockLevel.NONE ? "none" : lock.sqlName(), s.info().tables(), List.copyOf(locks)));
        }
        int skip = ResumePoint.resumes(item) ? item.resumeFrom().statementsApplied() : 0;
        var m = item.migration();
        return new PlannedMigration(m.version() == null ? null : m.version().text(), m.description(),
                script.script().path(), item.action().name().toLowerCase(Locale.ROOT), script.transactional(),
                script.reason(), script.lockTimeout().toMillis() + "ms", transactionTimeout, skip,
                List.copyOf(statements), List.copyOf(findings), script.blockCount());
    }
}
