package dev.lockstep.internal.engine;

import dev.lockstep.LockstepConfig;
import dev.lockstep.Setting;
import dev.lockstep.internal.execute.LintVerdicts;
import dev.lockstep.internal.lint.LintRun;
import dev.lockstep.internal.lint.rules.BuiltInRules;
import dev.lockstep.internal.pg.Server;
import dev.lockstep.internal.pg.Session;
import dev.lockstep.internal.pg.Target;
import dev.lockstep.lint.LintReport;
import dev.lockstep.lint.LintSettings;
import dev.lockstep.lint.LockTimeline;
import dev.lockstep.spi.RunListener;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code lint} and {@code lint --explain}: the safety analysis of scripts and their lock timelines, for
 * the PostgreSQL version of the target when it can be reached, and without a database otherwise.
 */
final class LintOperations {
    private final LockstepConfig config;
    private final RunListener listener;

    LintOperations(LockstepConfig config, RunListener listener) {
        this.config = config;
        this.listener = listener;
    }

    /**
     * Lints for the configured PostgreSQL version, else the server's when a database is named, else 15.
     * With a database, each finding also gets the verdict the migrate gate would give it there.
     */
    LintReport lint(List<Path> paths, String stdin) {
        LintRun run = new LintRun(config);
        Integer configured = config.get(Setting.LINT_PG_VERSION);
        boolean embedded = Target.isEmbedded(config);
        // With a database, the findings are judged against its history, which compares checksums.
        LintRun.Inputs inputs = run.inputs(paths, stdin, !embedded);
        if (inputs.migrations() != null && inputs.migrations().skippedNotice() != null) {
            listener.notice(inputs.migrations().skippedNotice());
        }
        if (embedded) {
            int version = configured != null ? configured : LintSettings.DEFAULT_PG_VERSION;
            return BuiltInRules.linter(LintRun.settings(config, version), version).lint(inputs.scripts());
        }
        Session session = null;
        Connection c;
        int version;
        try {
            session = Session.open(config, listener, "lockstep lint");
            c = session.connect();
            version = configured != null ? configured : Server.majorVersion(c);
        } catch (RuntimeException | SQLException e) {
            if (session != null) {
                session.close();
            }
            int fallback = configured != null ? configured : LintSettings.DEFAULT_PG_VERSION;
            listener.notice("could not reach the database (" + e.getMessage() + "); linting for PostgreSQL "
                    + fallback + (configured != null ? "" : " (set it with --pg-version)")
                    + ", without the gate's verdicts");
            return BuiltInRules.linter(LintRun.settings(config, fallback), fallback).lint(inputs.scripts());
        }
        try (Session open = session) {
            var linter = BuiltInRules.linter(LintRun.settings(config, version), version);
            LintReport report = linter.lint(inputs.scripts());
            try {
                return new LintVerdicts(config, linter).judge(c, inputs, report);
            } catch (SQLException e) {
                throw open.unexpected(e, "judging the findings against the database");
            }
        }
    }

    /** The lock timeline of each script, for the same PostgreSQL version lint would assume. */
    List<LockTimeline> explainLocks(List<Path> paths, String stdin) {
        int version = lintVersion();
        return new LintRun(config).explain(paths, stdin, BuiltInRules.linter(LintRun.settings(config, version), version));
    }

    private int lintVersion() {
        Integer configured = config.get(Setting.LINT_PG_VERSION);
        if (configured != null) {
            return configured;
        }
        if (Target.isEmbedded(config)) {
            return LintSettings.DEFAULT_PG_VERSION;
        }
        try (Session session = Session.open(config, listener, "lockstep lint")) {
            return Server.majorVersion(session.connect());
        } catch (RuntimeException | SQLException e) {
            listener.notice("could not read the server's version (" + e.getMessage() + "); linting for PostgreSQL "
                    + LintSettings.DEFAULT_PG_VERSION + " (set it with --pg-version)");
            return LintSettings.DEFAULT_PG_VERSION;
        }
    }
}
