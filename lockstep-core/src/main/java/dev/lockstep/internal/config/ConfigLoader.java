package dev.lockstep.internal.config;

import dev.lockstep.LockstepConfig;
import dev.lockstep.Setting;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.lint.Rule;
import dev.lockstep.internal.lint.rules.BuiltInRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Resolves a {@link LockstepConfig} from the command line, the environment, {@code lockstep.toml} and
 * the defaults, in that order of precedence, every setting as the {@link Setting} registry describes
 * it. The only place that reads the process environment.
 */
public final class ConfigLoader {
    public static final String FILE_NAME = ConfigFile.NAME;
    /** Tried in this order when no directory is configured. */
    public static final List<String> DIR_CANDIDATES = List.of("migrations", "db/migrations", "db/migration",
            "src/main/resources/db/migration", "supabase/migrations", "schema");
    private static final Set<String> CONNECTION_VARS = Set.of("PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER",
            "PGPASSWORD", "PGSSLMODE", "PGAPPNAME", "PGPASSFILE", "PGSERVICE", "PGCONNECT_TIMEOUT", "HOME",
            // Kept to say so when an explicit target wins over a DATABASE_URL left in the shell.
            "DATABASE_URL");

    private final Map<String, String> env;
    private final Path workDir;
    private final Clock clock;

    public ConfigLoader(Map<String, String> env, Path workDir, Clock clock) {
        this.env = Map.copyOf(env);
        this.workDir = workDir.toAbsolutePath().normalize();
        this.clock = clock;
    }

    /** A loader over this process's environment and working directory. */
    public static ConfigLoader fromProcess(Path workDir) {
        return new ConfigLoader(System.getenv(), workDir, Clock.systemUTC());
    }

    /**
     * @param cli values given on the command line, as text, by setting
     * @param environment the {@code --env} name, or null
     */
    /** Where the values given to {@link #load} came from, when not the command line. */
    private Map<Setting<?>, String> cliSources = Map.of();

    public LockstepConfig load(Map<Setting<?>, String> cli, String environment) {
        return load(cli, Map.of(), environment);
    }

    /**
     * @param sources where a value of {@code cli} came from when not the command line (e.g.
     *                {@code -Dlockstep.lock-timeout}); messages name it and write their example that way
     */
    public LockstepConfig load(Map<Setting<?>, String> cli, Map<Setting<?>, String> sources, String environment) {
        this.cliSources = sources;
        ConfigFile file = ConfigFile.read(workDir, environment);
        if (environment == null) {
            String chosen = defaultEnvironment(file);
            if (chosen != null) {
                environment = chosen;
                file = readDefault(chosen);
            }
        }
        LockstepConfig.Builder b = LockstepConfig.builder().workDir(workDir).clock(clock).environment(environment)
                .environments(file.environments())
                .installedBy(user(env));
        for (Setting<?> s : Setting.all()) {
            if (s != Setting.URL && s != Setting.DIR) {
                resolve(b, s, cli, file);
            }
        }
        resolveUrl(b, cli, file, environment);
        resolveDir(b, cli, file);
        LockstepConfig partial = b.build();
        b.variables(variables(partial)).presentVariables(present(partial.get(Setting.REQUIRED_ENV)));
        LockstepConfig config = b.build();
        checkRuleIds(config);
        return config;
    }

    /** {@code LOCKSTEP_ENV}, else {@code default-env} of the file; null when neither names one. */
    private String defaultEnvironment(ConfigFile file) {
        String var = Setting.DEFAULT_ENV.envVar().orElseThrow();
        if (env.get(var) != null && !env.get(var).isBlank()) {
            return env.get(var).strip();
        }
        ConfigFile.Value v = file.value(Setting.DEFAULT_ENV);
        return v == null || String.valueOf(v.value()).isBlank() ? null : String.valueOf(v.value()).strip();
    }

    private ConfigFile readDefault(String name) {
        try {
            return ConfigFile.read(workDir, name);
        } catch (LockstepException e) {
            throw new LockstepException(e.code(), e.getMessage() + " (it is the default environment, named by "
                    + Setting.DEFAULT_ENV.envVar().orElseThrow() + " or default-env)", e.hint(), e);
        }
    }

    private <T> void resolve(LockstepConfig.Builder b, Setting<T> s, Map<Setting<?>, String> cli, ConfigFile file) {
        if (cli.containsKey(s)) {
            String where = cliSources.getOrDefault(s, s.option().orElse("the command line"));
            b.set(s, parse(s, cli.get(s), where), cliSources.getOrDefault(s, s.option().orElse("code")));
            return;
        }
        String var = s.envVar().orElse(null);
        if (var != null && env.get(var) != null && !env.get(var).isBlank()) {
            b.set(s, parse(s, env.get(var), var), var);
            return;
        }
        ConfigFile.Value v = file.value(s);
        if (v != null) {
            b.set(s, parse(s, v.value(), v.where()), v.where());
        }
    }

    /**
     * {@code --url}; else the chosen environment's {@code url} or {@code url-env}; else {@code DATABASE_URL};
     * else the top-level {@code url} or {@code url-env}. An explicit {@code --env} names its own database,
     * so it wins over a {@code DATABASE_URL} left in the shell.
     */
    private void resolveUrl(LockstepConfig.Builder b, Map<Setting<?>, String> cli, ConfigFile file, String environment) {
        if (cli.containsKey(Setting.URL)) {
            b.set(Setting.URL, cli.get(Setting.URL), cliSources.getOrDefault(Setting.URL, "--url"));
            return;
        }
        ConfigFile.Value url = file.value(Setting.URL);
        ConfigFile.Value urlEnv = file.value(Setting.URL_ENV);
        boolean fromEnvSection = environment != null && (url != null && url.inEnvironment()
                || urlEnv != null && urlEnv.inEnvironment());
        String databaseUrl = env.get("DATABASE_URL");
        if (!fromEnvSection && databaseUrl != null && !databaseUrl.isBlank()) {
            b.set(Setting.URL, databaseUrl, "DATABASE_URL");
            return;
        }
        boolean envFirst = urlEnv != null && (url == null || urlEnv.inEnvironment() && !url.inEnvironment());
        if (url != null && !envFirst) {
            b.set(Setting.URL, String.valueOf(url.value()), url.where());
        } else if (urlEnv != null) {
            String var = String.valueOf(urlEnv.value());
            String value = env.get(var);
            if (value == null || value.isBlank()) {
                throw new LockstepException(ErrorCode.CONFIG, urlEnv.where() + " says the URL is in " + var + ", but "
                        + var + " is not set", "export " + var + "=postgres://user@host:5432/db, or pass --url");
            }
            b.set(Setting.URL, value, var);
        }
    }

    private void resolveDir(LockstepConfig.Builder b, Map<Setting<?>, String> cli, ConfigFile file) {
        resolve(b, Setting.DIR, cli, file);
        if (b.build().isSet(Setting.DIR)) {
            return;
        }
        for (String candidate : DIR_CANDIDATES) {
            if (Files.isDirectory(workDir.resolve(candidate))) {
                String why = candidate.equals(DIR_CANDIDATES.get(0)) ? "default"
                        : "found " + candidate + "/ (no migrations/ directory)";
                b.set(Setting.DIR, Path.of(candidate), why);
                return;
            }
        }
        b.set(Setting.DIR, Path.of(DIR_CANDIDATES.get(0)), "default");
    }

    private <T> T parse(Setting<T> s, Object value, String where) {
        try {
            return s.parse(value);
        } catch (IllegalArgumentException e) {
            throw new LockstepException(ErrorCode.CONFIG, e.getMessage() + " (from " + where + ")", hint(s, where));
        }
    }

    /** An example written the way the bad value was given: a -D property, an option, or lockstep.toml. */
    private static String hint(Setting<?> s, String where) {
        if (where.startsWith("-D")) {
            return "write e.g. " + where + "=" + example(s) + " (see docs/settings.md)";
        }
        if (where.startsWith("<")) {
            return "write e.g. <" + s.name() + ">" + example(s) + "</" + s.name() + "> (see docs/settings.md)";
        }
        if (where.startsWith("--")) {
            return "write e.g. " + where + " " + example(s) + " (see docs/settings.md)";
        }
        return s.name().contains(".") ? "see docs/settings.md, section [" + s.section() + "]"
                : "write e.g. " + s.key() + " = \"" + example(s) + "\" (see docs/settings.md)";
    }

    /**
     * A value to show in "write e.g.": the first allowed one, else the default when it is written as a value
     * ("1s", not "the server's, else 15" or "0 (off)"), else one of the type's.
     */
    static String example(Setting<?> s) {
        if (!s.type().allowed().isEmpty()) {
            return s.type().allowed().get(0);
        }
        String d = s.defaultText();
        if (!d.isEmpty() && d.indexOf(' ') < 0 && d.indexOf('(') < 0 && d.indexOf(',') < 0) {
            return d;
        }
        return TYPE_EXAMPLES.getOrDefault(s.type().describe(), "...");
    }

    /** A value of each type whose default is no example, by the type's description. */
    private static final Map<String, String> TYPE_EXAMPLES = Map.of("duration", "30s", "duration above zero", "30s",
            "true or false", "true", "whole number >= 0", "3", "major version such as 15", "15", "port 0-65535", "8080",
            "size such as 10MB", "10MB", "percentage such as 20%", "20%", "window HH:MM-HH:MM", "02:00-04:00");

    /** The libpq variables, and the variables that settings name (their values are secrets: never printed). */
    private Map<String, String> variables(LockstepConfig config) {
        Map<String, String> out = new TreeMap<>();
        for (String k : CONNECTION_VARS) {
            if (env.get(k) != null) {
                out.put(k, env.get(k));
            }
        }
        List<String> named = new java.util.ArrayList<>();
        for (Setting<String> s : List.of(Setting.URL_ENV, Setting.NOTIFY_SLACK_URL_ENV, Setting.NOTIFY_WEBHOOK_URL_ENV)) {
            named.add(config.get(s));
        }
        String required = config.get(Setting.REQUIRES);
        if (required != null) {
            // The environment that must go first is checked from this one: its URL variable is needed too.
            ConfigFile.Value other = ConfigFile.read(workDir, required).value(Setting.URL_ENV);
            named.add(other == null ? null : String.valueOf(other.value()));
        }
        for (String var : named) {
            if (var != null && env.get(var) != null && !env.get(var).isBlank()) {
                out.put(var, env.get(var));
            }
        }
        return out;
    }

    private Set<String> present(List<String> names) {
        Set<String> out = new HashSet<>();
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                out.add(name);
            }
        }
        return out;
    }

    /** [lint] disable and [lint.severity] name rules: an unknown id is a typo, not a rule that never fires. */
    private static void checkRuleIds(LockstepConfig config) {
        Map<String, String> named = new LinkedHashMap<>();
        for (String id : config.get(Setting.LINT_DISABLE)) {
            named.put(id, "[lint] disable");
        }
        for (String id : config.get(Setting.LINT_ENABLE)) {
            named.put(id, "[lint] enable");
        }
        for (String id : config.get(Setting.LINT_SEVERITY).keySet()) {
            named.put(id, "[lint.severity]");
        }
        for (Map.Entry<String, String> e : named.entrySet()) {
            String id = e.getKey();
            if (BuiltInRules.byId(id).isEmpty()) {
                List<String> known = BuiltInRules.all().stream().map(Rule::id).toList();
                throw new LockstepException(ErrorCode.CONFIG, "unknown lint rule '" + id + "' in " + e.getValue() + " of "
                        + FILE_NAME, Suggestions.didYouMean(id, known) + "known rules: " + String.join(", ", known));
            }
        }
    }

    /**
     * Who runs Lockstep, for the history, the audit log and approvals: USER (USERNAME on Windows), else the
     * account the process runs as (containers and CI jobs often have no USER); "unknown" only when neither says.
     */
    static String user(Map<String, String> env) {
        String user = env.get("USER");
        if (user == null || user.isBlank()) {
            user = env.get("USERNAME");
        }
        if (user == null || user.isBlank()) {
            user = System.getProperty("user.name");
        }
        return user == null || user.isBlank() || user.equals("?") ? "unknown" : user;
    }
}
