package dev.lockstep.internal.adopt;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.util.Arrays;
import java.util.Locale;

/** The migration tools whose history table Lockstep reads (import) and can keep writing (keep-history). */
public enum Tool {
    FLYWAY("flyway", "Flyway", null, "flyway_schema_history"),
    LIQUIBASE("liquibase", "Liquibase", null, "databasechangelog"),
    ALEMBIC("alembic", "Alembic", null, "alembic_version"),
    GOLANG_MIGRATE("golang-migrate", "golang-migrate", null, "schema_migrations"),
    DBMATE("dbmate", "dbmate", null, "schema_migrations"),
    GOOSE("goose", "goose", null, "goose_db_version"),
    SUPABASE("supabase", "Supabase", "supabase_migrations", "schema_migrations"),
    DIESEL("diesel", "Diesel", null, "__diesel_schema_migrations"),
    PRISMA("prisma", "Prisma", null, "_prisma_migrations"),
    /** A table of applied versions, one row each (Rails and many hand-written runners). */
    SCHEMA_MIGRATIONS("schema_migrations", "schema_migrations", null, "schema_migrations");

    private final String id;
    private final String display;
    private final String schema;
    private final String table;

    Tool(String id, String display, String schema, String table) {
        this.id = id;
        this.display = display;
        this.schema = schema;
        this.table = table;
    }

    /** The name on the command line: {@code --from golang-migrate}. */
    public String id() {
        return id;
    }

    public String display() {
        return display;
    }

    /** The table the tool keeps, schema-qualified when the tool fixes the schema, else found on the search path. */
    public String defaultTable() {
        return schema == null ? table : schema + "." + table;
    }

    /** Names: {@code flyway}, {@code golang-migrate}...; an unknown one is a usage error listing them. */
    public static Tool of(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Tool t : values()) {
            if (t.id.replace('_', '-').equals(n)) {
                return t;
            }
        }
        java.util.List<String> ids = Arrays.stream(values()).map(Tool::id).toList();
        throw new LockstepException(ErrorCode.USAGE, "unknown tool '" + name + "'",
                dev.lockstep.internal.config.Suggestions.didYouMean(n, ids) + "use one of " + String.join(", ", ids));
    }
}
