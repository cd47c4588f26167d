package dev.lockstep;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Everything a Lockstep operation needs to know, resolved once from the command line, the environment,
 * {@code lockstep.toml} and the defaults (in that order of precedence), then passed down unchanged.
 * Settings are read with {@link #get(Setting)}; each remembers where its value came from
 * ({@link #source(Setting)}), for messages.
 *
 * <p>Besides settings it holds the facts of the environment Lockstep may use: the libpq variables (PG*,
 * PGPASSFILE, HOME), the variables settings name (such as {@code url-env}), which of the required
 * variables are set, the working directory, the clock and the user recorded in the history.
 */
public final class LockstepConfig {
    private final Map<Setting<?>, Object> values;
    private final Map<Setting<?>, String> sources;
    private final String environment;
    private final java.util.List<String> environments;
    private final DataSource dataSource;
    private final Map<String, String> variables;
    private final Set<String> presentVariables;
    private final Path workDir;
    private final Clock clock;
    private final String installedBy;

    private LockstepConfig(Builder b) {
        this.values = Map.copyOf(b.values);
        this.sources = Map.copyOf(b.sources);
        this.environment = b.environment;
        this.environments = java.util.List.copyOf(b.environments);
        this.dataSource = b.dataSource;
        this.variables = Map.copyOf(b.variables);
        this.presentVariables = Set.copyOf(b.presentVariables);
        this.workDir = b.workDir.toAbsolutePath().normalize();
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.installedBy = b.installedBy;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.values.putAll(values);
        b.sources.putAll(sources);
        b.environment = environment;
        b.environments = environments;
        b.dataSource = dataSource;
        b.variables.putAll(variables);
        b.presentVariables = presentVariables;
        b.workDir = workDir;
        b.clock = clock;
        b.installedBy = installedBy;
        return b;
    }

    /** The setting's value: as configured, else its default (null when it has none). */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        Object v = values.get(setting);
        return v != null ? (T) v : setting.defaultValue();
    }

    /** Whether the setting was configured anywhere (not only its default). */
    public boolean isSet(Setting<?> setting) {
        return values.containsKey(setting);
    }

    /** A path setting resolved against the working directory; null when unset and without default. */
    public Path path(Setting<Path> setting) {
        Path p = get(setting);
        return p == null ? null : workDir.resolve(p).normalize();
    }

    /** The migrations directory, resolved against the working directory. */
    public Path dir() {
        return path(Setting.DIR);
    }

    /** Where the setting's value came from: {@code --url}, {@code DATABASE_URL}, {@code lockstep.toml}, ... */
    public String source(Setting<?> setting) {
        return sources.getOrDefault(setting, values.containsKey(setting) ? "code" : "default");
    }

    /** The {@code --env} name, or null. */
    public String environment() {
        return environment;
    }

    /** The environments {@code lockstep.toml} defines ({@code [env.NAME]} sections), in the file's order. */
    public java.util.List<String> environments() {
        return environments;
    }

    /** Whether the chosen environment is marked {@code protected}. */
    public boolean protectedEnvironment() {
        return get(Setting.PROTECTED);
    }

    /** The application's connection pool, when Lockstep was given one instead of a URL; else null. */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Environment variables Lockstep may read: the libpq ones (PGHOST, PGPASSWORD, PGPASSFILE, HOME, ...) and
     * those settings name, such as the one {@code url-env} points at.
     */
    public Map<String, String> variables() {
        return variables;
    }

    /** Whether a variable named by {@code preflight.required-env} was set (its value is never kept). */
    public boolean variablePresent(String name) {
        return presentVariables.contains(name);
    }

    public Path workDir() {
        return workDir;
    }

    public Clock clock() {
        return clock;
    }

    /** The user recorded in the history as having run the migrations. */
    public String installedBy() {
        return installedBy;
    }

    /** A path as a user wants to read it: relative to the working directory when inside it. */
    public String shown(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        return abs.startsWith(workDir) ? workDir.relativize(abs).toString() : abs.toString();
    }

    /** The settings that differ from their defaults, by name, as text; never a password or a variable's value. */
    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>();
        for (Setting<?> s : Setting.all()) {
            if (values.containsKey(s)) {
                shown.put(s.name(), s == Setting.URL ? "(set, from " + source(s) + ")" : String.valueOf(values.get(s)));
            }
        }
        return "LockstepConfig" + shown + (environment == null ? "" : " env=" + environment);
    }

    /** Builds a configuration in code; every setting not set keeps its default. */
    public static final class Builder {
        private final Map<Setting<?>, Object> values = new HashMap<>();
        private final Map<Setting<?>, String> sources = new HashMap<>();
        private String environment;
        private java.util.List<String> environments = java.util.List.of();
        private DataSource dataSource;
        private final Map<String, String> variables = new HashMap<>();
        private Set<String> presentVariables = Set.of();
        private Path workDir = Path.of("");
        private Clock clock = Clock.systemUTC();
        private String installedBy = System.getProperty("user.name", "unknown");

        private Builder() {
        }

        /** Sets a setting (a null value clears it back to its default). */
        public <T> Builder set(Setting<T> setting, T value) {
            return set(setting, value, "code");
        }

        /** Sets a setting and says where the value came from. */
        public <T> Builder set(Setting<T> setting, T value, String source) {
            if (value == null) {
                values.remove(setting);
                sources.remove(setting);
            } else {
                values.put(setting, value);
                sources.put(setting, source);
            }
            return this;
        }

        public Builder environment(String environment) {
            this.environment = environment;
            return this;
        }

        /** The environments the configuration file defines. */
        public Builder environments(java.util.List<String> names) {
            this.environments = java.util.List.copyOf(names);
            return this;
        }

        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /** The environment variables Lockstep may read (see {@link LockstepConfig#variables()}). */
        public Builder variables(Map<String, String> variables) {
            this.variables.clear();
            this.variables.putAll(variables);
            return this;
        }

        public Builder presentVariables(Set<String> names) {
            this.presentVariables = Set.copyOf(names);
            return this;
        }

        public Builder workDir(Path workDir) {
            this.workDir = workDir;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder installedBy(String installedBy) {
            this.installedBy = installedBy;
            return this;
        }

        public LockstepConfig build() {
            return new LockstepConfig(this);
        }
    }
}
