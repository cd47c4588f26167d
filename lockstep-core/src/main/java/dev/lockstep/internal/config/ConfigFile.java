package dev.lockstep.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.Setting;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code lockstep.toml}: top-level keys, the {@code [env.NAME]} section chosen with {@code --env} over
 * them, and the sections of the registry ({@code [lint]}, {@code [preflight]}, ...). Every key is checked
 * against the {@link Setting} registry when the file is read: a typo is an error naming it, never a
 * setting silently left at its default.
 */
final class ConfigFile {
    static final String NAME = "lockstep.toml";

    /** A value as written in the file, and where: {@code lockstep.toml [env.production]}. */
    record Value(Object value, String where, boolean inEnvironment) {
    }

    private final Map<Setting<?>, Value> values;
    private final List<String> environments;

    private ConfigFile(Map<Setting<?>, Value> values, List<String> environments) {
        this.values = values;
        this.environments = environments;
    }

    Value value(Setting<?> s) {
        return values.get(s);
    }

    /** The names of the {@code [env.NAME]} sections. */
    List<String> environments() {
        return environments;
    }

    static ConfigFile read(Path workDir, String environment) {
        Path path = workDir.resolve(NAME);
        if (!Files.isRegularFile(path)) {
            if (environment != null) {
                throw new LockstepException(ErrorCode.CONFIG,
                        "environment '" + environment + "' is named, but there is no " + NAME + " in " + workDir,
                        "create " + NAME + " with an [env." + environment + "] section (see docs/settings.md)");
            }
            return new ConfigFile(Map.of(), List.of());
        }
        JsonNode root;
        try {
            root = TomlTree.read(path);
        } catch (IOException e) {
            throw new LockstepException(ErrorCode.CONFIG, "cannot read " + where(path, e) + firstLine(e instanceof
                    com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()),
                    "fix the TOML syntax (see docs/settings.md for an example)", e);
        }
        Map<Setting<?>, Value> values = new LinkedHashMap<>();
        Set<String> sections = new LinkedHashSet<>();
        // Loops, not lambdas, on the way every command takes (docs/architecture.md, "Start-up").
        for (Setting<?> s : Setting.all()) {
            sections.add(s.section());
        }
        JsonNode envs = root.path("env");
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode node = field.getValue();
            if (key.equals("env")) {
                continue;
            }
            if (node.isObject() && sections.contains(key) && !key.isEmpty()) {
                readSection(key, node, values);
            } else if (node.isObject() && Setting.byName(key).isEmpty()) {
                List<String> known = sections.stream().filter(s -> !s.isEmpty()).toList();
                throw new LockstepException(ErrorCode.CONFIG, "unknown section [" + key + "] in " + NAME,
                        Suggestions.didYouMean(key, known) + "known sections: [env.NAME], ["
                                + String.join("], [", known) + "]");
            } else {
                put(values, "", key, node, NAME, false);
            }
        }
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = envs.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        if (environment != null) {
            JsonNode section = envs.path(environment);
            if (!section.isObject()) {
                throw new LockstepException(ErrorCode.CONFIG,
                        "environment '" + environment + "' is not defined in " + NAME,
                        Suggestions.didYouMean(environment, names) + "defined environments: "
                                + (names.isEmpty() ? "(none)" : String.join(", ", names))
                                + "; add an [env." + environment + "] section");
            }
            String where = NAME + " [env." + environment + "]";
            for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                put(values, "", field.getKey(), field.getValue(), where, true);
            }
        }
        return new ConfigFile(values, List.copyOf(names));
    }

    private static void readSection(String section, JsonNode node, Map<Setting<?>, Value> values) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            put(values, section, field.getKey(), field.getValue(), NAME + " [" + section + "]", false);
        }
    }

    private static void put(Map<Setting<?>, Value> values, String section, String key, JsonNode node, String where,
                            boolean inEnvironment) {
        String name = section.isEmpty() ? key : section + "." + key;
        java.util.Optional<Setting<?>> s = Setting.byName(name);
        if (s.isEmpty()) {
            List<String> known = Setting.all().stream().filter(x -> x.section().equals(section)).map(Setting::key)
                    .toList();
            throw new LockstepException(ErrorCode.CONFIG, "unknown setting '" + key + "' in " + where,
                    Suggestions.didYouMean(key, known) + "known" + (section.isEmpty() ? "" : " in [" + section + "]")
                            + ": " + String.join(", ", known));
        }
        values.put(s.get(), new Value(plain(node), where, inEnvironment));
    }

    /** A TOML value as plain Java: String, Number, Boolean, List or Map. */
    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), plain(e.getValue()));
            }
            return m;
        }
        if (node.isArray()) {
            List<Object> l = new ArrayList<>();
            for (JsonNode n : node) {
                l.add(plain(n));
            }
            return l;
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asText();
    }

    /**
     * {@code lockstep.toml:3:14: } where the parser stopped (the file as the working directory names it), or the
     * file alone when the parser does not say.
     */
    private static String where(Path path, IOException e) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = path.toAbsolutePath().normalize();
        String shown = (abs.startsWith(cwd) ? cwd.relativize(abs) : abs).toString();
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                && j.getLocation().getLineNr() > 0) {
            return shown + ":" + j.getLocation().getLineNr() + ":" + j.getLocation().getColumnNr() + ": ";
        }
        return shown + ": ";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
