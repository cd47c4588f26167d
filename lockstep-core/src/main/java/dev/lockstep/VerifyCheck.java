package dev.lockstep;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A smoke check of {@code verify} beside its SQL assertion scripts ({@code [[verify.*]]} in lockstep.toml). */
public sealed interface VerifyCheck permits VerifyCheck.Http, VerifyCheck.Command, VerifyCheck.Rls {

    /** An HTTP GET expected to answer with {@code expect} within {@code timeout}. */
    record Http(String url, int expect, Duration timeout) implements VerifyCheck {
        public Http {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(timeout, "timeout");
        }

        /** {@code url}, {@code expect} (default 200), {@code timeout} (default 10s). */
        static Http of(Map<String, Object> t) {
            return new Http(required(t, "url"), Integer.parseInt(String.valueOf(t.getOrDefault("expect", 200))),
                    Durations.parse(String.valueOf(t.getOrDefault("timeout", "10s"))));
        }
    }

    /** A shell command expected to exit 0 within {@code timeout}. */
    record Command(String run, Duration timeout) implements VerifyCheck {
        public Command {
            Objects.requireNonNull(run, "run");
            Objects.requireNonNull(timeout, "timeout");
        }

        /** {@code run}, {@code timeout} (default 60s). */
        static Command of(Map<String, Object> t) {
            return new Command(required(t, "run"), Durations.parse(String.valueOf(t.getOrDefault("timeout", "60s"))));
        }
    }

    /**
     * A row-level-security check: as {@code role}, with {@code settings} set for the transaction (e.g.
     * {@code request.jwt.claims}, {@code app.account_id}), {@code query} must return exactly
     * {@code expectRows} rows (when not null) and {@code forbidden} (when not null) must return none.
     */
    record Rls(String name, String role, Map<String, String> settings, String query, Integer expectRows,
               String forbidden) implements VerifyCheck {
        public Rls {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(query, "query");
            settings = Map.copyOf(settings);
        }

        /** {@code name}, {@code role}, {@code settings} (a table), {@code query}, {@code expect-rows}, {@code forbidden}. */
        static Rls of(Map<String, Object> t) {
            Map<String, String> settings = new LinkedHashMap<>();
            if (t.get("settings") instanceof Map<?, ?> m) {
                m.forEach((k, v) -> settings.put(String.valueOf(k), v instanceof Map<?, ?> || v instanceof Iterable<?>
                        ? json(v) : String.valueOf(v)));
            }
            String role = required(t, "role");
            Object expect = t.get("expect-rows");
            Object forbidden = t.get("forbidden");
            return new Rls(String.valueOf(t.getOrDefault("name", "as " + role)), role, settings, required(t, "query"),
                    expect == null ? null : Integer.valueOf(String.valueOf(expect)),
                    forbidden == null ? null : String.valueOf(forbidden));
        }
    }

    /** A TOML table or list as JSON text, as a setting such as {@code request.jwt.claims} expects. */
    private static String json(Object v) {
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            m.forEach((k, x) -> sb.append(sb.length() > 1 ? "," : "").append(json(String.valueOf(k))).append(':')
                    .append(json(x)));
            return sb.append('}').toString();
        }
        if (v instanceof Iterable<?> l) {
            StringBuilder sb = new StringBuilder("[");
            l.forEach(x -> sb.append(sb.length() > 1 ? "," : "").append(json(x)));
            return sb.append(']').toString();
        }
        if (v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : String.valueOf(v).toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(ch < 0x20 ? String.format("\\u%04x", (int) ch) : String.valueOf(ch));
            }
        }
        return sb.append('"').toString();
    }

    private static String required(Map<String, Object> table, String key) {
        Object v = table.get(key);
        if (v == null) {
            throw new IllegalArgumentException("a check has no " + key);
        }
        return String.valueOf(v);
    }
}
