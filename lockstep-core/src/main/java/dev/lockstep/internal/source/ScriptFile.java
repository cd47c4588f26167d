package dev.lockstep.internal.source;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads one migration file as a {@link Script}: UTF-8 only (malformed input is refused, not replaced), a
 * leading byte-order mark dropped, a NUL byte refused with its place, before anything is sent.
 */
final class ScriptFile {
    private ScriptFile() {
    }

    /**
     * @param shown the path as messages show it, which is also the script's path
     * @param name the script's name (its file name, or {@code dir/file} in a subdirectory)
     */
    static Script read(Path file, String shown, String name) {
        try {
            byte[] bytes = bytes(file);
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.indexOf('\uFFFD') >= 0) {
                // Malformed input replaced, or the character written as such: a strict decoder tells which,
                // and refuses malformed UTF-8 (MalformedInputException).
                text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            }
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            return noNul(new Script(shown, name, text, 1));
        } catch (CharacterCodingException e) {
            throw new LockstepException(ErrorCode.MIGRATION_FILES, shown + " is not valid UTF-8",
                    "save the file as UTF-8", e);
        } catch (IOException e) {
            throw new LockstepException(ErrorCode.MIGRATION_FILES, "cannot read " + shown + ": " + IoReason.of(e),
                    e instanceof java.nio.file.NoSuchFileException ? "check the path (relative paths start at the "
                            + "working directory)" : "check that the file is readable by this user", e);
        }
    }

    /**
     * The file's bytes. A plain {@link FileInputStream} costs half what a file channel does in a short run
     * (linting 1,000 files reads 1,000); when it fails, java.nio reads the file again, so the error names
     * the reason by its type (no such file, permission denied). A file in a jar is read by java.nio only.
     */
    private static byte[] bytes(Path file) throws IOException {
        if (file.getFileSystem() != FileSystems.getDefault()) {
            return Files.readAllBytes(file); // in a jar (the class path): no java.io.File for it
        }
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            return readAll(in);
        } catch (IOException e) {
            return Files.readAllBytes(file);
        }
    }

    /** Most migrations fit in the first read. */
    private static final int FIRST_READ = 8192;

    /**
     * The rest of the stream. A file that fits in {@link #FIRST_READ} bytes costs two reads (the second
     * says end of file); {@link FileInputStream#readAllBytes} would first ask the file's size and position
     * as well, two more system calls per file, which linting 1,000 files notices. A longer file is read
     * on by {@code readAllBytes}.
     */
    static byte[] readAll(InputStream in) throws IOException {
        byte[] first = new byte[FIRST_READ];
        int n = in.readNBytes(first, 0, FIRST_READ);
        if (n < FIRST_READ) {
            return Arrays.copyOf(first, n);
        }
        byte[] rest = in.readAllBytes();
        byte[] all = Arrays.copyOf(first, FIRST_READ + rest.length);
        System.arraycopy(rest, 0, all, FIRST_READ, rest.length);
        return all;
    }

    /**
     * A NUL byte cannot be sent to PostgreSQL in a statement (and usually means a binary or wrongly encoded
     * file): refused with its place, before anything is sent.
     */
    private static Script noNul(Script script) {
        int at = script.text().indexOf('\0');
        if (at < 0) {
            return script;
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (script.text().charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        throw new LockstepException(ErrorCode.SQL_SYNTAX, script.path() + ":" + line + ":" + (at - lineStart + 1)
                + ": the file contains a NUL byte (\\0), which PostgreSQL does not accept in SQL; nothing was sent",
                "remove it (is the file saved as UTF-16, or binary?); e.g. tr -d '\\000' < file > fixed.sql");
    }
}
