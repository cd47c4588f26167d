package dev.lockstep.cli.commands;

import dev.lockstep.Durations;
import dev.lockstep.Lockstep;
import dev.lockstep.WaitResult;
import dev.lockstep.cli.Console;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "wait", mixinStandardHelpOptions = true,
        description = "Wait until the database server accepts connections (refused, starting up or a host name not "
                + "yet in DNS are tried again); exit 0, or 4 when the timeout passes.")
public final class WaitCommand extends Subcommand {
    @Option(names = "--timeout", paramLabel = "DURATION", description = "How long to wait, e.g. 60s or 2m (default 60s)")
    String timeout = "60s";

    @Override
    public Integer call() {
        Console console = console();
        Duration limit;
        try {
            limit = Durations.parse(timeout);
        } catch (IllegalArgumentException e) {
            throw new LockstepException(ErrorCode.USAGE, "--timeout: " + e.getMessage(), "e.g. --timeout 60s");
        }
        if (limit.isNegative() || limit.isZero()) {
            throw new LockstepException(ErrorCode.USAGE, "--timeout must be more than 0, not '" + timeout + "'",
                    "e.g. --timeout 60s");
        }
        WaitResult r = Lockstep.create(config()).withListener(new NoticePrinter(console)).waitForServer(limit);
        console.println(r.database() + " accepts connections" + (r.attempts() == 1 ? "."
                : " (after " + Durations.format(Duration.ofMillis(r.waitedMs())) + ", " + r.attempts() + " attempts; "
                + "first: " + r.firstProblem() + ")."));
        console.result(r);
        return 0;
    }
}
