package dev.lockstep;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * How a {@link Setting}'s value is written and read: from text (command line, environment, a
 * {@code key = "value"} in lockstep.toml) or from a structured TOML value (a number, a list, a table),
 * given as plain Java values: {@code String}, {@code Number}, {@code Boolean}, {@code List} or
 * {@code Map<String, Object>}. Parsers throw {@link IllegalArgumentException} with a message a user can
 * act on; the caller adds where the value came from.
 *
 * @param <T> the type of the value
 */
public final class SettingType<T> {
    /**
     * The types of the registry's own settings, read and written by one switch (see {@link #parse}) rather
     * than by a pair of functions each: the first use of each lambda links a call site, which costs a
     * short command's start-up more than the few dozen settings' values it reads.
     */
    enum Kind {
        TEXT, DURATION, POSITIVE_DURATION, BOOLEAN, COUNT, PATH, TIME_ZONE, SIZE, STRINGS, MAJOR_VERSION, PORT, RATE,
        PERCENT, DATABASE_ID, WINDOW, WORDS, SEVERITIES, HTTP_CHECKS, COMMAND_CHECKS, RLS_CHECKS, HOOKS
    }

    private final String name;
    /** A built-in type, or null for one read by {@link #parser}. */
    private final Kind kind;
    /** For {@link Kind#WORDS}: the enum whose constants are the words. */
    private final Class<? extends Enum<?>> wordsOf;
    private final Function<Object, T> parser;
    private final Function<T, String> formatter;
    private final List<String> allowed;

    private SettingType(String name, Function<Object, T> parser, Function<T, String> formatter, List<String> allowed) {
        this.name = name;
        this.kind = null;
        this.wordsOf = null;
        this.parser = parser;
        this.formatter = formatter;
        this.allowed = List.copyOf(allowed);
    }

    private SettingType(String name, Kind kind) {
        this(name, kind, null, List.of());
    }

    private SettingType(String name, Kind kind, Class<? extends Enum<?>> wordsOf, List<String> allowed) {
        this.name = name;
        this.kind = kind;
        this.wordsOf = wordsOf;
        this.parser = null;
        this.formatter = null;
        this.allowed = List.copyOf(allowed);
    }

    /** A type read from text only (a TOML number or boolean is read as its text). */
    public static <T> SettingType<T> ofText(String name, Function<String, T> parse, Function<T, String> format) {
        return new SettingType<>(name, v -> parse.apply(text(v, name)), format, List.of());
    }

    /** A type read from any plain value. */
    public static <T> SettingType<T> of(String name, Function<Object, T> parse, Function<T, String> format) {
        return new SettingType<>(name, parse, format, List.of());
    }

    public static final SettingType<String> STRING = new SettingType<>("text", Kind.TEXT);
    public static final SettingType<Duration> DURATION = new SettingType<>("duration", Kind.DURATION);
    /** A duration above zero: for timeouts where PostgreSQL reads 0 as no limit at all. */
    public static final SettingType<Duration> POSITIVE_DURATION = new SettingType<>("duration above zero",
            Kind.POSITIVE_DURATION);
    public static final SettingType<Boolean> BOOLEAN = new SettingType<>("true or false", Kind.BOOLEAN);
    public static final SettingType<Integer> COUNT = new SettingType<>("whole number >= 0", Kind.COUNT);
    public static final SettingType<Path> PATH = new SettingType<>("path", Kind.PATH);
    public static final SettingType<ZoneId> TIME_ZONE = new SettingType<>("time zone", Kind.TIME_ZONE);
    public static final SettingType<Long> SIZE = new SettingType<>("size such as 10MB", Kind.SIZE);
    public static final SettingType<List<String>> STRINGS = new SettingType<>("list of strings", Kind.STRINGS);
    static final SettingType<Integer> MAJOR_VERSION = new SettingType<>("major version such as 15", Kind.MAJOR_VERSION);
    static final SettingType<Integer> PORT = new SettingType<>("port 0-65535", Kind.PORT);
    static final SettingType<Double> RATE = new SettingType<>("rollbacks per second", Kind.RATE);
    static final SettingType<Double> PERCENT = new SettingType<>("percentage such as 20%", Kind.PERCENT);
    static final SettingType<String> DATABASE_ID = new SettingType<>("system identifier/database name",
            Kind.DATABASE_ID);
    static final SettingType<String> WINDOW = new SettingType<>("window HH:MM-HH:MM", Kind.WINDOW);
    static final SettingType<Map<String, dev.lockstep.lint.Severity>> SEVERITIES = new SettingType<>(
            "table of rule = severity", Kind.SEVERITIES);
    static final SettingType<List<VerifyCheck.Http>> HTTP_CHECKS = new SettingType<>(
            "[[verify.http]] url, expect, timeout", Kind.HTTP_CHECKS);
    static final SettingType<List<VerifyCheck.Command>> COMMAND_CHECKS = new SettingType<>(
            "[[verify.command]] run, timeout", Kind.COMMAND_CHECKS);
    static final SettingType<List<VerifyCheck.Rls>> RLS_CHECKS = new SettingType<>(
            "[[verify.rls]] name, role, settings, query, expect-rows, forbidden", Kind.RLS_CHECKS);
    static final SettingType<List<VerifyCheck.Http>> WATCH_HTTP_CHECKS = new SettingType<>(
            "[[watch.http]] url, expect, timeout", Kind.HTTP_CHECKS);
    static final SettingType<List<VerifyCheck.Command>> WATCH_COMMAND_CHECKS = new SettingType<>(
            "[[watch.command]] run, timeout", Kind.COMMAND_CHECKS);
    static final SettingType<List<HookCommand>> HOOKS = new SettingType<>(
            "command, or list of commands and {run, timeout, dir} tables", Kind.HOOKS);

    /** One of a fixed set of words, e.g. {@code off}, {@code idle-in-transaction}, {@code all}. */
    public static <E extends Enum<E>> SettingType<E> words(Class<E> type) {
        return words(type, type.getEnumConstants());
    }

    /**
     * {@link #words(Class)} given the constants ({@code Mode.values()}): the registry's own types are built
     * on every start, and asking the class for its constants goes through reflection.
     */
    public static <E extends Enum<E>> SettingType<E> words(Class<E> type, E[] constants) {
        List<String> words = new ArrayList<>();
        for (E e : constants) {
            words.add(word(e));
        }
        return new SettingType<>(String.join(" | ", words), Kind.WORDS, type, words);
    }

    /** A table of words to values, e.g. {@code [lint.severity]}. */
    public static <V> SettingType<Map<String, V>> table(String name, Function<String, V> value) {
        return of(name, v -> readTable(v, name, value), m -> m.toString());
    }

    /** A list of tables, e.g. {@code [[verify.http]]}, each read by {@code item}. */
    public static <V> SettingType<List<V>> tables(String name, Function<Map<String, Object>, V> item) {
        return of(name, v -> readTables(v, name, item), l -> l.size() + " entries");
    }

    private static <V> Map<String, V> readTable(Object v, String name, Function<String, V> value) {
        if (!(v instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("must be a table (" + name + ")");
        }
        Map<String, V> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            out.put(String.valueOf(e.getKey()), value.apply(text(e.getValue(), name)));
        }
        return Map.copyOf(out);
    }

    private static <V> List<V> readTables(Object v, String name, Function<Map<String, Object>, V> item) {
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException("must be a list of tables (" + name + ")");
        }
        List<V> out = new ArrayList<>();
        for (Object o : l) {
            if (!(o instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("each entry must be a table (" + name + ")");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> table = (Map<String, Object>) m;
            out.add(item.apply(table));
        }
        return List.copyOf(out);
    }

    public T parse(Object value) {
        if (kind == null) {
            return parser.apply(value);
        }
        @SuppressWarnings("unchecked")
        T parsed = (T) parse(kind, value, name);
        return parsed;
    }

    public String format(T value) {
        if (value == null) {
            return "";
        }
        return kind == null ? formatter.apply(value) : format(kind, value);
    }

    private Object parse(Kind kind, Object v, String name) {
        switch (kind) {
            case STRINGS:
                return strings(v);
            case SEVERITIES:
                return readTable(v, name, dev.lockstep.lint.Severity::parse);
            case HTTP_CHECKS:
                return readTables(v, name, VerifyCheck.Http::of);
            case COMMAND_CHECKS:
                return readTables(v, name, VerifyCheck.Command::of);
            case RLS_CHECKS:
                return readTables(v, name, VerifyCheck.Rls::of);
            case HOOKS:
                return HookCommand.list(v);
            case WORDS:
                return wordOf(v);
            default:
                break;
        }
        String text = text(v, name);
        return switch (kind) {
            case TEXT -> text;
            case DURATION -> Durations.parse(text);
            case POSITIVE_DURATION -> positive(text);
            case BOOLEAN -> bool(text);
            case COUNT -> count(text);
            case PATH -> Path.of(text);
            case TIME_ZONE -> zone(text);
            case SIZE -> byteSize(text);
            case MAJOR_VERSION -> SettingValues.majorVersion(text);
            case PORT -> SettingValues.port(text);
            case RATE -> SettingValues.rate(text);
            case PERCENT -> SettingValues.percent(text);
            case DATABASE_ID -> SettingValues.databaseId(text);
            case WINDOW -> SettingValues.window(text);
            default -> throw new IllegalStateException("read above: " + kind);
        };
    }

    private Enum<?> wordOf(Object v) {
        String t = text(v, "one of " + allowed).strip().toLowerCase(Locale.ROOT);
        for (Enum<?> e : wordsOf.getEnumConstants()) {
            if (word(e).equals(t)) {
                return e;
            }
        }
        throw new IllegalArgumentException("'" + v + "' is not one of " + String.join(", ", allowed));
    }

    private static String format(Kind kind, Object value) {
        return switch (kind) {
            case DURATION, POSITIVE_DURATION -> Durations.exact((Duration) value);
            case TIME_ZONE -> ((ZoneId) value).getId();
            case SIZE -> formatSize((Long) value);
            case STRINGS -> String.join(", ", castStrings(value));
            case PERCENT -> SettingValues.percentText((Double) value);
            case WORDS -> word((Enum<?>) value);
            case HTTP_CHECKS, COMMAND_CHECKS, RLS_CHECKS -> ((List<?>) value).size() + " entries";
            case HOOKS -> HookCommand.format(castHooks(value));
            default -> String.valueOf(value);
        };
    }

    @SuppressWarnings("unchecked")
    private static List<HookCommand> castHooks(Object value) {
        return (List<HookCommand>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> castStrings(Object value) {
        return (List<String>) value;
    }

    /** What a value must look like, for messages and docs. */
    public String describe() {
        return name;
    }

    /** The words a value may be, when the type is a choice; empty otherwise. */
    public List<String> allowed() {
        return allowed;
    }

    static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String text(Object v, String what) {
        if (v instanceof Map<?, ?> || v instanceof Collection<?>) {
            throw new IllegalArgumentException("must be a single value (" + what + "), not a table or list");
        }
        return String.valueOf(v);
    }

    private static boolean bool(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
        };
    }

    private static Duration positive(String text) {
        Duration d = Durations.parse(text);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("'" + text + "' is not above zero; PostgreSQL reads 0 as no limit, so "
                    + "a blocked statement would queue every query behind it for as long as it waits");
        }
        return d;
    }

    private static int count(String text) {
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + text + "' is not a whole number >= 0");
    }

    private static ZoneId zone(String text) {
        try {
            return ZoneId.of(text.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time zone (write e.g. Europe/Berlin or UTC)");
        }
    }

    private static List<String> strings(Object v) {
        if (v instanceof List<?> l) {
            // A loop, not a stream: [lint] disable in a lockstep.toml is read by every lint, whose path links no
            // lambda (docs/architecture.md, "Start-up of the command-line tool").
            List<String> out = new ArrayList<>(l.size());
            for (Object x : l) {
                out.add(text(x, "list of strings"));
            }
            return java.util.Collections.unmodifiableList(out);
        }
        String t = text(v, "list of strings").strip();
        return t.isEmpty() ? List.of() : commaSeparated(t);
    }

    /**
     * {@code text.split("\\s*,\\s*")}, as a list, without a regular expression (the JDK compiles one with
     * lambdas): the parts between commas, without the white space next to each comma; empty parts at the
     * end dropped, as {@code split} drops them.
     */
    static List<String> commaSeparated(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (true) {
            int comma = text.indexOf(',', start);
            int from = start;
            int to = comma < 0 ? text.length() : comma;
            if (start > 0) {
                while (from < to && regexSpace(text.charAt(from))) {
                    from++;
                }
            }
            if (comma >= 0) {
                while (to > from && regexSpace(text.charAt(to - 1))) {
                    to--;
                }
            }
            out.add(text.substring(from, to));
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
        int size = out.size();
        while (size > 0 && out.get(size - 1).isEmpty()) {
            size--;
        }
        return List.copyOf(out.subList(0, size));
    }

    /** {@code \\s} of a regular expression: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean regexSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** {@code 10MB}, {@code 512kB}, {@code 1GB} or a number of bytes; units are 1024-based, as PostgreSQL's. */
    private static Long byteSize(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)\\s*(\\d+)\\s*(b|kb|mb|gb|tb)?\\s*")
                .matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size; write e.g. 10MB or 512kB");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(java.util.Locale.ROOT);
        int shift = switch (unit) {
            case "kb" -> 10;
            case "mb" -> 20;
            case "gb" -> 30;
            case "tb" -> 40;
            default -> 0;
        };
        return n << shift;
    }

    private static String formatSize(Long bytes) {
        String[] units = {"TB", "GB", "MB", "kB"};
        int[] shifts = {40, 30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            if (bytes != 0 && bytes % (1L << shifts[i]) == 0) {
                return (bytes >> shifts[i]) + units[i];
            }
        }
        return bytes + "B";
    }
}
