package dev.lockstep.internal.guard;

import dev.lockstep.PreflightReport;
import java.sql.SQLException;

/** One preflight check: looks, measures, and says pass, warn or fail with what it measured. */
@FunctionalInterface
interface Check {
    PreflightReport.Check run(GuardContext ctx) throws SQLException;
}
