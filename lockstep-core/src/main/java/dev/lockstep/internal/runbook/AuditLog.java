package dev.lockstep.internal.runbook;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.spi.RunListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/** Appends one JSON line per deploy step to the audit log: who, where, what, when, outcome. */
final class AuditLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final RunListener listener;

    AuditLog(Path file, RunListener listener) {
        this.file = file;
        this.listener = listener;
    }

    void append(Map<String, Object> entry) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writeValueAsString(entry) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            listener.notice("could not write the audit log " + file + ": " + e.getMessage());
        }
    }
}
