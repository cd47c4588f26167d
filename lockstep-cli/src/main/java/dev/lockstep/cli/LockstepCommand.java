package dev.lockstep.cli;

import dev.lockstep.Lockstep;
import dev.lockstep.cli.commands.ApproveCommand;
import dev.lockstep.cli.commands.BackupCommand;
import dev.lockstep.cli.commands.BaselineCommand;
import dev.lockstep.cli.commands.CompletionCommand;
import dev.lockstep.cli.commands.DeployCommand;
import dev.lockstep.cli.commands.DriftCommand;
import dev.lockstep.cli.commands.EmbeddedCommand;
import dev.lockstep.cli.commands.HeadsCommand;
import dev.lockstep.cli.commands.ImportCommand;
import dev.lockstep.cli.commands.EnvCommand;
import dev.lockstep.cli.commands.LintCommand;
import dev.lockstep.cli.commands.MergeCommand;
import dev.lockstep.cli.commands.MigrateCommand;
import dev.lockstep.cli.commands.NewCommand;
import dev.lockstep.cli.commands.PreflightCommand;
import dev.lockstep.cli.commands.RehearseCommand;
import dev.lockstep.cli.commands.RepairCommand;
import dev.lockstep.cli.commands.RestoreCommand;
import dev.lockstep.cli.commands.RollbackCommand;
import dev.lockstep.cli.commands.ServeCommand;
import dev.lockstep.cli.commands.SnapshotCommand;
import dev.lockstep.cli.commands.StatusCommand;
import dev.lockstep.cli.commands.ValidateCommand;
import dev.lockstep.cli.commands.VerifyCommand;
import dev.lockstep.cli.commands.WaitCommand;
import dev.lockstep.cli.commands.WarmupCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;

/** The top command: holds the global options' values for the subcommand that runs. */
@Command(name = "lockstep", mixinStandardHelpOptions = true, versionProvider = LockstepCommand.Version.class,
        description = "Safe PostgreSQL schema migrations.",
        footer = {"", "Exit codes: 0 ok, 1 migration failed, 2 usage or configuration, 3 blocked, 4 lock or timeout, "
                + "5 validation, 6 pending (status --exit-code), 70 internal.", "Docs: docs/commands/"})
public final class LockstepCommand implements Runnable {
    /**
     * Every subcommand by name; {@link Main} registers only the one a command line runs. Built on first
     * use, in a holder: a lint run without picocli never loads the other commands.
     */
    static Map<String, Supplier<Object>> subcommands() {
        return Registry.SUBCOMMANDS;
    }

    private static final class Registry {
        static final Map<String, Supplier<Object>> SUBCOMMANDS = build();
    }

    final Globals globals = new Globals();
    final CliContext context;

    @Mixin
    GlobalOptions global;

    public LockstepCommand(CliContext context) {
        this.context = context;
    }

    public Globals globals() {
        return globals;
    }

    public CliContext context() {
        return context;
    }

    @Override
    public void run() {
        context.out().println("Lockstep " + Lockstep.version() + ": safe PostgreSQL schema migrations.");
        context.out().println("Try: lockstep migrate --dir examples/quickstart   (lockstep --help lists every command; "
                + "lockstep help COMMAND explains one)");
    }

    private static Map<String, Supplier<Object>> build() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("new", NewCommand::new);
        m.put("status", StatusCommand::new);
        m.put("migrate", MigrateCommand::new);
        m.put("rollback", RollbackCommand::new);
        m.put("validate", ValidateCommand::new);
        m.put("lint", LintCommand::new);
        m.put("deploy", DeployCommand::new);
        m.put("approve", ApproveCommand::new);
        m.put("preflight", PreflightCommand::new);
        m.put("verify", VerifyCommand::new);
        m.put("backup", BackupCommand::new);
        m.put("restore", RestoreCommand::new);
        m.put("snapshot", SnapshotCommand::new);
        m.put("drift", DriftCommand::new);
        m.put("rehearse", RehearseCommand::new);
        m.put("heads", HeadsCommand::new);
        m.put("merge", MergeCommand::new);
        m.put("baseline", BaselineCommand::new);
        m.put("repair", RepairCommand::new);
        m.put("import", ImportCommand::new);
        m.put("embedded", EmbeddedCommand::new);
        m.put("serve", ServeCommand::new);
        m.put("completion", CompletionCommand::new);
        m.put("wait", WaitCommand::new);
        m.put("env", EnvCommand::new);
        m.put("help", picocli.CommandLine.HelpCommand::new);
        m.put("__warmup", WarmupCommand::new);
        return java.util.Collections.unmodifiableMap(m);
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lockstep " + Lockstep.version()};
        }
    }
}
