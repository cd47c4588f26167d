package dev.lockstep.internal.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lockstep.BackupManifest;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** The backups directory: manifests beside dumps, listing, retention, and the checks before a restore. */
public final class Backups {
    static final String MANIFEST_SUFFIX = ".manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Backups() {
    }

    static Path manifestOf(Path dump) {
        return dump.resolveSibling(dump.getFileName() + MANIFEST_SUFFIX);
    }

    static void write(Path dump, BackupManifest manifest) throws IOException {
        JSON.writeValue(manifestOf(dump).toFile(), manifest);
    }

    /** Reads the manifest of a dump (or the manifest file itself). */
    public static BackupManifest read(Path file) {
        Path manifest = file.getFileName().toString().endsWith(MANIFEST_SUFFIX) ? file : manifestOf(file);
        if (!Files.exists(file) && !Files.exists(manifest)) { // a template backup has a manifest and no dump file
            throw new LockstepException(ErrorCode.BACKUP, "the backup " + file + " does not exist",
                    "check the path; 'lockstep backup' says where it writes them (backup-dir, by default backups/)");
        }
        if (!Files.isRegularFile(manifest)) {
            throw new LockstepException(ErrorCode.BACKUP, "no manifest " + manifest + " beside the dump",
                    "restore dumps taken by 'lockstep backup'; for another dump use pg_restore by hand");
        }
        try {
            return JSON.readValue(manifest.toFile(), BackupManifest.class);
        } catch (IOException e) {
            throw new LockstepException(ErrorCode.BACKUP, "cannot read " + manifest + ": " + e.getMessage(),
                    "the manifest is damaged; take a new backup", e);
        }
    }

    /** The dump a manifest describes, after checking that it is there with the manifest's size. */
    public static Path present(Path file, BackupManifest m) {
        Path dump = file.resolveSibling(m.file());
        try {
            if (!Files.isRegularFile(dump)) {
                throw new LockstepException(ErrorCode.BACKUP, "the dump " + dump + " named by its manifest is missing",
                        "copy the dump back beside its manifest");
            }
            if (Files.size(dump) != m.size()) {
                throw new LockstepException(ErrorCode.BACKUP, dump + " does not match its manifest (" + Files.size(dump)
                        + " bytes, manifest says " + m.size() + "); nothing was restored",
                        "the dump is damaged or was replaced: restore another backup");
            }
            return dump;
        } catch (IOException e) {
            throw new LockstepException(ErrorCode.BACKUP, "cannot read " + dump + ": " + e.getMessage(), null, e);
        }
    }

    /** The dump a manifest describes, after checking its size and SHA-256 against the manifest. */
    public static Path verified(Path file, BackupManifest m) {
        Path dump = file.resolveSibling(m.file());
        try {
            if (!Files.isRegularFile(dump)) {
                throw new LockstepException(ErrorCode.BACKUP, "the dump " + dump + " named by its manifest is missing",
                        "copy the dump back beside its manifest");
            }
            String sha = sha256(dump);
            if (Files.size(dump) != m.size() || !sha.equals(m.sha256())) {
                throw new LockstepException(ErrorCode.BACKUP, dump + " does not match its manifest (sha256 " + sha
                        + ", manifest says " + m.sha256() + "); nothing was restored",
                        "the dump is damaged or was replaced: restore another backup");
            }
            return dump;
        } catch (IOException e) {
            throw new LockstepException(ErrorCode.BACKUP, "cannot read " + dump + ": " + e.getMessage(), null, e);
        }
    }

    /** Every backup in the directory, newest first. */
    public static List<BackupManifest> list(Path dir) {
        List<BackupManifest> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(MANIFEST_SUFFIX)).toList()) {
                out.add(read(p));
            }
        } catch (IOException e) {
            throw new LockstepException(ErrorCode.BACKUP, "cannot list " + dir + ": " + e.getMessage(), null, e);
        }
        out.sort(Comparator.comparing(BackupManifest::createdAt).reversed());
        return out;
    }

    /**
     * Deletes the oldest backups with the same prefix beyond {@code keep}; returns the ones deleted. A
     * backup is deleted (file and manifest) only when {@code retire} says its provider let it go.
     */
    static List<String> prune(Path dir, String prefix, int keep, java.util.function.Predicate<BackupManifest> retire)
            throws IOException {
        List<String> deleted = new ArrayList<>();
        if (keep <= 0) {
            return deleted;
        }
        List<BackupManifest> same = list(dir).stream().filter(m -> m.file().startsWith(prefix + "-")).toList();
        for (BackupManifest old : same.subList(Math.min(keep, same.size()), same.size())) {
            if (!retire.test(old)) {
                continue;
            }
            Files.deleteIfExists(dir.resolve(old.file()));
            Files.deleteIfExists(manifestOf(dir.resolve(old.file())));
            deleted.add(old.file());
        }
        return deleted;
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = newDigest();
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                digest.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
