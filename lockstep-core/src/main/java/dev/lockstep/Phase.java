package dev.lockstep;

import java.util.Locale;

/**
 * The phase of an expand-and-contract change ({@code -- lockstep:phase expand|contract} in a migration).
 * Expand migrations, and migrations without a phase, run with a plain {@code migrate}; contract migrations
 * wait until {@code migrate --phase contract}, which runs them once every expand migration is applied and
 * {@code contract-requires} passes.
 */
public enum Phase {
    /** Additive, backwards-compatible changes: the running application keeps working. */
    EXPAND,
    /** Changes that break the old application: run once the new one is deployed everywhere. */
    CONTRACT;

    /** {@code expand} or {@code contract}. */
    public static Phase parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (Phase p : values()) {
            if (p.word().equals(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a phase; use expand or contract");
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
