package dev.lockstep.cli.render;

import dev.lockstep.RehearsalResult;
import dev.lockstep.cli.Console;
import java.util.Locale;

/** The text of {@code rehearse}: a line per migration with its timings, then what went wrong and what it touches. */
public final class RehearsalText {
    private RehearsalText() {
    }

    public static void render(Console console, RehearsalResult r) {
        console.println("Rehearsal of " + r.database() + " on a copy on " + r.scratch() + " ("
                + (r.fromDump() == null ? "built from the applied migrations" : "restored from " + r.fromDump())
                + (r.version() == null ? "" : ", at version " + r.version()) + ")");
        if (r.migrations().isEmpty()) {
            console.println("Nothing pending to rehearse.");
            return;
        }
        console.println("");
        console.println(String.format(Locale.ROOT, "  %-15s %-30s %9s %9s %9s  %s", "Version", "Description", "up",
                "down", "up again", "Result"));
        long failing = 0;
        for (RehearsalResult.Migration m : r.migrations()) {
            String desc = m.description().length() > 30 ? m.description().substring(0, 29) + "…" : m.description();
            console.println(String.format(Locale.ROOT, "  %-15s %-30s %9s %9s %9s  %s", m.version(), desc, ms(m.upMs()),
                    ms(m.downMs()), ms(m.redoMs()), m.problems().isEmpty() ? "ok"
                            : m.problems().size() + " problem" + (m.problems().size() == 1 ? "" : "s")));
            failing += m.problems().isEmpty() ? 0 : 1;
            for (RehearsalResult.Problem p : m.problems()) {
                console.println("      " + p.kind() + ": " + p.message());
                DiffText.render(console, p.differences(), "        ");
            }
            for (RehearsalResult.TableSize t : m.tables()) {
                console.println("      table " + t.table() + ": " + (t.rows() == null ? "rows unknown" : t.rows() + " rows")
                        + ", " + bytes(t.bytes()));
            }
            for (String finding : m.lint()) {
                console.println("      lint " + finding);
            }
        }
        console.println("");
        console.println(r.passed() ? "Rehearsal passed: " + r.migrations().size() + " migration(s) went up, down and up "
                + "again leaving the schema as expected."
                : "Rehearsal found " + r.problems() + " problem(s) in " + failing + " of " + r.migrations().size()
                + " migration(s).");
    }

    private static String ms(Long ms) {
        return ms == null ? "-" : ms + "ms";
    }

    private static String bytes(Long b) {
        if (b == null) {
            return "size unknown";
        }
        return b < 1024 * 1024 ? (b / 1024) + " KiB" : String.format(Locale.ROOT, "%.1f MiB", b / 1048576.0);
    }
}
