package dev.lockstep.internal.adopt;

import dev.lockstep.MigrationVersion;
import dev.lockstep.internal.source.MigrationSet;
import dev.lockstep.internal.source.ResolvedMigration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Matches another tool's history rows to the migration files. Pure: rows and files in, a mapping out.
 * Every row must name a file that is there (and, where the tool keeps a checksum, unchanged); a row
 * the tool itself marks as failed or dirty is refused. Each refusal names the row.
 */
public final class ImportMapper {

    /** A file the other tool applied, and the row that says so. */
    public record Entry(ResolvedMigration migration, ForeignRow row) {
    }

    /**
     * @param baseline a version below which everything counts as applied (Flyway's baseline row), or null
     * @param notes what is taken over differently from how it reads (a repeatable migration changed since)
     */
    public record Mapping(List<Entry> entries, String baseline, List<String> refusals, List<String> notes) {
    }

    public Mapping map(Tool tool, String table, List<ForeignRow> rows, MigrationSet files) {
        List<String> refusals = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (ForeignRow r : rows) {
            if (r.problem() != null && !r.undone()) {
                refusals.add(table + " " + r.label() + " " + r.problem() + hintFor(tool, r));
            }
        }
        Map<MigrationVersion, Entry> applied = new TreeMap<>();
        List<Entry> repeatable = new ArrayList<>();
        String baseline = null;
        switch (tool) {
            case FLYWAY -> baseline = flyway(table, rows, files, applied, repeatable, refusals, notes);
            case LIQUIBASE -> liquibase(table, rows, files, applied, refusals);
            case ALEMBIC -> alembic(table, rows, files, applied, refusals);
            case GOLANG_MIGRATE -> golangMigrate(table, rows, files, applied, refusals);
            case PRISMA -> prisma(table, rows, files, applied, refusals);
            case DIESEL -> diesel(table, rows, files, applied, refusals);
            case GOOSE -> goose(table, rows, files, applied, refusals);
            default -> {
                for (ForeignRow r : rows) {
                    byVersion(table, r, files, applied, refusals);
                }
            }
        }
        List<Entry> entries = new ArrayList<>(applied.values());
        entries.addAll(repeatable);
        return new Mapping(List.copyOf(entries), baseline, List.copyOf(refusals), List.copyOf(notes));
    }

    private static String hintFor(Tool tool, ForeignRow r) {
        return switch (tool) {
            case GOLANG_MIGRATE -> ": golang-migrate stopped in the middle of that migration; check which of its "
                    + "statements ran, finish or undo them by hand, then mark it with 'migrate force " + r.key() + "' "
                    + "(or the version before it)";
            case FLYWAY -> ": undo what it applied, or finish it by hand, and clear the row with 'flyway repair'";
            case PRISMA -> ": settle it with 'prisma migrate resolve --applied' or '--rolled-back'";
            default -> "";
        };
    }

    private static ResolvedMigration file(MigrationSet files, String version) {
        if (!MigrationVersion.isVersion(version)) {
            return null;
        }
        return files.find(MigrationVersion.parse(version)).orElse(null);
    }

    private static void byVersion(String table, ForeignRow r, MigrationSet files, Map<MigrationVersion, Entry> applied,
                                  List<String> refusals) {
        ResolvedMigration m = file(files, r.key());
        if (m == null) {
            refusals.add(table + " " + r.label() + " has no migration file with that version in " + files.directory());
        } else {
            applied.put(m.version(), new Entry(m, r));
        }
    }

    /** goose adds a row when it applies a version and another when it rolls it back: the last one counts. */
    private static void goose(String table, List<ForeignRow> rows, MigrationSet files,
                              Map<MigrationVersion, Entry> applied, List<String> refusals) {
        Map<String, ForeignRow> last = new LinkedHashMap<>();
        for (ForeignRow r : rows) {
            last.remove(r.key());
            last.put(r.key(), r);
        }
        for (ForeignRow r : last.values()) {
            if (r.undone()) {
                continue;
            }
            // goose reads a file's version as golang-migrate does: its leading digits.
            ResolvedMigration m = files.versioned().stream().filter(f -> r.key().equals(GolangMigrateVersion.of(f)))
                    .findFirst().orElse(null);
            if (m == null) {
                refusals.add(table + " " + r.label() + " has no migration file with that version in " + files.directory());
            } else {
                applied.put(m.version(), new Entry(m, r));
            }
        }
    }

    private static void diesel(String table, List<ForeignRow> rows, MigrationSet files,
                               Map<MigrationVersion, Entry> applied, List<String> refusals) {
        for (ForeignRow r : rows) {
            ResolvedMigration m = files.versioned().stream().filter(f -> DieselVersion.of(f).equals(r.key()))
                    .findFirst().orElse(null);
            if (m == null) {
                refusals.add(table + " " + r.label() + " has no migration directory with that version in "
                        + files.directory());
            } else {
                applied.put(m.version(), new Entry(m, r));
            }
        }
    }

    private static String flyway(String table, List<ForeignRow> rows, MigrationSet files,
                                 Map<MigrationVersion, Entry> applied, List<Entry> repeatable, List<String> refusals,
                                 List<String> notes) {
        String baseline = null;
        Map<String, ForeignRow> versioned = new LinkedHashMap<>();
        Map<String, ForeignRow> repeatables = new LinkedHashMap<>();
        for (ForeignRow r : rows) {
            if (r.problem() != null || r.type().equals("SCHEMA")) {
                continue;
            }
            if (r.type().equals("BASELINE")) {
                baseline = r.key();
            } else if (r.undone()) {
                versioned.remove(r.key());
                repeatables.remove(r.key().startsWith("R:") ? r.key().substring(2) : r.key());
            } else if (!r.type().equals("SQL")) {
                refusals.add(table + " " + r.label() + " is a " + r.type() + " migration, not a SQL file Lockstep can "
                        + "run: write it as SQL first");
            } else if (r.key().startsWith("R:")) {
                repeatables.put(r.key().substring(2), r);
            } else {
                versioned.put(r.key(), r);
            }
        }
        for (ForeignRow r : versioned.values()) {
            ResolvedMigration m = file(files, r.key());
            if (m == null) {
                refusals.add(table + " " + r.label() + " has no migration file with that version in "
                        + files.directory());
            } else if (r.checksum() != null && !r.checksum().equals(String.valueOf(ToolChecksums.flyway(m.up().text())))) {
                refusals.add(table + " " + r.label() + ": " + m.script() + " has changed since Flyway applied it "
                        + "(checksum " + r.checksum() + " recorded, " + ToolChecksums.flyway(m.up().text()) + " now)");
            } else {
                applied.put(m.version(), new Entry(m, r));
            }
        }
        for (Map.Entry<String, ForeignRow> e : repeatables.entrySet()) {
            ForeignRow r = e.getValue();
            ResolvedMigration m = files.repeatable().stream().filter(f -> f.description().equals(e.getKey()))
                    .findFirst().orElse(null);
            if (m == null) {
                notes.add(table + " " + r.label() + ": the repeatable migration has no file any more; not imported");
            } else if (r.checksum() != null && !r.checksum().equals(String.valueOf(ToolChecksums.flyway(m.up().text())))) {
                notes.add(m.script() + " changed since Flyway last ran it: migrate runs it again");
            } else {
                repeatable.add(new Entry(m, r));
            }
        }
        return baseline;
    }

    private static String base(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return slash < 0 ? path : path.substring(slash + 1);
    }

    private static void liquibase(String table, List<ForeignRow> rows, MigrationSet files,
                                  Map<MigrationVersion, Entry> applied, List<String> refusals) {
        Map<String, List<ForeignRow>> byFile = new LinkedHashMap<>();
        rows.forEach(r -> byFile.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r));
        for (Map.Entry<String, List<ForeignRow>> e : byFile.entrySet()) {
            ResolvedMigration m = files.versioned().stream().filter(f -> base(f.up().name()).equals(base(e.getKey())))
                    .findFirst().orElse(null);
            if (m == null) {
                refusals.add(table + " " + e.getValue().get(0).label() + " is in " + e.getKey()
                        + ", which is not a migration file in " + files.directory());
            } else if (e.getValue().stream().anyMatch(r -> !r.undone() && r.problem() == null)) {
                applied.put(m.version(), new Entry(m, e.getValue().get(0)));
            }
        }
    }

    private static void alembic(String table, List<ForeignRow> rows, MigrationSet files,
                                Map<MigrationVersion, Entry> applied, List<String> refusals) {
        if (rows.size() > 1) {
            refusals.add(table + " has " + rows.size() + " rows (" + String.join(", ", rows.stream().map(ForeignRow::key)
                    .toList()) + "): several heads; merge them with 'alembic merge' first");
            return;
        }
        upTo(table, rows, files, applied, refusals, (m, r) -> AlembicRevision.matches(m, r.key()),
                "no migration file stands for that revision (name it in the file: -- Revision ID: <revision>)");
    }

    private static void golangMigrate(String table, List<ForeignRow> rows, MigrationSet files,
                                      Map<MigrationVersion, Entry> applied, List<String> refusals) {
        if (rows.size() > 1) {
            refusals.add(table + " has " + rows.size() + " rows; golang-migrate keeps one");
            return;
        }
        upTo(table, rows, files, applied, refusals, (m, r) -> r.key().equals(GolangMigrateVersion.of(m)),
                "has no migration file with that version in " + files.directory());
    }

    /** One row names the last applied file: it and every file before it are applied. */
    private static void upTo(String table, List<ForeignRow> rows, MigrationSet files,
                             Map<MigrationVersion, Entry> applied, List<String> refusals,
                             java.util.function.BiPredicate<ResolvedMigration, ForeignRow> names, String missing) {
        if (rows.isEmpty() || rows.get(0).problem() != null) {
            return;
        }
        ForeignRow row = rows.get(0);
        ResolvedMigration head = files.versioned().stream().filter(m -> names.test(m, row)).findFirst().orElse(null);
        if (head == null) {
            refusals.add(table + " " + row.label() + " " + missing);
            return;
        }
        for (ResolvedMigration m : files.versioned()) {
            if (m.version().compareTo(head.version()) <= 0) {
                applied.put(m.version(), new Entry(m, row));
            }
        }
    }

    private static void prisma(String table, List<ForeignRow> rows, MigrationSet files,
                               Map<MigrationVersion, Entry> applied, List<String> refusals) {
        Map<String, ForeignRow> last = new LinkedHashMap<>();
        rows.forEach(r -> last.put(r.key(), r));
        for (ForeignRow r : last.values()) {
            if (r.undone() || r.problem() != null) {
                continue;
            }
            ResolvedMigration m = files.versioned().stream().filter(f -> f.up().name().equals(r.key() + "/migration.sql")
                    || f.up().name().startsWith(r.key() + "/")).findFirst().orElse(null);
            if (m == null) {
                refusals.add(table + " " + r.label() + " has no directory " + r.key() + " in " + files.directory());
            } else if (r.checksum() != null && !ToolChecksums.prismaMatches(m.up().text(), r.checksum())) {
                refusals.add(table + " " + r.label() + ": " + m.script() + " has changed since Prisma applied it "
                        + "(checksum " + r.checksum() + " recorded, " + ToolChecksums.sha256(m.up().text()) + " now)");
            } else {
                applied.put(m.version(), new Entry(m, r));
            }
        }
    }
}
