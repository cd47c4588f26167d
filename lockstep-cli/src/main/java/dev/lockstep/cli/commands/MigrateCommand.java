package dev.lockstep.cli.commands;

import dev.lockstep.Lockstep;
import dev.lockstep.MigrateResult;
import dev.lockstep.Setting;
import dev.lockstep.cli.Console;
import dev.lockstep.cli.render.RunText;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Apply pending migrations. --dry-run prints the exact SQL, transaction boundaries and locks, "
                + "and changes nothing.")
public final class MigrateCommand extends Subcommand {
    @Option(names = "--target", paramLabel = "VERSION", description = "Apply up to and including this version")
    String target;

    @Option(names = "--dry-run", description = "Show what would run; change nothing (not even the history schema)")
    boolean dryRun;

    @Option(names = "--out-of-order", description = "Also apply pending migrations below the highest applied version")
    boolean outOfOrder;

    @Option(names = "--allow-unsafe", description = "Apply migrations even when lint reports errors in them")
    boolean allowUnsafe;

    @Option(names = "--allow-non-empty",
            description = "Run on a database that has objects but no Lockstep history (else: baseline or import it)")
    boolean allowNonEmpty;

    @Option(names = "--cancel-blockers", paramLabel = "WHICH",
            description = "off (default), idle-in-transaction or all: cancel sessions in a migration's way")
    String cancelBlockers;

    @Option(names = "--blocker-wait", paramLabel = "DURATION",
            description = "How long to wait for sessions in a migration's way (default 60s)")
    String blockerWait;

    @Option(names = "--ddl-statement-timeout", paramLabel = "DURATION",
            description = "statement_timeout while holding a write-blocking lock (default 60s)")
    String ddlStatementTimeout;

    @Override
    public Integer call() {
        Console console = console();
        Map<Setting, String> extra = new java.util.EnumMap<>(Setting.class);
        if (outOfOrder) {
            extra.put(Setting.OUT_OF_ORDER, "true");
        }
        if (allowNonEmpty) {
            extra.put(Setting.ALLOW_NON_EMPTY, "true");
        }
        if (cancelBlockers != null) {
            extra.put(Setting.CANCEL_BLOCKERS, cancelBlockers);
        }
        if (blockerWait != null) {
            extra.put(Setting.BLOCKER_WAIT, blockerWait);
        }
        if (ddlStatementTimeout != null) {
            extra.put(Setting.DDL_STATEMENT_TIMEOUT, ddlStatementTimeout);
        }
        var config = config(extra);
        if (!dryRun && config.traffic().cancelBlockers() != dev.lockstep.TrafficSettings.CancelBlockers.OFF) {
            confirmIfProtected(config, "cancel sessions that block migrations");
        }
        if (allowUnsafe) {
            config = config.toBuilder().lint(config.lint().withAllowUnsafe(true)).build();
        }
        try (var progress = RunText.progress(console)) {
            MigrateResult result = Lockstep.create(config).withListener(progress).migrate(target, dryRun);
            RunText.render(console, result);
            console.result(result);
        }
        return 0;
    }
}
