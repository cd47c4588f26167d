package dev.lockstep.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.lockstep.LockstepConfig;
import dev.lockstep.Setting;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Resolves a {@link LockstepConfig} from the command line, the environment, {@code lockstep.toml} and
 * the defaults, in that order of precedence. The only place that reads the process environment.
 */
public final class ConfigLoader {
    public static final String FILE_NAME = "lockstep.toml";
    /** Tried in this order when no directory is configured. */
    public static final List<String> DIR_CANDIDATES = List.of("migrations", "db/migrations", "db/migration",
            "src/main/resources/db/migration", "supabase/migrations", "schema");
    private static final Set<String> CONNECTION_VARS = Set.of("PGHOST", "PGPORT", "PGDATABASE", "PGUSER",
            "PGPASSWORD", "PGSSLMODE", "PGAPPNAME", "PGPASSFILE", "PGCONNECT_TIMEOUT", "HOME");
    /** Sections read by other commands; accepted here so that the file can hold them. */
    private static final Set<String> OTHER_SECTIONS = Set.of("lint", "preflight", "backup", "verify", "deploy",
            "notify", "serve");
    private JsonNode lintSection;
    private JsonNode preflightSection;
    private JsonNode verifySection;
    private JsonNode notifySection;

    private final Map<String, String> env;
    private final Path workDir;
    private final Clock clock;

    public ConfigLoader(Map<String, String> env, Path workDir, Clock clock) {
        this.env = Map.copyOf(env);
        this.workDir = workDir.toAbsolutePath();
        this.clock = clock;
    }

    /** A loader over this process's environment and working directory. */
    public static ConfigLoader fromProcess() {
        return new ConfigLoader(System.getenv(), Path.of("").toAbsolutePath(), Clock.systemUTC());
    }

    /**
     * @param cli values given on the command line, by setting
     * @param environment the {@code --env} name, or null
     */
    public LockstepConfig load(Map<Setting, String> cli, String environment) {
        Map<Setting, String> file = readFile(environment);
        Map<Setting, String> fromEnv = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            s.envVar().map(env::get).filter(v -> !v.isBlank()).ifPresent(v -> fromEnv.put(s, v));
        }
        String url = cli.get(Setting.URL);
        String urlSource = "--url";
        if (url == null && fromEnv.containsKey(Setting.URL)) {
            url = fromEnv.get(Setting.URL);
            urlSource = "DATABASE_URL";
        }
        if (url == null && file.containsKey(Setting.URL)) {
            url = file.get(Setting.URL);
            urlSource = FILE_NAME;
        }
        if (url == null && file.containsKey(Setting.URL_ENV)) {
            String var = file.get(Setting.URL_ENV);
            url = env.get(var);
            if (url == null || url.isBlank()) {
                throw new LockstepException(ErrorCode.CONFIG,
                        FILE_NAME + " says the URL is in " + var + ", but " + var + " is not set",
                        "export " + var + "=postgres://user@host:5432/db, or pass --url");
            }
            urlSource = var;
        }
        if (url == null && env.keySet().stream().anyMatch(k -> k.startsWith("PG") && CONNECTION_VARS.contains(k)
                && !k.equals("PGPASSFILE"))) {
            urlSource = "PG* variables";
        } else if (url == null) {
            urlSource = "embedded";
        }

        LockstepConfig.Builder b = LockstepConfig.builder()
                .url(url)
                .urlSource(urlSource)
                .connectionEnv(connectionEnv())
                .workDir(workDir)
                .clock(clock)
                .installedBy(env.getOrDefault("USER", env.getOrDefault("USERNAME", "unknown")));
        String schema = pick(Setting.HISTORY_SCHEMA, cli, fromEnv, file);
        b.historySchema(schema);
        b.lockWait(duration(Setting.LOCK_WAIT, pick(Setting.LOCK_WAIT, cli, fromEnv, file)));
        b.lockTimeout(positive(Setting.LOCK_TIMEOUT, pick(Setting.LOCK_TIMEOUT, cli, fromEnv, file)));
        b.lockRetries(integer(Setting.LOCK_RETRIES, pick(Setting.LOCK_RETRIES, cli, fromEnv, file)));
        b.connectTimeout(duration(Setting.CONNECT_TIMEOUT, pick(Setting.CONNECT_TIMEOUT, cli, fromEnv, file)));
        b.outOfOrder(bool(Setting.OUT_OF_ORDER, pick(Setting.OUT_OF_ORDER, cli, fromEnv, file)));
        b.allowNonEmpty(bool(Setting.ALLOW_NON_EMPTY, pick(Setting.ALLOW_NON_EMPTY, cli, fromEnv, file)));
        b.environment(environment, bool(Setting.PROTECTED, pick(Setting.PROTECTED, cli, Map.of(), file)));
        b.embeddedDir(workDir.resolve(pick(Setting.EMBEDDED_DIR, cli, fromEnv, file)));
        resolveDir(b, pick(Setting.DIR, cli, fromEnv, file), cli.containsKey(Setting.DIR) ? "--dir"
                : fromEnv.containsKey(Setting.DIR) ? "LOCKSTEP_DIR" : FILE_NAME);
        b.lint(LintSection.read(lintSection, FILE_NAME));
        b.preflight(PreflightSection.read(preflightSection, env, FILE_NAME));
        b.verify(VerifySection.read(verifySection, workDir, FILE_NAME));
        b.notifications(notifySettings());
        String pgBin = pick(Setting.PG_BIN, cli, fromEnv, file);
        b.backups(workDir.resolve(pick(Setting.BACKUP_DIR, cli, fromEnv, file)),
                integer(Setting.BACKUP_KEEP, pick(Setting.BACKUP_KEEP, cli, fromEnv, file)),
                pgBin == null ? null : workDir.resolve(pgBin));
        b.backupProvider(pick(Setting.BACKUP_PROVIDER, cli, fromEnv, file), pick(Setting.BACKUP_COMMAND, cli, fromEnv, file));
        b.auditTable(bool(Setting.AUDIT_TABLE, pick(Setting.AUDIT_TABLE, cli, fromEnv, file)));
        String cancel = pick(Setting.CANCEL_BLOCKERS, cli, fromEnv, file);
        try {
            b.traffic(new dev.lockstep.TrafficSettings(
                    duration(Setting.BLOCKER_WAIT, pick(Setting.BLOCKER_WAIT, cli, fromEnv, file)),
                    dev.lockstep.TrafficSettings.CancelBlockers.parse(cancel),
                    duration(Setting.DDL_STATEMENT_TIMEOUT, pick(Setting.DDL_STATEMENT_TIMEOUT, cli, fromEnv, file)),
                    duration(Setting.IDLE_IN_TRANSACTION_TIMEOUT,
                            pick(Setting.IDLE_IN_TRANSACTION_TIMEOUT, cli, fromEnv, file)),
                    duration(Setting.MAX_REPLICATION_LAG, pick(Setting.MAX_REPLICATION_LAG, cli, fromEnv, file))));
        } catch (IllegalArgumentException e) {
            throw new LockstepException(ErrorCode.CONFIG, Setting.CANCEL_BLOCKERS.key() + ": " + e.getMessage(),
                    "--cancel-blockers off|idle-in-transaction|all");
        }
        return b.build();
    }

    /** [notify]: slack-url-env, webhook-url-env (names of variables holding the URLs), timeout. */
    private dev.lockstep.NotifySettings notifySettings() {
        if (notifySection == null || notifySection.isNull()) {
            return dev.lockstep.NotifySettings.NONE;
        }
        String slack = null;
        String webhook = null;
        Duration timeout = Duration.ofSeconds(5);
        for (Iterator<Map.Entry<String, JsonNode>> it = notifySection.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String value = e.getValue().asText();
            switch (e.getKey()) {
                case "slack-url-env" -> slack = urlFrom(value);
                case "webhook-url-env" -> webhook = urlFrom(value);
                case "timeout" -> timeout = duration(Setting.CONNECT_TIMEOUT, value);
                default -> throw new LockstepException(ErrorCode.CONFIG, "unknown key '" + e.getKey() + "' in [notify] of "
                        + FILE_NAME, "known: slack-url-env, webhook-url-env, timeout");
            }
        }
        return new dev.lockstep.NotifySettings(slack, webhook, timeout);
    }

    private String urlFrom(String variable) {
        String url = env.get(variable);
        return url == null || url.isBlank() ? null : url;
    }

    private void resolveDir(LockstepConfig.Builder b, String configured, String source) {
        if (configured != null) {
            b.dir(workDir.resolve(configured)).dirSource(source);
            return;
        }
        for (String candidate : DIR_CANDIDATES) {
            if (Files.isDirectory(workDir.resolve(candidate))) {
                String why = candidate.equals(DIR_CANDIDATES.get(0)) ? "default"
                        : "found " + candidate + "/ (no migrations/ directory)";
                b.dir(workDir.resolve(candidate)).dirSource(why);
                return;
            }
        }
        b.dir(workDir.resolve(DIR_CANDIDATES.get(0))).dirSource("default");
    }

    private Map<String, String> connectionEnv() {
        Map<String, String> out = new TreeMap<>();
        env.forEach((k, v) -> {
            if (CONNECTION_VARS.contains(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static String pick(Setting s, Map<Setting, String> cli, Map<Setting, String> fromEnv,
                               Map<Setting, String> file) {
        if (cli.containsKey(s)) {
            return cli.get(s);
        }
        if (fromEnv.containsKey(s)) {
            return fromEnv.get(s);
        }
        if (file.containsKey(s)) {
            return file.get(s);
        }
        return s.defaultValue().orElse(null);
    }

    /** Top-level keys, then the {@code [env.NAME]} section over them. */
    private Map<Setting, String> readFile(String environment) {
        Path path = workDir.resolve(FILE_NAME);
        Map<Setting, String> out = new EnumMap<>(Setting.class);
        if (!Files.isRegularFile(path)) {
            if (environment != null) {
                throw new LockstepException(ErrorCode.CONFIG,
                        "--env " + environment + " given, but there is no " + FILE_NAME + " in " + workDir,
                        "create " + FILE_NAME + " with an [env." + environment + "] section (see docs/settings.md)");
            }
            return out;
        }
        JsonNode root;
        try {
            root = new TomlMapper().readTree(path.toFile());
        } catch (IOException e) {
            throw new LockstepException(ErrorCode.CONFIG, "cannot read " + path + ": " + firstLine(e.getMessage()),
                    "fix the TOML syntax (see docs/settings.md for an example)", e);
        }
        JsonNode envs = root.path("env");
        lintSection = root.get("lint");
        preflightSection = root.get("preflight");
        verifySection = root.get("verify");
        notifySection = root.get("notify");
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("env") || OTHER_SECTIONS.contains(field.getKey())) {
                continue;
            }
            put(out, field.getKey(), field.getValue(), FILE_NAME);
        }
        if (environment != null) {
            JsonNode section = envs.path(environment);
            if (!section.isObject()) {
                throw new LockstepException(ErrorCode.CONFIG,
                        "environment '" + environment + "' is not defined in " + FILE_NAME,
                        "defined environments: " + String.join(", ", names(envs))
                                + "; add an [env." + environment + "] section");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                put(out, field.getKey(), field.getValue(), FILE_NAME + " [env." + environment + "]");
            }
        }
        return out;
    }

    private static void put(Map<Setting, String> out, String key, JsonNode value, String where) {
        Setting s = Setting.byKey(key).orElseThrow(() -> new LockstepException(ErrorCode.CONFIG,
                "unknown setting '" + key + "' in " + where,
                "known settings: " + String.join(", ", java.util.Arrays.stream(Setting.values())
                        .map(Setting::key).toList())));
        if (value.isContainerNode()) {
            throw new LockstepException(ErrorCode.CONFIG, "setting '" + key + "' in " + where + " must be a value",
                    "write: " + key + " = \"...\"");
        }
        out.put(s, value.asText());
    }

    private static List<String> names(JsonNode envs) {
        List<String> names = new java.util.ArrayList<>();
        envs.fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? List.of("(none)") : names;
    }

    private static Duration duration(Setting s, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new LockstepException(ErrorCode.CONFIG, s.key() + ": " + e.getMessage(),
                    "write a duration such as 500ms, 2s or 1m");
        }
    }

    /** A duration above zero: for timeouts where 0 means "no limit" to PostgreSQL. */
    private static Duration positive(Setting s, String text) {
        Duration d = duration(s, text);
        if (d.isZero() || d.isNegative()) {
            throw new LockstepException(ErrorCode.CONFIG, s.key() + ": '" + text + "' is not above zero; PostgreSQL "
                    + "reads 0 as no limit, so a blocked statement would queue every query behind it for as long as "
                    + "it waits", "give a positive duration such as 1s (" + s.key() + " = \"1s\")");
        }
        return d;
    }

    private static int integer(Setting s, String text) {
        try {
            int n = Integer.parseInt(text.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new LockstepException(ErrorCode.CONFIG, s.key() + ": '" + text + "' is not a whole number >= 0",
                    "write e.g. " + s.key() + " = 5");
        }
    }

    private static boolean bool(Setting s, String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new LockstepException(ErrorCode.CONFIG, s.key() + ": '" + text + "' is not true or false",
                    "write " + s.key() + " = true or false");
        };
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
