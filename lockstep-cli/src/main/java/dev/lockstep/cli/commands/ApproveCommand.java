package dev.lockstep.cli.commands;

import dev.lockstep.Approval;
import dev.lockstep.Lockstep;
import dev.lockstep.cli.Console;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "approve", mixinStandardHelpOptions = true,
        description = "Approve a deploy plan saved by 'deploy --dry-run --plan-out FILE': checks that it is still what "
                + "a deploy would run, then records you, the time and the plan's hash in the target's audit table.")
public final class ApproveCommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "PLAN", description = "The plan file (JSON) to approve")
    Path plan;

    @Override
    public Integer call() {
        Console console = console();
        Approval a = Lockstep.create(config()).withListener(new NoticePrinter(console)).approve(plan);
        String where = a.environment() == null ? a.database() : "environment " + a.environment() + " (" + a.database()
                + ")";
        console.println("Approved plan " + a.planHash() + " for " + where + " as " + a.user()
                + (a.gitUser() == null ? "" : " (" + a.gitUser() + ")") + " at " + a.approvedAt() + ".");
        console.println("Approved so far by: " + String.join(", ", a.approvers()) + "."
                + (a.required() == 0 ? " The environment needs no approvals (approvals = 0)."
                : " A deploy needs " + a.required() + " approval(s) by people other than the deployer."));
        console.result(a);
        return 0;
    }
}
