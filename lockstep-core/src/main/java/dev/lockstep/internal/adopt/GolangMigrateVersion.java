package dev.lockstep.internal.adopt;

import dev.lockstep.internal.source.ResolvedMigration;

/**
 * The version golang-migrate (and goose) read from a migration's file name: its leading digits, whatever
 * follows the first {@code _} ({@code 0002_1.7.0_schema.up.sql} is 2, {@code 20240102000000_0_42_3.sql} is
 * 20240102000000). Lockstep's own version of that file reads on ({@code 0002.1.7.0}), so rows are matched on this.
 */
final class GolangMigrateVersion {
    private GolangMigrateVersion() {
    }

    /**
     * The leading digits without leading zeros ({@code 0} for all zeros). For a name in another layout (a
     * directory per migration, a Flyway {@code V3__x.sql}), Lockstep's version when it is a whole number, as
     * before; null when neither gives one.
     */
    static String of(ResolvedMigration m) {
        String name = m.up().name();
        if (name.indexOf('/') >= 0 || name.isEmpty() || name.charAt(0) < '0' || name.charAt(0) > '9') {
            String v = m.version() == null ? "" : m.version().text();
            return v.isEmpty() || !v.chars().allMatch(Character::isDigit) ? null : new java.math.BigInteger(v).toString();
        }
        int end = 0;
        while (end < name.length() && name.charAt(end) >= '0' && name.charAt(end) <= '9') {
            end++;
        }
        if (end == 0) {
            return null;
        }
        int start = 0;
        while (start < end - 1 && name.charAt(start) == '0') {
            start++;
        }
        return name.substring(start, end);
    }
}
