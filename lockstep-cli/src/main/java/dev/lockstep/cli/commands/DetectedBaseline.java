package dev.lockstep.cli.commands;

import dev.lockstep.BaselineDetection;
import dev.lockstep.cli.CliContext;
import dev.lockstep.cli.Console;
import dev.lockstep.cli.render.DiffText;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.io.IOException;

/** Shows what {@code baseline --detect} found and asks to record it (or takes {@code --yes} for an answer). */
final class DetectedBaseline {
    private DetectedBaseline() {
    }

    /** The version to record; throws when there is none or it was not confirmed. */
    static String confirm(Console console, CliContext ctx, boolean yes, BaselineDetection d) {
        console.println("Built the migration files on " + d.scratch() + ": " + d.probes() + " of " + d.files()
                + " versions tried (binary search).");
        if (d.version() == null) {
            throw new LockstepException(ErrorCode.VALIDATION, "not even the first migration's schema is in "
                    + d.database(), "check --dir: these migration files did not build this database");
        }
        if (!d.exact()) {
            console.println("The files up to " + d.version() + " are in the database, but it differs from what they "
                    + "build (" + DiffText.count(d.differences().size()) + "):");
            DiffText.render(console, d.differences(), "  ");
            throw new LockstepException(ErrorCode.VALIDATION, "no version's files produce the schema of "
                    + d.database() + " exactly; the nearest is " + d.version() + " (" + DiffText.count(
                    d.differences().size()) + ")", "if the differences are expected, record it with 'lockstep baseline "
                    + d.version() + "'; else write migrations for them first");
        }
        console.println("The schema of " + d.database() + " is what the files up to version " + d.version()
                + " produce.");
        if (yes) {
            return d.version();
        }
        if (!ctx.terminal()) {
            throw new LockstepException(ErrorCode.BLOCKED, "detected version " + d.version() + "; not recorded without "
                    + "confirmation (no terminal to ask on)", "pass --yes to record it, or run 'lockstep baseline "
                    + d.version() + "'");
        }
        ctx.err().print("Baseline at version " + d.version() + "? [y/N] ");
        ctx.err().flush();
        String answer;
        try {
            answer = ctx.in().readLine();
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !answer.strip().equalsIgnoreCase("y") && !answer.strip().equalsIgnoreCase("yes")) {
            throw new LockstepException(ErrorCode.BLOCKED, "not confirmed; nothing was recorded",
                    "answer y to record it, or run 'lockstep baseline " + d.version() + "'");
        }
        return d.version();
    }
}
