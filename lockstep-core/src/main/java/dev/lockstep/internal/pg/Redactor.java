package dev.lockstep.internal.pg;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes passwords from any text before it is shown or stored: the password of a URL (also of a URL
 * with a mistyped scheme such as {@code postgres//} or {@code postgres:/}), {@code password=} parameters
 * (URL query, libpq key=value, {@code PGPASSWORD=}), JSON {@code "password"} fields, and every known
 * password in each form it may be printed in: as typed, percent-encoded (upper or lower case hex, or
 * form-encoded) and JSON-escaped.
 */
public final class Redactor {
    /** Shorter secrets are only removed from URLs and parameters: replacing them in free text would garble it. */
    public static final int MIN_SECRET_LENGTH = 4;
    private static final String MASK = "***";
    /** Placeholders in examples and hints, not secrets. */
    private static final Set<String> PLACEHOLDERS = Set.of("password", "PASSWORD", "pass", "***", "'***'", "PW");

    private Redactor() {
    }

    /**
     * The patterns, compiled on first use: most texts (and most environments) hold no '@' and no
     * "password", and a command that never meets one does not pay for compiling them.
     */
    private static final class Patterns {
        /** {@code scheme://user:secret@}, {@code scheme:/user:secret@}, {@code scheme//user:secret@}: up to the last @. */
        private static final Pattern USERINFO = Pattern.compile(
                "((?:jdbc:)?[a-zA-Z][a-zA-Z0-9+.-]*(?::/*|/+)[^:/@\\s]*):([^\\s?#]*)@");
        private static final Pattern PARAM = Pattern.compile(
                "(?i)(password\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"|[^&\\s;,]+)");
        private static final Pattern JSON_FIELD = Pattern.compile("(?i)(\"password\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");
        private static final Pattern WHOLE_URL = Pattern.compile(
                "(?s)\\s*(?:jdbc:)?[a-zA-Z][a-zA-Z0-9+.-]*(?::/*|/+)[^:/@\\s]*:(.*)@[^@]*");
        private static final Pattern SCHEME = Pattern.compile("^\\s*[a-zA-Z][a-zA-Z0-9+.-]*[:/]*");

        private Patterns() {
        }
    }

    public static String redact(String text) {
        if (text == null || !mayHoldSecret(text)) {
            return text;
        }
        String out = replace(Patterns.USERINFO, text, m -> m.group(1) + ":" + MASK + "@", 2);
        out = replace(Patterns.PARAM, out, m -> m.group(1) + MASK, 2);
        return replace(Patterns.JSON_FIELD, out, m -> m.group(1) + "\"" + MASK + "\"", 0);
    }

    /** Replaces every occurrence of a known secret, for messages that echo it in another form. */
    public static String redact(String text, String secret) {
        return redact(text, secret == null ? List.of() : List.of(secret));
    }

    /** Every form of each known secret, then {@link #redact(String)}. */
    public static String redact(String text, Collection<String> secrets) {
        return of(secrets).apply(text);
    }

    /** {@link #redact(String, Collection)} with the forms of the secrets worked out once, for many texts. */
    public static UnaryOperator<String> of(Collection<String> secrets) {
        Set<String> all = new LinkedHashSet<>();
        for (String secret : secrets) {
            if (secret != null && secret.length() >= MIN_SECRET_LENGTH) {
                all.addAll(forms(secret));
            }
        }
        // Longest first, so that a form that contains another is replaced whole.
        List<String> ordered = new ArrayList<>(all);
        ordered.sort(LONGEST_FIRST);
        return new Known(List.copyOf(ordered));
    }

    private static final Comparator<String> LONGEST_FIRST = new Comparator<>() {
        @Override
        public int compare(String a, String b) {
            return b.length() - a.length();
        }
    };

    /**
     * The redaction of {@link #of}: a class of its own rather than a lambda, because every command builds
     * one and the first lambda a process links starts the method-handle machinery (see
     * docs/architecture.md, "Start-up of the command-line tool").
     */
    private static final class Known implements UnaryOperator<String> {
        private final List<String> longestFirst;

        Known(List<String> longestFirst) {
            this.longestFirst = longestFirst;
        }

        @Override
        public String apply(String text) {
            if (text == null) {
                return null;
            }
            // The known secrets first: a pattern that cut one short would leave the rest of it for them to miss.
            String out = text;
            for (String form : longestFirst) {
                if (out.contains(form)) {
                    out = out.replace(form, MASK);
                }
            }
            return redact(out);
        }
    }

    /**
     * A string that failed to parse as a URL, shown only up to its scheme: what follows may hold a
     * password in a form no pattern recognises.
     */
    public static String unparsed(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = Patterns.SCHEME.matcher(text);
        return (m.find() ? m.group().strip() : "") + MASK;
    }

    /**
     * The passwords a front-end may be handed: {@code PGPASSWORD}, and those of URLs and {@code password=}
     * parameters in any environment variable or argument (also in URLs that do not parse).
     */
    public static Set<String> secretsOf(java.util.Map<String, String> env, Collection<String> args) {
        Set<String> out = new LinkedHashSet<>();
        String pgPassword = env.get("PGPASSWORD");
        if (pgPassword != null && !pgPassword.isEmpty()) {
            out.add(pgPassword);
        }
        for (String v : env.values()) {
            out.addAll(passwordsOfValue(v));
        }
        for (String a : args) {
            out.addAll(passwordsOfValue(a.startsWith("-") && a.contains("=") ? a.substring(a.indexOf('=') + 1) : a));
        }
        out.remove("");
        return out;
    }

    /**
     * The passwords of one value (a variable, an argument): besides those {@link #passwordsIn} finds, a
     * value that is one URL has its password up to the last '@', spaces and all, as a URL parser reads it.
     */
    private static Set<String> passwordsOfValue(String value) {
        Set<String> out = passwordsIn(value);
        if (value != null && value.indexOf('@') >= 0) {
            for (String whole : List.of(value, value.contains("?") ? value.substring(0, value.indexOf('?')) : value)) {
                Matcher m = Patterns.WHOLE_URL.matcher(whole);
                if (m.matches() && !PLACEHOLDERS.contains(m.group(1))) {
                    addWithDecoded(out, m.group(1));
                }
            }
        }
        return out;
    }

    /** The passwords written in a text: of URLs (as written and decoded) and of password= parameters. */
    static Set<String> passwordsIn(String text) {
        Set<String> out = new LinkedHashSet<>();
        if (text == null || !mayHoldSecret(text)) {
            return out;
        }
        Matcher url = Patterns.USERINFO.matcher(text);
        while (url.find()) {
            addWithDecoded(out, url.group(2));
        }
        Matcher param = Patterns.PARAM.matcher(text);
        while (param.find()) {
            String v = param.group(2);
            boolean quoted = v.length() >= 2 && (v.startsWith("'") || v.startsWith("\""));
            addWithDecoded(out, quoted ? v.substring(1, v.length() - 1) : v);
        }
        out.removeIf(s -> s.isEmpty() || PLACEHOLDERS.contains(s));
        return out;
    }

    private static void addWithDecoded(Set<String> out, String secret) {
        out.add(secret);
        try {
            out.add(java.net.URLDecoder.decode(secret.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            // Not percent-encoded as written: the text as it stands is the secret.
        }
    }

    /** The ways a password may be printed: as typed, percent-encoded, form-encoded, JSON-escaped. */
    static Set<String> forms(String secret) {
        Set<String> out = new LinkedHashSet<>();
        out.add(secret);
        String upper = percentEncode(secret);
        out.add(upper);
        out.add(lowerHex(upper));
        out.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        out.add(secret.replace("\\", "\\\\").replace("\"", "\\\""));
        return out;
    }

    /** Every character but the unreserved ones of RFC 3986 as %XX of its UTF-8 bytes. */
    private static String percentEncode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    private static String lowerHex(String encoded) {
        StringBuilder sb = new StringBuilder(encoded);
        for (int i = 0; i < sb.length(); i++) {
            if (sb.charAt(i) == '%' && i + 2 < sb.length()) {
                sb.setCharAt(i + 1, Character.toLowerCase(sb.charAt(i + 1)));
                sb.setCharAt(i + 2, Character.toLowerCase(sb.charAt(i + 2)));
            }
        }
        return sb.toString();
    }

    private static boolean mayHoldSecret(String text) {
        return text.indexOf('@') >= 0 || text.toLowerCase(java.util.Locale.ROOT).contains("password");
    }

    /** Replaces each match unless the group {@code secretGroup} (0: none) is only a placeholder. */
    private static String replace(Pattern p, String text, java.util.function.Function<Matcher, String> with,
                                  int secretGroup) {
        Matcher m = p.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            boolean placeholder = secretGroup > 0 && PLACEHOLDERS.contains(m.group(secretGroup));
            m.appendReplacement(sb, Matcher.quoteReplacement(placeholder ? m.group() : with.apply(m)));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
