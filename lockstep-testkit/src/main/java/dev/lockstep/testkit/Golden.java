package dev.lockstep.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file assertions: the actual text must equal the file's. Run with
 * {@code -Dlockstep.golden.update=true} to write the files from the actual output, then review the diff.
 */
public final class Golden {
    private Golden() {
    }

    public static void assertMatches(Path golden, String actual) {
        String normalized = actual.replace("\r\n", "\n");
        try {
            if (Boolean.getBoolean("lockstep.golden.update") || !Files.exists(golden)) {
                if (!Boolean.getBoolean("lockstep.golden.update")) {
                    throw new AssertionError("golden file " + golden + " is missing; run with "
                            + "-Dlockstep.golden.update=true to create it, then review it");
                }
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, normalized);
                return;
            }
            assertThat(normalized).as("output vs golden file %s", golden).isEqualTo(Files.readString(golden));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
