package dev.lockstep.cli.commands;

import dev.lockstep.Lockstep;
import dev.lockstep.Setting;
import dev.lockstep.StatusResult;
import dev.lockstep.cli.Console;
import dev.lockstep.cli.render.StatusText;
import dev.lockstep.error.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Every migration: applied, pending, failed, partially applied, rollback stopped, missing or "
                + "changed.")
public final class StatusCommand extends Subcommand {
    @Option(names = "--exit-code", description = "Exit 6 when migrations are pending or a rollback stopped part-way, 5 "
            + "when files and history disagree")
    boolean exitCode;

    @Override
    public Integer call() {
        Console console = console();
        var config = config();
        StatusResult status = Lockstep.create(config).withListener(new NoticePrinter(console)).status();
        StatusText.render(console, status, config.source(Setting.DIR));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("database", status.database());
        doc.put("historyTable", status.historyTable());
        doc.put("directory", status.directory());
        doc.put("currentVersion", status.currentVersion());
        doc.put("pending", status.pending());
        doc.put("waiting", status.waiting());
        doc.put("stoppedRollbacks", status.stoppedRollbacks());
        doc.put("upToDate", status.upToDate());
        doc.put("migrations", status.migrations());
        doc.put("issues", status.issues());
        doc.put("drift", status.drift());
        console.result(doc);
        if (!exitCode) {
            return 0;
        }
        return !status.issues().isEmpty() ? ErrorCode.VALIDATION.exitCode()
                : status.pending() > 0 || status.stoppedRollbacks() > 0 ? ErrorCode.PENDING.exitCode() : 0;
    }
}
