package dev.lockstep.internal.pg;

import dev.lockstep.LockstepConfig;
import dev.lockstep.Setting;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The database a configuration names, decided in one place: a URL, the libpq PG* variables, the
 * embedded server, or a {@link DataSource} the application handed over.
 */
public sealed interface Target permits Target.Url, Target.PgEnvironment, Target.Embedded, Target.Provided {
    /** The variables that name a server; PGUSER or PGPASSWORD alone do not. */
    Set<String> SERVER_VARIABLES = Set.of("PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGSERVICE");

    /** A {@code postgres://} or {@code jdbc:postgresql://} URL, and where it came from ({@code --url}, ...). */
    record Url(String url, String source) implements Target {
    }

    /** The server the PG* variables name, as psql would connect. */
    record PgEnvironment() implements Target {
    }

    /** The embedded server with its data under {@code home}, started on first use. */
    record Embedded(Path home) implements Target {
    }

    /** The application's own connection pool. */
    record Provided(DataSource dataSource) implements Target {
    }

    /**
     * The configured database. The embedded server only when nothing names one at all: a configuration file
     * with environments asks which (an environment is a database chosen on purpose), and a chosen
     * environment without a URL is an error rather than a quiet switch to the embedded server.
     */
    static Target of(LockstepConfig config) {
        Target t = unchecked(config);
        if (t instanceof Embedded) {
            refuseEmbeddedForEnvironments(config);
        }
        return t;
    }

    private static Target unchecked(LockstepConfig config) {
        if (config.dataSource() != null) {
            return new Provided(config.dataSource());
        }
        String url = config.get(Setting.URL);
        if (url != null) {
            return new Url(url, config.source(Setting.URL));
        }
        if (namesServer(config.variables())) {
            return new PgEnvironment();
        }
        return new Embedded(embeddedHome(config));
    }

    private static void refuseEmbeddedForEnvironments(LockstepConfig config) {
        if (config.environment() != null) {
            throw new LockstepException(ErrorCode.CONFIG, "environment '" + config.environment() + "' names no database: "
                    + "[env." + config.environment() + "] in lockstep.toml has no url or url-env, and neither --url, "
                    + "DATABASE_URL nor PGHOST is set", "add url = \"postgres://...\" or url-env = \"VARIABLE\" to [env."
                    + config.environment() + "], or pass --url");
        }
        if (!config.environments().isEmpty()) {
            List<String> names = config.environments();
            throw new LockstepException(ErrorCode.CONFIG, "lockstep.toml defines environments (" + String.join(", ", names)
                    + ") but none was chosen", "pass --env " + names.get(0) + " (or another), or set default-env = \""
                    + names.get(0) + "\" in lockstep.toml; the embedded server is used only when no database is "
                    + "configured at all");
        }
    }

    /**
     * Whether a configuration leaves the database to the embedded server; false when it names one, or when
     * it cannot be used without choosing an environment.
     */
    static boolean isEmbedded(LockstepConfig config) {
        return unchecked(config) instanceof Embedded && config.environment() == null
                && config.environments().isEmpty();
    }

    /**
     * The embedded server's home: {@code embedded-dir} when set ({@code ~/} is the home directory), else
     * {@code ~/.lockstep/embedded}, one server for all of a user's projects.
     */
    static Path embeddedHome(LockstepConfig config) {
        String home = config.variables().get("HOME");
        Path base = home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"));
        Path set = config.get(Setting.EMBEDDED_DIR);
        if (set == null) {
            return base.resolve(".lockstep").resolve("embedded");
        }
        String text = set.toString();
        if (text.equals("~") || text.startsWith("~/")) {
            return base.resolve(text.equals("~") ? "" : text.substring(2)).normalize();
        }
        return config.path(Setting.EMBEDDED_DIR);
    }

    /** The registry of this user's embedded servers ({@code embedded status --all}). */
    static Path embeddedRegistry(LockstepConfig config) {
        String home = config.variables().get("HOME");
        Path base = home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"));
        return base.resolve(".lockstep").resolve("embedded-servers");
    }

    private static boolean namesServer(Map<String, String> variables) {
        for (String v : SERVER_VARIABLES) {
            if (variables.get(v) != null && !variables.get(v).isBlank()) {
                return true;
            }
        }
        return false;
    }
}
