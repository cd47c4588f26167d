package dev.lockstep.internal.runbook;

import dev.lockstep.DeployOptions.OnFailure;
import dev.lockstep.RollbackOptions;
import dev.lockstep.Setting;
import java.util.ArrayList;
import java.util.List;

/** What undoes a failed deploy, as advice, and carrying it out when {@code --on-failure} asks. */
final class Undo {
    private Undo() {
    }

    /** The commands that would undo what the run changed. */
    static List<String> advice(DeployRun run) {
        List<String> out = new ArrayList<>();
        if (run.migrate != null && !run.migrate.executed().isEmpty()) {
            out.add("lockstep rollback --steps " + run.migrate.executed().size() + " (down scripts of this run)");
        }
        if (run.backup != null && "command".equals(run.backup.providerName())) {
            out.add("restore " + run.backup.summary() + " with the tools that took it");
        } else if (run.backup != null) {
            out.add("lockstep restore " + run.config().shown(run.config().path(Setting.BACKUP_DIR)
                    .resolve(run.backup.file())));
        }
        return out;
    }

    /** Carries out {@code --on-failure}; returns what was done. */
    static String carryOut(DeployRun run) {
        OnFailure action = run.options.onFailure();
        if (action == OnFailure.ROLLBACK && run.migrate != null && !run.migrate.executed().isEmpty()) {
            run.ops.rollback(RollbackOptions.steps(run.migrate.executed().size()));
            return "rolled back " + run.migrate.executed().size() + " migration(s)";
        }
        if (action == OnFailure.RESTORE && run.backup != null) {
            run.ops.restore(run.config().path(Setting.BACKUP_DIR).resolve(run.backup.file()), null);
            return "restored " + run.backup.file();
        }
        return "nothing to " + action.word();
    }
}
