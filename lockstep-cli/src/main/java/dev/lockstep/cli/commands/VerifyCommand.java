package dev.lockstep.cli.commands;

import dev.lockstep.Lockstep;
import dev.lockstep.VerifyReport;
import dev.lockstep.cli.Console;
import dev.lockstep.error.ErrorCode;
import picocli.CommandLine.Command;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Run the post-migration checks: SQL assertions in verify/ (any row returned is a failure), HTTP "
                + "and command smoke checks. Exit 5 on a failure. Changes nothing.")
public final class VerifyCommand extends Subcommand {
    @Override
    public Integer call() {
        Console console = console();
        VerifyReport report = Lockstep.create(config()).withListener(new NoticePrinter(console)).verify();
        if (report.results().isEmpty()) {
            console.println("Nothing to verify: no verify/*.sql and no [verify] checks in lockstep.toml.");
        }
        for (VerifyReport.Result r : report.results()) {
            console.println(String.format("  %-4s  %-8s %s  (%d ms)", r.passed() ? "PASS" : "FAIL", r.kind(), r.name(),
                    r.durationMs()));
            if (!r.passed()) {
                console.println("        " + r.detail().replace("\n", "\n        "));
            }
        }
        long failed = report.results().stream().filter(r -> !r.passed()).count();
        if (!report.results().isEmpty()) {
            console.println(failed == 0 ? "Verified: " + report.results().size() + " check(s) passed."
                    : "Verification FAILED: " + failed + " of " + report.results().size() + " check(s).");
        }
        console.result(report);
        return failed == 0 ? 0 : ErrorCode.VALIDATION.exitCode();
    }
}
