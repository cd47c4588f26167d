package dev.lockstep.cli;

import dev.lockstep.Setting;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every command takes. Mixed into the top command and each subcommand, so they may be
 * given before or after the subcommand; every value lands in the one {@link Globals} of the run.
 */
public final class GlobalOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private Globals globals() {
        return ((LockstepCommand) mixee.root().userObject()).globals;
    }

    @Option(names = "--url", paramLabel = "URL", description = "Database: postgres://user:pass@host:5432/db or "
            + "jdbc:postgresql://... (else DATABASE_URL, else PG* variables, else the embedded server)")
    void url(String url) {
        globals().settings.put(Setting.URL, url);
    }

    @Option(names = "--env", paramLabel = "NAME", description = "Use the [env.NAME] section of lockstep.toml")
    void env(String name) {
        globals().environment = name;
    }

    @Option(names = "--dir", paramLabel = "DIR", description = "Migrations directory (default: migrations/, "
            + "else db/migrations, db/migration, src/main/resources/db/migration, supabase/migrations, schema)")
    void dir(String dir) {
        globals().settings.put(Setting.DIR, dir);
    }

    @Option(names = "--history-schema", paramLabel = "SCHEMA", description = "Schema of the history table (default lockstep)")
    void historySchema(String schema) {
        globals().settings.put(Setting.HISTORY_SCHEMA, schema);
    }

    @Option(names = "--lock-wait", paramLabel = "DURATION", description = "How long to wait for another runner (default 60s)")
    void lockWait(String d) {
        globals().settings.put(Setting.LOCK_WAIT, d);
    }

    @Option(names = "--lock-timeout", paramLabel = "DURATION", description = "lock_timeout per statement (default 1s)")
    void lockTimeout(String d) {
        globals().settings.put(Setting.LOCK_TIMEOUT, d);
    }

    @Option(names = "--connect-timeout", paramLabel = "DURATION", description = "Connection timeout (default 10s)")
    void connectTimeout(String d) {
        globals().settings.put(Setting.CONNECT_TIMEOUT, d);
    }

    @Option(names = "--output", paramLabel = "FORMAT", description = "text or json (default text)")
    void output(String format) {
        globals().output = switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "text" -> Globals.OutputFormat.TEXT;
            case "json" -> Globals.OutputFormat.JSON;
            default -> throw new picocli.CommandLine.ParameterException(mixee.commandLine(),
                    "--output must be text or json, not '" + format + "'");
        };
    }

    @Option(names = "--yes", description = "Do not ask for confirmation")
    void yes(boolean yes) {
        globals().yes = yes;
    }

    @Option(names = {"-v", "--verbose"}, description = "More output")
    void verbose(boolean[] v) {
        globals().verbosity = v.length;
    }

    @Option(names = {"-q", "--quiet"}, description = "No progress or notices: only results and errors")
    void quiet(boolean q) {
        globals().verbosity = q ? -1 : 0;
    }
}
