package dev.lockstep.cli.commands;

import dev.lockstep.RehearsalResult;
import dev.lockstep.cli.Console;
import dev.lockstep.cli.render.RehearsalText;
import dev.lockstep.error.ErrorCode;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "rehearse", mixinStandardHelpOptions = true,
        description = "On a throwaway copy of the database, run each pending migration up, down and up again and "
                + "compare the schemas. Exit 5 on any problem. The database itself is only read.")
public final class RehearseCommand extends Subcommand {
    @Option(names = "--from-dump", paramLabel = "FILE",
            description = "Restore the copy from this backup (taken by lockstep backup): real data, real sizes")
    Path fromDump;

    @Override
    public Integer call() {
        Console console = console();
        RehearsalResult r = lockstep(config(), new NoticePrinter(console)).rehearse(fromDump);
        RehearsalText.render(console, r);
        console.result(r);
        return r.passed() ? 0 : ErrorCode.REHEARSAL.exitCode();
    }
}
