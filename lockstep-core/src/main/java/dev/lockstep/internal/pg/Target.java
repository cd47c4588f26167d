package dev.lockstep.internal.pg;

import dev.lockstep.LockstepConfig;
import dev.lockstep.Setting;
import java.nio.file.Path;
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

    static Target of(LockstepConfig config) {
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
        return new Embedded(config.path(Setting.EMBEDDED_DIR));
    }

    /** Whether a configuration names a database of its own rather than leaving it to the embedded server. */
    static boolean isEmbedded(LockstepConfig config) {
        return of(config) instanceof Embedded;
    }

    private static boolean namesServer(Map<String, String> variables) {
        return SERVER_VARIABLES.stream().anyMatch(v -> variables.get(v) != null && !variables.get(v).isBlank());
    }
}
