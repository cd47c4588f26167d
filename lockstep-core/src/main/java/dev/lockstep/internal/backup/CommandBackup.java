package dev.lockstep.internal.backup;

import dev.lockstep.BackupManifest;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.pg.Redactor;
import dev.lockstep.spi.BackupProvider;
import dev.lockstep.spi.BackupTarget;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@code command} provider: runs {@code backup-command} with {@code sh -c}, the connection in the
 * libpq variables and the backup's name in {@code LOCKSTEP_BACKUP_NAME}; the last line it prints is
 * recorded as where the backup is (a snapshot id, a bucket key). With {@code restore-command} it also
 * restores: the same variables, plus that location and the database to restore into.
 */
final class CommandBackup implements BackupProvider {
    private static final int TAIL_LINES = 20;

    private final String command;
    private final String restoreCommand;
    private final Clock clock;
    private final Consumer<String> progress;

    /** @param progress gets each line the commands print, as they print it */
    CommandBackup(String command, String restoreCommand, Clock clock, Consumer<String> progress) {
        this.command = command;
        this.restoreCommand = restoreCommand;
        this.clock = clock;
        this.progress = progress;
    }

    @Override
    public String name() {
        return "command";
    }

    @Override
    public BackupManifest backup(BackupTarget target) throws IOException, InterruptedException {
        if (command == null || command.isBlank()) {
            throw new LockstepException(ErrorCode.CONFIG, "backup-provider is 'command' but backup-command is not set",
                    "set backup-command in lockstep.toml (or LOCKSTEP_BACKUP_COMMAND), e.g. "
                            + "backup-command = \"./snapshot.sh\"");
        }
        Instant started = clock.instant();
        Ran ran = run("backup-command", command, target, Map.of());
        if (ran.exit() != 0) {
            throw new LockstepException(ErrorCode.BACKUP, "the backup command failed (exit " + ran.exit() + ")"
                    + ran.tail(), "run backup-command by hand to see why; no manifest was written");
        }
        return new BackupManifest(target.name(), 0, null, target.database(), target.host(), target.serverVersion(),
                null, target.environment(), target.migrationVersion(), started.toString(),
                Duration.between(started, clock.instant()).toMillis(), name(), ran.last());
    }

    @Override
    public void restore(BackupTarget target, BackupManifest manifest, String toNew) throws IOException,
            InterruptedException {
        if (restoreCommand == null || restoreCommand.isBlank()) {
            throw new LockstepException(ErrorCode.BACKUP, "the command backup provider cannot restore "
                    + manifest.location() + " without restore-command; nothing was restored", "restore it with the "
                    + "tools that made it, or set restore-command (LOCKSTEP_RESTORE_COMMAND) to a command that does");
        }
        String into = toNew != null ? toNew : target.database();
        Ran ran = run("restore-command", restoreCommand, target, Map.of("LOCKSTEP_BACKUP_LOCATION",
                manifest.location() == null ? "" : manifest.location(), "LOCKSTEP_RESTORE_DATABASE", into));
        if (ran.exit() != 0) {
            throw new LockstepException(ErrorCode.BACKUP, "the restore command failed (exit " + ran.exit() + ")"
                    + ran.tail() + "; " + into + " is as the command left it",
                    "run restore-command by hand to see why and what it changed, then restore again");
        }
    }

    private record Ran(int exit, Deque<String> lines) {
        String last() {
            return lines.isEmpty() ? null : lines.getLast();
        }

        String tail() {
            return lines.isEmpty() ? "" : ": " + String.join("\n", lines);
        }
    }

    /** Runs one of the commands, showing its output as it comes; keeps its last lines. */
    private Ran run(String what, String shell, BackupTarget target, Map<String, String> more)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of("sh", "-c", shell)).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        PgTools.putLibpq(env, target.host(), target.port(), target.user(), target.database(), target.password());
        env.put("LOCKSTEP_BACKUP_NAME", target.name());
        env.put("LOCKSTEP_BACKUP_DIR", target.directory());
        env.putAll(more);
        Process p = pb.start();
        Deque<String> tail = new ArrayDeque<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                String shown = Redactor.redact(line, target.password()).strip();
                if (shown.isEmpty()) {
                    continue;
                }
                progress.accept(what + ": " + shown);
                tail.addLast(shown);
                if (tail.size() > TAIL_LINES) {
                    tail.removeFirst();
                }
            }
        }
        return new Ran(p.waitFor(), tail);
    }
}
