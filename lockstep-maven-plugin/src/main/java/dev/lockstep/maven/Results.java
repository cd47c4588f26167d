package dev.lockstep.maven;

import dev.lockstep.MigrateResult;
import dev.lockstep.PlannedMigration;
import dev.lockstep.PlannedStatement;
import org.apache.maven.plugin.logging.Log;

/** The summary of a migrate or rollback, and for a dry run the plan, statement by statement. */
final class Results {
    private Results() {
    }

    static void log(Log log, MigrateResult r) {
        if (r.dryRun()) {
            for (PlannedMigration m : r.plan()) {
                log.info("-- " + m.action() + " " + (m.version() == null ? "R" : m.version()) + ": " + m.description()
                        + " (" + m.script() + ")" + (m.transactional() ? "" : " statement by statement"));
                for (PlannedStatement s : m.statements()) {
                    String lock = s.lock() == null || s.lock().isEmpty() ? "" : " · lock: " + s.describeLocks();
                    log.info("   line " + s.line() + " · " + s.kind() + lock + ": " + s.sql());
                }
                m.findings().forEach(f -> log.warn("   " + f.severity().label() + "[" + f.rule() + "]: " + f.message()));
            }
            log.info("Dry run of " + r.command() + " on " + r.database() + ": " + r.plan().size()
                    + " migration(s) would run; nothing was changed.");
            return;
        }
        String verb = r.command().equals("rollback") ? "Rolled back " : "Applied ";
        log.info(verb + r.executed().size() + " migration(s) on " + r.database() + " in " + r.durationMs()
                + " ms; now at version " + (r.versionAfter() == null ? "none" : r.versionAfter()) + ".");
    }
}
