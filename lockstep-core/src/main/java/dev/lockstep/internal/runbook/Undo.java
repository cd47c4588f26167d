package dev.lockstep.internal.runbook;

import dev.lockstep.AppliedMigration;
import dev.lockstep.DeployOptions.OnFailure;
import dev.lockstep.DeployResult;
import dev.lockstep.FailedMigration;
import dev.lockstep.MigrateFailedException;
import dev.lockstep.MigrateResult;
import dev.lockstep.MigrationVersion;
import dev.lockstep.RestoreMismatchException;
import dev.lockstep.RestoreResult;
import dev.lockstep.RollbackOptions;
import dev.lockstep.Setting;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What undoes a failed deploy, exactly: the down scripts of the migrations this run applied (and of
 * the one it left half-way), newest first, or the backup it took. As advice, and carried out when
 * {@code --on-failure} asks.
 */
final class Undo {
    private Undo() {
    }

    /** The rollback that undoes what is left of this run: its options and command, or why there is none. */
    record Rollback(RollbackOptions options, String command, String refusal) {
    }

    /** The commands that would undo what the run changed and is not undone yet; empty when nothing is left. */
    static List<String> advice(DeployRun run) {
        List<String> out = new ArrayList<>();
        if (!changed(run) || restored(run)) {
            return out;
        }
        Rollback rollback = rollback(run);
        if (rollback.refusal() != null) {
            out.add("no rollback: " + rollback.refusal());
        } else {
            try {
                run.ops.rollback(rollback.options().asDryRun());
                out.add(rollback.command() + " (down scripts of this run's migrations, newest first)");
            } catch (LockstepException e) {
                out.add("no rollback: " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        if (run.backup != null) {
            boolean restorable = !"command".equals(run.backup.providerName())
                    || run.config().get(Setting.RESTORE_COMMAND) != null;
            out.add(restorable ? "lockstep restore " + run.config().shown(backupPath(run))
                    : "restore " + run.backup.summary() + " with the tools that took it");
        }
        return out;
    }

    /** Carries out {@code --on-failure}; returns what was done. Throws, with what it undid recorded, on failure. */
    static String carryOut(DeployRun run) {
        OnFailure action = run.options.onFailure();
        if (!changed(run)) {
            run.undone = new DeployResult.Undo(action.word(), "nothing to undo", List.of(), null,
                    "no migration of this run left anything applied");
            return run.undone.detail();
        }
        return action == OnFailure.ROLLBACK ? rollBack(run) : restore(run);
    }

    private static String rollBack(DeployRun run) {
        Rollback rollback = rollback(run);
        if (rollback.refusal() != null) {
            run.undone = new DeployResult.Undo("rollback", "failed", List.of(), null, rollback.refusal());
            throw new LockstepException(ErrorCode.ROLLBACK_UNAVAILABLE, rollback.refusal() + "; nothing was rolled back",
                    run.backup == null ? null : "restore the backup this run took: lockstep restore "
                            + run.config().shown(backupPath(run)));
        }
        try {
            MigrateResult r = run.ops.rollback(rollback.options());
            String detail = "rolled back " + versions(r.executed()) + " with their down scripts" + repeatables(run);
            run.undone = new DeployResult.Undo("rollback", "done", r.executed(), null, detail);
            run.undoneTo = true;
            run.versionAfterUndo = r.versionAfter();
            return detail;
        } catch (MigrateFailedException e) {
            List<AppliedMigration> undone = e.partial().executed();
            run.undone = new DeployResult.Undo("rollback", "failed", undone, null, (undone.isEmpty() ? ""
                    : "rolled back " + versions(undone) + ", then ") + "failed: " + firstLine(e));
            throw e;
        } catch (LockstepException e) {
            run.undone = new DeployResult.Undo("rollback", "failed", List.of(), null, firstLine(e));
            throw e;
        }
    }

    private static String restore(DeployRun run) {
        if (run.backup == null) {
            run.undone = new DeployResult.Undo("restore", "failed", List.of(), null, "this run took no backup");
            throw new LockstepException(ErrorCode.BACKUP, "--on-failure restore: this run took no backup; nothing was "
                    + "restored", null);
        }
        try {
            RestoreResult r = run.ops.restore(backupPath(run), null);
            String detail = "restored " + run.backup.file() + (r.identical() == null ? ""
                    : "; identical to the backup of " + r.backupTakenAt());
            run.undone = new DeployResult.Undo("restore", "done", takenBack(run), r, detail);
            run.undoneTo = true;
            run.versionAfterUndo = r.migrationVersion();
            return detail;
        } catch (RestoreMismatchException e) {
            run.undone = new DeployResult.Undo("restore", "failed", takenBack(run), e.result(), "restored "
                    + run.backup.file() + ", but it differs from the backup: " + firstLine(e));
            throw e;
        } catch (LockstepException e) {
            run.undone = new DeployResult.Undo("restore", "failed", List.of(), null, firstLine(e));
            throw e;
        }
    }

    /**
     * What a restore of the backup taken before the migrations took back, newest first: the migration that
     * stopped half-way with some of its statements applied, then the run's completed migrations.
     */
    private static List<AppliedMigration> takenBack(DeployRun run) {
        List<AppliedMigration> out = new java.util.ArrayList<>(run.migrate == null ? List.of() : run.migrate.executed());
        FailedMigration f = run.failedMigration;
        if (f != null && f.partial() && !"down".equals(f.direction())) {
            out.add(new AppliedMigration(f.version(), f.description(), f.script(), f.direction(), f.transactional(),
                    0, 0, 0));
        }
        java.util.Collections.reverse(out);
        return out;
    }

    /**
     * The rollback of what this run applied and is not rolled back yet: every migration above the
     * version the run started at ({@code --to}; {@code --steps} when it started with none), with
     * {@code --partial} when the failed migration stopped half-way and has a down script.
     */
    static Rollback rollback(DeployRun run) {
        Set<String> undone = run.undone == null ? Set.of() : run.undone.undone().stream()
                .map(AppliedMigration::version).collect(Collectors.toSet());
        List<String> versions = run.migrate.executed().stream().filter(a -> a.version() != null)
                .map(AppliedMigration::version).filter(v -> !undone.contains(v)).toList();
        FailedMigration f = run.failedMigration;
        boolean partial = f != null && f.version() != null && !"down".equals(f.direction()) && f.partial()
                && !undone.contains(f.version());
        String before = run.migrate.versionBefore();
        List<String> below = before == null ? List.of() : versions.stream()
                .filter(v -> MigrationVersion.parse(v).compareTo(MigrationVersion.parse(before)) <= 0).toList();
        if (!below.isEmpty()) {
            return new Rollback(null, null, "this run applied " + String.join(", ", below) + " out of order, below "
                    + "version " + before + " that was applied before it, so no rollback undoes exactly this run");
        }
        if (partial && f.downScript() == null) {
            return new Rollback(null, null, "migration " + f.version() + " (" + f.script() + ") stopped at statement "
                    + (f.statementsApplied() == null ? "?" : f.statementsApplied() + 1) + " of " + f.statementsTotal()
                    + " and has no down script: " + (f.statementsApplied() == null ? "some of its statements"
                    : "its statements 1 to " + f.statementsApplied()) + " stay applied, and nothing undoes them (the "
                    + "down scripts under it would run under them); undo them by hand and run 'lockstep repair'");
        }
        int steps = versions.size() + (partial ? 1 : 0);
        RollbackOptions options = before != null ? RollbackOptions.to(before) : RollbackOptions.steps(Math.max(1, steps));
        String command = "lockstep rollback " + (before != null ? "--to " + before : "--steps " + steps);
        return partial ? new Rollback(options.withPartial(), command + " --partial", null)
                : new Rollback(options, command, null);
    }

    /** Whether the run left anything applied that is not undone yet. */
    private static boolean changed(DeployRun run) {
        if (run.migrate == null || restored(run)) {
            return false;
        }
        if (run.undone != null && "done".equals(run.undone.outcome())) {
            return false;
        }
        FailedMigration f = run.failedMigration;
        return !run.migrate.executed().isEmpty() || (f != null && !"down".equals(f.direction()) && f.partial());
    }

    /** Whether a restore replaced the database (even one that found differences): nothing of the run is left. */
    private static boolean restored(DeployRun run) {
        return run.undone != null && run.undone.restore() != null;
    }

    private static Path backupPath(DeployRun run) {
        return run.config().path(Setting.BACKUP_DIR).resolve(run.backup.file());
    }

    private static String versions(List<AppliedMigration> migrations) {
        return migrations.isEmpty() ? "nothing" : migrations.stream()
                .map(a -> a.version() == null ? a.description() : a.version()).collect(Collectors.joining(", "));
    }

    private static String repeatables(DeployRun run) {
        List<String> names = run.migrate.executed().stream().filter(a -> a.version() == null)
                .map(AppliedMigration::description).toList();
        return names.isEmpty() ? "" : "; repeatable migration(s) " + String.join(", ", names) + " ran again in this "
                + "run and have no down script: what they replaced is not put back";
    }

    private static String firstLine(LockstepException e) {
        return e.getMessage().lines().findFirst().orElse("");
    }
}
