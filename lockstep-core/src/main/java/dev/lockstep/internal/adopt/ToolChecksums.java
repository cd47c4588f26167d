package dev.lockstep.internal.adopt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;

/** The checksums other tools record for a file, computed the way each tool computes them. */
final class ToolChecksums {
    private ToolChecksums() {
    }

    /**
     * Flyway's: CRC32 over the UTF-8 bytes of each line, without the line breaks ({@code \n}, {@code \r}
     * or {@code \r\n} all end a line), a leading byte-order mark left out, read as a signed int.
     */
    static int flyway(String text) {
        CRC32 crc = new CRC32();
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        int start = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char ch = s.charAt(i);
            if (ch == '\n' || ch == '\r') {
                crc.update(s.substring(start, i).getBytes(StandardCharsets.UTF_8));
                if (ch == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < n) {
            crc.update(s.substring(start).getBytes(StandardCharsets.UTF_8));
        }
        return (int) crc.getValue();
    }

    /** Prisma's: SHA-256 of the file in hex; it also accepts the file with its line endings changed. */
    static boolean prismaMatches(String text, String recorded) {
        String lf = text.replace("\r\n", "\n");
        return sha256(text).equalsIgnoreCase(recorded) || sha256(lf).equalsIgnoreCase(recorded)
                || sha256(lf.replace("\n", "\r\n")).equalsIgnoreCase(recorded);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
