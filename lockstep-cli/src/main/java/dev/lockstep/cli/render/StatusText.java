package dev.lockstep.cli.render;

import dev.lockstep.Durations;
import dev.lockstep.MigrationInfo;
import dev.lockstep.StatusResult;
import dev.lockstep.ValidationIssue;
import dev.lockstep.cli.Console;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The text of {@code status}: one line per migration, then what to do next. */
public final class StatusText {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private StatusText() {
    }

    /** One table row; plain padding, as a status of thousands of lines should not pay for String.format. */
    private static String row(int descWidth, String version, String desc, String state, String when, String took) {
        StringBuilder sb = new StringBuilder(120).append("  ");
        pad(sb, version, 15).append(' ');
        pad(sb, desc, descWidth).append("  ");
        pad(sb, state, 17).append("  ");
        pad(sb, when, 19).append("  ");
        sb.append(" ".repeat(Math.max(0, 8 - took.length()))).append(took);
        return sb.toString();
    }

    private static StringBuilder pad(StringBuilder sb, String s, int width) {
        sb.append(s);
        for (int i = s.length(); i < width; i++) {
            sb.append(' ');
        }
        return sb;
    }

    public static void render(Console console, StatusResult s, String dirSource) {
        console.println("Database:    " + s.database());
        console.println("History:     " + s.historyTable());
        console.println("Migrations:  " + s.directory() + ("default".equals(dirSource) || dirSource == null ? ""
                : " (" + dirSource + ")"));
        console.println("Version:     " + (s.currentVersion() == null ? "none applied" : s.currentVersion()));
        console.println("Drift:       " + s.drift().describe());
        console.println("");
        if (s.migrations().isEmpty()) {
            for (ValidationIssue i : s.issues()) {
                console.println("problem: " + i.message());
            }
            console.println(s.issues().isEmpty() ? "No migrations found. Create one with: lockstep new <name>"
                    : "No migrations found. Fix the problems above before migrating.");
            return;
        }
        int descWidth = Math.min(40, s.migrations().stream().mapToInt(m -> m.description().length()).max().orElse(11));
        descWidth = Math.max(descWidth, 11);
        console.println(row(descWidth, "Version", "Description", "State", "Installed (UTC)", "Took"));
        for (MigrationInfo m : s.migrations()) {
            String desc = m.description().length() > descWidth ? m.description().substring(0, descWidth - 1) + "…"
                    : m.description();
            console.println(row(descWidth, m.version() == null ? "R" : m.version(), desc, m.state().label(),
                    m.installedOn() == null ? "" : WHEN.format(m.installedOn()),
                    m.durationMs() == null ? "" : Durations.format(Duration.ofMillis(m.durationMs()))).stripTrailing());
            if (m.note() != null) {
                console.println("      " + m.note());
            }
        }
        console.println("");
        for (ValidationIssue i : s.issues()) {
            console.println("problem: " + i.message());
        }
        long pending = s.pending();
        long stopped = s.stoppedRollbacks();
        if (!s.issues().isEmpty()) {
            console.println("Fix the problems above before migrating ('lockstep validate' explains each).");
        } else if (stopped > 0) {
            console.println(stopped == 1 ? "A rollback stopped part-way. Fix its down script and run 'lockstep rollback': "
                    + "it resumes at the failed statement (migrate refuses until then)."
                    : stopped + " rollbacks stopped part-way. Fix their down scripts and run 'lockstep rollback': it "
                    + "resumes at the failed statements (migrate refuses until then).");
        } else if (pending > 0) {
            console.println(pending + " to apply. Run 'lockstep migrate' (or 'lockstep migrate --dry-run' to see the SQL).");
        } else {
            console.println("Up to date.");
        }
        long waiting = s.waiting();
        if (waiting > 0) {
            console.println(waiting + " contract migration" + (waiting == 1 ? " waits for its" : "s wait for their")
                    + " phase: 'lockstep migrate --phase contract' once the application no longer needs the old "
                    + "schema.");
        }
    }
}
