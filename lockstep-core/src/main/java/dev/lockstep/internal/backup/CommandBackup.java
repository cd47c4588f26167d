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
 * recorded as where the backup is (a snapshot id, a bucket key). It cannot restore.
 */
final class CommandBackup implements BackupProvider {
    private static final int TAIL_LINES = 20;

    private final String command;
    private final Clock clock;
    private final Consumer<String> progress;

    /** @param progress gets each line the command prints, as it prints it */
    CommandBackup(String command, Clock clock, Consumer<String> progress) {
        this.command = command;
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
        ProcessBuilder pb = new ProcessBuilder(List.of("sh", "-c", command)).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        PgTools.putLibpq(env, target.host(), target.port(), target.user(), target.database(), target.password());
        env.put("LOCKSTEP_BACKUP_NAME", target.name());
        env.put("LOCKSTEP_BACKUP_DIR", target.directory());
        Instant started = clock.instant();
        Process p = pb.start();
        Deque<String> tail = new ArrayDeque<>();
        String location = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                String shown = Redactor.redact(line, target.password()).strip();
                if (shown.isEmpty()) {
                    continue;
                }
                progress.accept("backup-command: " + shown);
                location = shown;
                tail.addLast(shown);
                if (tail.size() > TAIL_LINES) {
                    tail.removeFirst();
                }
            }
        }
        int exit = p.waitFor();
        if (exit != 0) {
            throw new LockstepException(ErrorCode.BACKUP, "the backup command failed (exit " + exit + ")"
                    + (tail.isEmpty() ? "" : ": " + String.join("\n", tail)),
                    "run backup-command by hand to see why; no manifest was written");
        }
        return new BackupManifest(target.name(), 0, null, target.database(), target.host(), target.serverVersion(),
                null, target.environment(), target.migrationVersion(), started.toString(),
                Duration.between(started, clock.instant()).toMillis(), name(), location);
    }
}
