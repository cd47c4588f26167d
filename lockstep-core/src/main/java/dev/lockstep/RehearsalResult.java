package dev.lockstep;

import java.util.List;

/**
 * What {@code rehearse} found, applying each pending migration up, down and up again on a scratch copy.
 *
 * @param scratch the scratch database used (dropped since)
 * @param fromDump the backup the copy was restored from, or null when the copy was built from the files
 * @param version the version the copy was at before the first pending migration; null when none
 * @param migrations each pending migration, in order
 */
public record RehearsalResult(String database, String scratch, String fromDump, String version,
                             List<Migration> migrations) {
    public RehearsalResult {
        migrations = List.copyOf(migrations);
    }

    /**
     * One pending migration's rehearsal.
     *
     * @param upMs the first up; null when it did not run
     * @param downMs the down script; null when there is none or it did not run
     * @param redoMs the second up; null when it did not run
     * @param tables the tables it touches, with their size on the copy (from a dump: real sizes)
     * @param lint the lint gate's findings for it, as {@code migrate} would report them
     */
    public record Migration(String version, String description, String script, Long upMs, Long downMs, Long redoMs,
                            List<Problem> problems, List<TableSize> tables, List<String> lint) {
        public Migration {
            problems = List.copyOf(problems);
            tables = List.copyOf(tables);
            lint = List.copyOf(lint);
        }
    }

    /**
     * A problem found.
     *
     * @param kind {@code fails}, {@code irreversible}, {@code down-fails}, {@code residue}, {@code rerun-fails},
     *             {@code rerun-differs} or {@code not-rehearsed}
     * @param differences for {@code residue} and {@code rerun-differs}, what differs
     */
    public record Problem(String kind, String message, List<SchemaDifference> differences) {
        public Problem {
            differences = List.copyOf(differences);
        }
    }

    /** A table a migration touches, as found on the copy: estimated rows and total size. */
    public record TableSize(String table, Long rows, Long bytes) {
    }

    /** Every problem of every migration. */
    public long problems() {
        return migrations.stream().mapToLong(m -> m.problems().size()).sum();
    }

    public boolean passed() {
        return problems() == 0;
    }
}
