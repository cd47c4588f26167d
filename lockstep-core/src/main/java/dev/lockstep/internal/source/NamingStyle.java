package dev.lockstep.internal.source;

/** The naming styles Lockstep reads; one directory uses one. */
public enum NamingStyle {
    /** {@code V1.2__add_users.sql}, {@code U1.2__add_users.sql}, {@code R__views.sql}. */
    FLYWAY("Flyway (V1__name.sql, U1__name.sql, R__name.sql)"),
    /** {@code 0001_add_users.sql} or {@code 20260110120000_add_users.sql}, optional dbmate or goose sections. */
    NUMBERED("numbered (0001_name.sql with optional -- migrate:up / -- migrate:down)"),
    /** {@code 0001_add_users.up.sql} and {@code 0001_add_users.down.sql}. */
    PAIRS("up/down pairs (0001_name.up.sql + 0001_name.down.sql)"),
    /** {@code 0001_add_users/up.sql} and {@code down.sql}. */
    DIRECTORY("a directory per migration (0001_name/up.sql + down.sql)");

    private final String description;

    NamingStyle(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
