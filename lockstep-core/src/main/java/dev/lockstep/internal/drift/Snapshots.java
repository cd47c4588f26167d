package dev.lockstep.internal.drift;

import dev.lockstep.LockstepConfig;
import dev.lockstep.Setting;
import dev.lockstep.SnapshotResult;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.inspect.CatalogReader;
import dev.lockstep.internal.pg.Session;
import dev.lockstep.internal.snapshot.Snapshot;
import dev.lockstep.internal.snapshot.SnapshotText;
import dev.lockstep.spi.RunListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;

/** {@code snapshot}: reads the target's schema and writes it to a file (or hands it back as text). */
public final class Snapshots {
    private final LockstepConfig config;
    private final RunListener listener;

    public Snapshots(LockstepConfig config, RunListener listener) {
        this.config = config;
        this.listener = listener;
    }

    /** @param out the file to write, or null to write none */
    public SnapshotResult take(Path out) {
        try (Session session = Session.open(config, listener, "lockstep snapshot")) {
            Connection c = session.connect();
            Snapshot s;
            try {
                s = new CatalogReader(config.get(Setting.HISTORY_SCHEMA)).read(c, session::connect);
            } catch (SQLException e) {
                throw session.unexpected(e, "reading the schema");
            }
            String text = SnapshotText.write(s);
            if (out != null) {
                write(out, text);
            }
            return new SnapshotResult(session.target().display(), out == null ? null : config.shown(out), s.size(), text);
        }
    }

    /** Writes through a temporary file, so that a reader never sees half a snapshot. */
    static void write(Path out, String text) {
        try {
            Path dir = out.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".snapshot", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LockstepException(ErrorCode.USAGE, "cannot write the snapshot " + out + ": " + e.getMessage(),
                    "check that the directory exists and is writable");
        }
    }

    /** Reads a snapshot file; a file that is not one is an error naming the line. */
    public static Snapshot read(Path file, LockstepConfig config) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LockstepException(ErrorCode.CONFIG, "cannot read the snapshot " + config.shown(file) + ": "
                    + e.getMessage(), "check snapshot-file");
        }
        try {
            return SnapshotText.parse(text);
        } catch (IllegalArgumentException e) {
            // Rewriting is the fix for a damaged snapshot, never for a file that was not one (a mistyped path).
            boolean wasOne = text.startsWith(SnapshotText.HEADER);
            throw new LockstepException(ErrorCode.CONFIG, "the snapshot " + config.shown(file) + " cannot be read: "
                    + e.getMessage(), wasOne ? "write it again with 'lockstep snapshot --out " + config.shown(file) + "'"
                    : "check snapshot-file (or --snapshot-file): it names a file that is not a snapshot");
        }
    }
}
