package dev.lockstep.internal.config;

import dev.lockstep.Setting;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes one key of an {@code [env.NAME]} section of {@code lockstep.toml} in place, leaving every other
 * line, comment and blank line as it was; the file is read back, and put back as it was when the key
 * does not read as written.
 */
public final class ConfigFileEditor {
    private static final Pattern HEADER = Pattern.compile("^\\s*\\[.*");

    private ConfigFileEditor() {
    }

    /**
     * Sets {@code setting} (a top-level setting) to a string value in the section of {@code environment}.
     *
     * @return where it was written: {@code lockstep.toml [env.staging]}
     */
    public static String setInEnvironment(Path workDir, String environment, Setting<String> setting, String value) {
        Path file = workDir.resolve(ConfigFile.NAME);
        String where = ConfigFile.NAME + " [env." + environment + "]";
        byte[] original;
        try {
            original = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new LockstepException(ErrorCode.CONFIG, "cannot read " + file + ": " + e.getMessage(),
                    "check that the file exists and is readable");
        }
        String text = new String(original, StandardCharsets.UTF_8);
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
        Pattern header = Pattern.compile("^\\s*\\[\\s*env\\s*\\.\\s*(" + Pattern.quote(environment) + "|\""
                + Pattern.quote(environment) + "\"|'" + Pattern.quote(environment) + "')\\s*]\\s*(#.*)?$");
        int start = -1;
        for (int i = 0; i < lines.size() && start < 0; i++) {
            if (header.matcher(lines.get(i)).matches()) {
                start = i;
            }
        }
        String line = setting.key() + " = \"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        if (start < 0) {
            throw new LockstepException(ErrorCode.CONFIG, "no [env." + environment + "] section header in " + file
                    + " to write " + setting.key() + " into (the environment may be written as an inline table)",
                    "add this line to the environment's section by hand: " + line);
        }
        int end = start + 1;
        while (end < lines.size() && !HEADER.matcher(lines.get(end)).matches()) {
            end++;
        }
        Pattern existing = Pattern.compile("^(\\s*)(" + Pattern.quote(setting.key()) + "|\"" + Pattern.quote(setting.key())
                + "\")\\s*=.*$");
        int at = -1;
        int lastKey = start;
        for (int i = start + 1; i < end; i++) {
            String l = lines.get(i);
            if (existing.matcher(l).matches()) {
                at = i;
            }
            if (!l.isBlank() && !l.strip().startsWith("#")) {
                lastKey = i;
            }
        }
        if (at >= 0) {
            var m = existing.matcher(lines.get(at));
            lines.set(at, (m.matches() ? m.group(1) : "") + line);
        } else {
            lines.add(lastKey + 1, line);
        }
        write(file, String.join(newline, lines).getBytes(StandardCharsets.UTF_8));
        ConfigFile.Value readBack;
        try {
            readBack = ConfigFile.read(workDir, environment).value(setting);
        } catch (LockstepException e) {
            readBack = null;
        }
        if (readBack == null || !value.equals(String.valueOf(readBack.value()))) {
            write(file, original);
            throw new LockstepException(ErrorCode.CONFIG, "writing " + setting.key() + " into " + where + " did not "
                    + "read back as written; " + file + " is unchanged", "add this line to the section by hand: " + line);
        }
        return where;
    }

    private static void write(Path file, byte[] content) {
        try {
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".lockstep", ".toml");
            Files.write(temp, content);
            try {
                Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(file));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the new file keeps the default permissions.
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LockstepException(ErrorCode.CONFIG, "cannot write " + file + ": " + e.getMessage(),
                    "check that the file and its directory are writable");
        }
    }
}
