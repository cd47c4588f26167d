package dev.lockstep.cli.commands;

import dev.lockstep.ImportOptions;
import dev.lockstep.ImportResult;
import dev.lockstep.Lockstep;
import dev.lockstep.cli.Console;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Take over another tool's history table: the files it applied are recorded as applied, so "
                + "migrate runs only what is new.")
public final class ImportCommand extends Subcommand {
    @Option(names = "--from", required = true, paramLabel = "TOOL", description = "flyway, liquibase, alembic, "
            + "golang-migrate, dbmate, goose, supabase, diesel, prisma or schema_migrations")
    String from;

    @Option(names = "--table", paramLabel = "[SCHEMA.]NAME", description = "The tool's history table, when not its default")
    String table;

    @Option(names = "--dry-run", description = "Show how the rows map to the files; write nothing")
    boolean dryRun;

    @Override
    public Integer call() {
        Console console = console();
        var config = config();
        if (!dryRun) {
            confirmIfProtected(config, "import the history");
        }
        ImportResult r = Lockstep.create(config).withListener(new NoticePrinter(console))
                .importHistory(new ImportOptions(from, table, dryRun));
        console.println((r.dryRun() ? "Would import " : "Imported ") + r.migrations().size() + " migration"
                + (r.migrations().size() == 1 ? "" : "s") + " from " + r.table() + " on " + r.database() + ":");
        if (r.baseline() != null) {
            console.println("  baseline    " + r.baseline() + "  (everything up to it counts as applied)");
        }
        for (ImportResult.Imported m : r.migrations()) {
            console.println(String.format("  %-10s  %-40s <- %s", m.version() == null ? "repeatable" : m.version(),
                    m.script(), m.row()));
        }
        for (String note : r.notes()) {
            console.notice("note: " + note);
        }
        console.println(r.dryRun() ? "Nothing was written (--dry-run)."
                : "Now at version " + (r.versionAfter() == null ? "none" : r.versionAfter())
                + "; 'lockstep migrate' applies only the files after it.");
        console.result(r);
        return 0;
    }
}
