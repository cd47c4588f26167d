package dev.lockstep;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Test helper: the newest pg_dump on this machine, found independently of Lockstep's own search (the
 * PATH and Debian's /usr/lib/postgresql/N/bin), so that a test can say what a backup must do here.
 */
final class LocalPgDump {
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

    private LocalPgDump() {
    }

    static int newestPgDumpMajor() {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "pg_dump"));
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.forEach(v -> candidates.add(v.resolve("bin/pg_dump")));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        int newest = 0;
        for (Path p : candidates) {
            if (Files.isExecutable(p)) {
                newest = Math.max(newest, versionOf(p));
            }
        }
        return newest;
    }

    static int major(String version) {
        return Integer.parseInt(version.split("\\.")[0]);
    }

    private static int versionOf(Path pgDump) {
        try {
            Process p = new ProcessBuilder(pgDump.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            Matcher m = VERSION.matcher(out);
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
