package dev.lockstep.cli.commands;

import dev.lockstep.Lockstep;
import dev.lockstep.ValidateResult;
import dev.lockstep.ValidationIssue;
import dev.lockstep.cli.Console;
import dev.lockstep.error.ErrorCode;
import picocli.CommandLine.Command;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check files against the history: changed checksums, missing files, out-of-order versions, "
                + "migrations from parallel branches. Exit 5 when anything disagrees.")
public final class ValidateCommand extends Subcommand {
    @Override
    public Integer call() {
        Console console = console();
        ValidateResult result = Lockstep.create(config()).withListener(new NoticePrinter(console)).validate();
        if (result.valid()) {
            console.println("Valid: " + result.checked() + " migrations agree with the history of " + result.database()
                    + ".");
        } else {
            console.println(result.issues().size() + " problem" + (result.issues().size() == 1 ? "" : "s") + " in "
                    + result.database() + ":");
            for (ValidationIssue i : result.issues()) {
                console.println("  " + i.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": "
                        + i.message());
            }
            if (result.issues().stream().anyMatch(i -> i.kind() == ValidationIssue.Kind.PARALLEL_BRANCHES
                    || i.kind() == ValidationIssue.Kind.OUT_OF_ORDER)) {
                console.println("Migrations from parallel branches: 'lockstep heads' explains, 'lockstep merge' resolves.");
            }
        }
        console.result(result);
        return result.valid() ? 0 : ErrorCode.VALIDATION.exitCode();
    }
}
