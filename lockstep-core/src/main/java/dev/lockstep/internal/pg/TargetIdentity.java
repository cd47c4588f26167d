package dev.lockstep.internal.pg;

import dev.lockstep.LockstepConfig;
import dev.lockstep.Setting;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The right database: a connected database checked against the {@code database-id} its environment
 * pins, and the line that tells a user which database a writing command works on and why that one.
 */
final class TargetIdentity {
    private TargetIdentity() {
    }

    /** Refuses (exit 3) a database that is not the pinned one, naming both; nothing has run yet. */
    static void check(LockstepConfig config, ConnectionTarget where, DatabaseIdentity actual, SQLException unreadable) {
        String pinned = config.get(Setting.DATABASE_ID);
        if (pinned == null) {
            return;
        }
        String pinnedWhere = config.source(Setting.DATABASE_ID);
        if (actual == null) {
            throw new LockstepException(ErrorCode.CONFIG, "cannot check that " + where.display() + " is database-id "
                    + pinned + " (" + pinnedWhere + "): reading pg_control_system() failed: "
                    + Redactor.redact(unreadable == null ? "" : unreadable.getMessage(), where.password()),
                    "let the role run it (GRANT EXECUTE ON FUNCTION pg_control_system() TO ...), or remove "
                            + "database-id from " + pinnedWhere + "; nothing was done");
        }
        if (actual.text().equals(pinned)) {
            return;
        }
        DatabaseIdentity expected = DatabaseIdentity.parse(pinned);
        String differs = expected.systemIdentifier().equals(actual.systemIdentifier())
                ? "the same server, another database" : "another server (system identifier "
                + actual.systemIdentifier() + ", not " + expected.systemIdentifier() + ")";
        String env = config.environment() == null ? "" : "environment '" + config.environment() + "' ";
        throw new LockstepException(ErrorCode.WRONG_DATABASE, "wrong database: " + env + "pins database-id " + pinned
                + " (" + pinnedWhere + "), but " + where.display() + " (from " + source(config) + ") is " + actual.text()
                + ": " + differs + "; nothing was done",
                "check --url, DATABASE_URL and --env; if the database was moved or restored on purpose, pin it again: "
                        + "lockstep env pin" + (config.environment() == null ? "" : " --env " + config.environment())
                        + " --replace");
    }

    /** {@code Target: env production, app@db:5432/shop, database-id 73.../shop (pinned), URL from --url}. */
    static String describe(LockstepConfig config, ConnectionTarget where, DatabaseIdentity identity,
                           SQLException unreadable) {
        List<String> parts = new ArrayList<>();
        if (config.environment() != null) {
            parts.add("env " + config.environment());
        }
        parts.add(where.display());
        String pinned = config.get(Setting.DATABASE_ID);
        parts.add(identity != null ? "database-id " + identity.text() + (pinned != null ? " (pinned)" : " (not pinned)")
                : "database-id unknown (" + firstLine(Redactor.redact(String.valueOf(unreadable == null ? null
                : unreadable.getMessage()), where.password())) + ")");
        parts.add("from " + source(config));
        String line = "Target: " + String.join(", ", parts);
        String unused = unusedDatabaseUrl(config, where);
        return unused == null ? line : line + "\n  " + unused;
    }

    /** Where the target came from, as a user would set it. */
    static String source(LockstepConfig config) {
        Target target = Target.of(config);
        if (target instanceof Target.Url u) {
            return u.source();
        }
        if (target instanceof Target.PgEnvironment) {
            List<String> set = Target.SERVER_VARIABLES.stream().sorted()
                    .filter(v -> config.variables().get(v) != null && !config.variables().get(v).isBlank()).toList();
            return "the PG* variables (" + String.join(", ", set) + ")";
        }
        if (target instanceof Target.Provided) {
            return "the application's data source";
        }
        return "the embedded server (no URL given)";
    }

    /** A DATABASE_URL left in the shell that names another database than the one chosen, and why it lost. */
    private static String unusedDatabaseUrl(LockstepConfig config, ConnectionTarget where) {
        String databaseUrl = config.variables().get("DATABASE_URL");
        if (databaseUrl == null || databaseUrl.isBlank() || "DATABASE_URL".equals(config.source(Setting.URL))) {
            return null;
        }
        String other;
        try {
            other = ConnectionTarget.parse(databaseUrl, config.variables()).display();
        } catch (RuntimeException e) {
            other = Redactor.unparsed(databaseUrl);
        }
        if (other.equals(where.display())) {
            return null;
        }
        return "(DATABASE_URL is set to " + other + " and was not used: " + whyNot(source(config), config.environment())
                + ")";
    }

    /**
     * Why DATABASE_URL lost to the URL from {@code src}: a URL the caller gave (--url, -Dlockstep.url, the
     * plugin's settings) wins outright; otherwise an --env names its own database.
     */
    static String whyNot(String src, String environment) {
        boolean given = src.startsWith("--") || src.startsWith("-D") || src.endsWith("in the plugin's <settings>");
        return given || environment == null ? src + " wins over it"
                : "--env " + environment + " names its own database (" + src + ")";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
