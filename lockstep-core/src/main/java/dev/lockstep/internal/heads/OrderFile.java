package dev.lockstep.internal.heads;

import dev.lockstep.MigrationVersion;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code lockstep.order} in the migrations directory: the orders {@code merge} recorded for migrations
 * written on parallel branches, one {@code <version> after <version>} a line. A migration listed runs
 * after the other on purpose; it is no longer a head. Committed with the migrations.
 */
final class OrderFile {
    static final String NAME = "lockstep.order";
    private static final Pattern ENTRY = Pattern.compile("(\\d+(?:[._]\\d+)*)\\s+after\\s+(\\d+(?:[._]\\d+)*)");
    private static final String HEADER = "# Migrations written on parallel branches, and the one each runs after on "
            + "purpose.\n# Written by 'lockstep merge'; 'lockstep heads' and 'lockstep validate' read it.\n";

    private OrderFile() {
    }

    /** The recorded orders: a version and the version it runs after. */
    static Map<MigrationVersion, MigrationVersion> read(Path dir) {
        Path file = dir.resolve(NAME);
        Map<MigrationVersion, MigrationVersion> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LockstepException(ErrorCode.MIGRATION_FILES, "cannot read " + file + ": " + e.getMessage(), null, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = ENTRY.matcher(line);
            if (!m.matches()) {
                throw new LockstepException(ErrorCode.MIGRATION_FILES, file + ":" + (i + 1) + ": '" + line
                        + "' is not '<version> after <version>'", "fix the line, or delete it and run 'lockstep merge'");
            }
            out.put(MigrationVersion.parse(m.group(1)), MigrationVersion.parse(m.group(2)));
        }
        return out;
    }

    /** Adds entries (as {@code 7 after 6}) to the file, creating it with its header when missing. */
    static void append(Path dir, List<String> entries) {
        Path file = dir.resolve(NAME);
        try {
            List<String> lines = new ArrayList<>();
            if (!Files.exists(file)) {
                lines.add(HEADER.stripTrailing());
            }
            lines.addAll(entries);
            Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new LockstepException(ErrorCode.MIGRATION_FILES, "cannot write " + file + ": " + e.getMessage(),
                    "check that the migrations directory is writable", e);
        }
    }
}
