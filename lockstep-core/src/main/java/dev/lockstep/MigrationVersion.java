package dev.lockstep;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A migration version such as {@code 1.2}, {@code 0003} or {@code 20260110120000}. Versions compare
 * numerically part by part ({@code 1.10 > 1.9}, {@code 0003 == 3}); parts are separated by {@code .}
 * or {@code _}. The text is kept as written for display and history.
 */
public final class MigrationVersion implements Comparable<MigrationVersion> {
    private final String text;
    private final List<BigInteger> parts;
    /** The version as a number when it is one part that fits a long (most are); else -1. */
    private final long single;

    private MigrationVersion(String text, List<BigInteger> parts) {
        this.text = text;
        this.parts = parts;
        this.single = parts.size() == 1 && parts.get(0).bitLength() < 63 ? parts.get(0).longValue() : -1;
    }

    /** Parses a version; throws {@link IllegalArgumentException} naming the text when it is not one. */
    public static MigrationVersion parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty version");
        }
        long number = digits(text);
        if (number >= 0) {
            return new MigrationVersion(text, List.of(BigInteger.valueOf(number))); // one part: most versions
        }
        List<BigInteger> parts = new ArrayList<>(4);
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c == '.' || c == '_') {
                if (i == start) {
                    throw notAVersion(text);
                }
                parts.add(i - start < 18 ? BigInteger.valueOf(Long.parseLong(text, start, i, 10))
                        : new BigInteger(text.substring(start, i)));
                start = i + 1;
            } else if (c < '0' || c > '9') {
                throw notAVersion(text);
            }
        }
        while (parts.size() > 1 && parts.get(parts.size() - 1).signum() == 0) {
            parts.remove(parts.size() - 1);
        }
        return new MigrationVersion(text.replace('_', '.'), List.copyOf(parts));
    }

    /** The text as a number when it is up to 18 digits and nothing else; else -1. */
    private static long digits(String text) {
        if (text.length() > 18) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static IllegalArgumentException notAVersion(String text) {
        return new IllegalArgumentException("'" + text + "' is not a version: use digits separated by '.' or '_'");
    }

    /** Whether the text is a version, without throwing. */
    public static boolean isVersion(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public String text() {
        return text;
    }

    @Override
    public int compareTo(MigrationVersion other) {
        if (single >= 0 && other.single >= 0) {
            return Long.compare(single, other.single); // loading a directory sorts a thousand of these
        }
        int n = Math.max(parts.size(), other.parts.size());
        for (int i = 0; i < n; i++) {
            BigInteger a = i < parts.size() ? parts.get(i) : BigInteger.ZERO;
            BigInteger b = i < other.parts.size() ? other.parts.get(i) : BigInteger.ZERO;
            int c = a.compareTo(b);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MigrationVersion v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
