package dev.lockstep.cli.commands;

import dev.lockstep.Lockstep;
import dev.lockstep.ValidateResult;
import dev.lockstep.ValidationIssue;
import dev.lockstep.cli.Console;
import dev.lockstep.error.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check files against the history: changed checksums, missing files, out-of-order versions, "
                + "empty down scripts. Exit 5 when anything disagrees.")
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
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("database", result.database());
        doc.put("checked", result.checked());
        doc.put("issues", result.issues());
        doc.put("valid", result.valid());
        console.result(doc);
        return result.valid() ? 0 : ErrorCode.VALIDATION.exitCode();
    }
}
