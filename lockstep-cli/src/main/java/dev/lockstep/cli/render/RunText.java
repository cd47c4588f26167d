package dev.lockstep.cli.render;

import dev.lockstep.Durations;
import dev.lockstep.MigrateResult;
import dev.lockstep.PlannedMigration;
import dev.lockstep.PlannedStatement;
import dev.lockstep.cli.Console;
import java.time.Duration;

/** Text for {@code migrate} and {@code rollback}: the summary of a run, or a dry run's plan as SQL. */
public final class RunText {
    private RunText() {
    }

    /** The progress listener for a run; close it when the run ends. */
    public static ProgressHandle progress(Console console) {
        return new ProgressHandle(console);
    }

    public static void render(Console console, MigrateResult r) {
        if (r.dryRun()) {
            renderPlan(console, r);
            return;
        }
        boolean down = r.command().equals("rollback");
        int n = r.executed().size();
        if (n == 0) {
            console.println(down ? "Nothing to roll back in " + r.database() + "."
                    : r.database() + " is up to date" + at(r.versionAfter()) + "; nothing to apply.");
            return;
        }
        console.println((down ? "Rolled back " : "Applied ") + n + " migration" + (n == 1 ? "" : "s") + " on "
                + r.database() + " in " + Durations.format(Duration.ofMillis(r.durationMs())) + "; now"
                + (r.versionAfter() == null ? " at no version" : " at version " + r.versionAfter()) + ".");
    }

    private static String at(String version) {
        return version == null ? "" : " at version " + version;
    }

    private static void renderPlan(Console console, MigrateResult r) {
        console.println("-- Dry run of " + r.command() + " on " + r.database() + ": nothing will be changed.");
        console.println("-- Current version: " + (r.versionBefore() == null ? "none" : r.versionBefore()));
        if (r.plan().isEmpty()) {
            console.println("-- Nothing to " + (r.command().equals("rollback") ? "roll back" : "apply") + ".");
            return;
        }
        for (PlannedMigration m : r.plan()) {
            console.println("");
            console.println("-- " + m.action() + " " + (m.version() == null ? "repeatable" : m.version()) + ": "
                    + m.description() + " (" + m.script() + ")");
            if (m.transactional()) {
                console.println("BEGIN;");
                if (m.transactionTimeout() != null) {
                    console.println("SET LOCAL transaction_timeout = '" + m.transactionTimeout()
                            + "';  -- ddl-statement-timeout + lock_timeout: the write-blocking lock is held to COMMIT");
                }
                console.println("SET LOCAL lock_timeout = '" + m.lockTimeout() + "';");
            } else if (m.blocks() > 0) {
                console.println("-- runs as written: " + m.reason());
                console.println("-- lock_timeout = '" + m.lockTimeout() + "' for each block and statement");
            } else {
                console.println("-- runs statement by statement in autocommit: " + m.reason());
                console.println("SET lock_timeout = '" + m.lockTimeout() + "';");
            }
            for (int i = 0; i < m.statements().size(); i++) {
                PlannedStatement s = m.statements().get(i);
                String skipped = i < m.skip() ? " · already applied, skipped on resume" : "";
                console.println("-- line " + s.line() + " · " + s.kind() + " · lock: " + s.describeLocks()
                        + skipped);
                console.println(s.sql() + ";");
            }
            for (var v : m.findings()) {
                console.println("-- lint " + v.severity().label() + " [" + v.rule() + "] " + v.span() + ": " + v.message());
                console.println("--   instead: " + v.fix().replace("\n", "\n--            "));
                if (v.verdict() != null && v.severity() == dev.lockstep.lint.Severity.ERROR) {
                    console.println("--   " + v.verdict());
                }
            }
            console.println(m.transactional() ? "-- + its history row, in this transaction"
                    : m.blocks() > 0 ? "-- + its history row, updated in each block's transaction and with each "
                            + "statement outside them (a failure resumes at the failed block or statement)"
                    : "-- + its history row, updated before and after each statement (a failure resumes there)");
            if (m.transactional()) {
                console.println("COMMIT;");
            }
        }
        console.println("");
        int n = r.plan().size();
        console.println("-- " + n + " migration" + (n == 1 ? "" : "s") + " would "
                + (r.command().equals("rollback") ? "be rolled back." : "be applied."));
    }
}
