package dev.lockstep.cli.render;

import dev.lockstep.SchemaDifference;
import dev.lockstep.cli.Console;
import java.util.List;

/** Schema differences as text: a line per object, an indented line per property that differs. */
public final class DiffText {
    private DiffText() {
    }

    public static void render(Console console, List<SchemaDifference> differences, String indent) {
        for (SchemaDifference d : differences) {
            for (String line : d.lines()) {
                console.println(indent + line);
            }
        }
    }

    /** {@code none}, {@code 1 difference}, {@code 3 differences}. */
    public static String count(int n) {
        return n == 0 ? "none" : n + (n == 1 ? " difference" : " differences");
    }
}
