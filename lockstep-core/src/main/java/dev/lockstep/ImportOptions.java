package dev.lockstep;

/**
 * What {@code import} reads.
 *
 * @param from the tool: {@code flyway}, {@code liquibase}, {@code alembic}, {@code golang-migrate}, {@code dbmate},
 *             {@code goose}, {@code supabase}, {@code diesel}, {@code prisma} or {@code schema_migrations}
 * @param table its history table ({@code [schema.]name}) when not the tool's default; else null
 * @param dryRun show how the rows map to the files; write nothing
 */
public record ImportOptions(String from, String table, boolean dryRun) {
}
