package dev.lockstep.internal.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The checksum of a migration script: SHA-256 over its text with line endings made {@code \n} and
 * trailing whitespace removed from each line, so that an editor's re-save does not change it. The
 * algorithm id is stored beside every checksum so the algorithm can change without silently
 * re-hashing history.
 */
public final class Checksum {
    public static final String ALGORITHM = "sha256-norm1";

    private Checksum() {
    }

    public static String of(String script) {
        return sha256Hex(normalize(script));
    }

    static String normalize(String script) {
        String unified = script.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder out = new StringBuilder(unified.length());
        int start = 0;
        while (start <= unified.length()) {
            int nl = unified.indexOf('\n', start);
            int end = nl < 0 ? unified.length() : nl;
            out.append(unified, start, end).setLength(out.length() - trailingWhitespace(unified, start, end));
            if (nl < 0) {
                break;
            }
            out.append('\n');
            start = nl + 1;
        }
        return out.toString().stripTrailing();
    }

    private static int trailingWhitespace(String s, int start, int end) {
        int n = 0;
        while (end - n > start && Character.isWhitespace(s.charAt(end - n - 1))) {
            n++;
        }
        return n;
    }

    /** Looking a digest up is a synchronized provider search; thousands of files reuse one per thread. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    });

    public static String sha256Hex(String text) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
