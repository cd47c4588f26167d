package dev.lockstep.internal.backup;

import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the pg_dump or pg_restore to use: the one in {@code pg-bin} when that is set, else the newest
 * of those on the PATH and in the usual install directories (Debian's /usr/lib/postgresql/N/bin, the
 * PGDG RPMs' /usr/pgsql-N/bin, Homebrew's postgresql@N, Postgres.app, the Windows installer). A dump
 * needs a pg_dump at least as new as the server, and a newer one dumps older servers too.
 */
final class ClientToolFinder {
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)(?:\\.(\\d+))?");
    /** Where packages put each major version's client tools, as {@code parent/<glob>/bin}. */
    private static final List<String[]> USUAL = List.of(
            new String[] {"/usr/lib/postgresql", "*"},
            new String[] {"/usr", "pgsql-*"},
            new String[] {"/opt/homebrew/opt", "postgresql@*"},
            new String[] {"/usr/local/opt", "postgresql@*"},
            new String[] {"/Applications/Postgres.app/Contents/Versions", "*"},
            new String[] {"C:\\Program Files\\PostgreSQL", "*"});

    private final Path pgBin;
    private final List<Path> searchPath;
    private final List<Path> usualDirectories;

    /**
     * @param pgBin the configured directory, or null
     * @param searchPath the PATH's directories
     * @param usualDirectories the install directories found on this machine ({@link #usualDirectories()})
     */
    ClientToolFinder(Path pgBin, List<Path> searchPath, List<Path> usualDirectories) {
        this.pgBin = pgBin;
        this.searchPath = List.copyOf(searchPath);
        this.usualDirectories = List.copyOf(usualDirectories);
    }

    /** A tool found, with the version it reports. */
    record Found(Path executable, String version, String where) {
        int major() {
            return PgTools.major(version);
        }

        /** e.g. {@code pg_dump 17.2 (/usr/lib/postgresql/17/bin/pg_dump)}. */
        String describe() {
            return executable.getFileName() + " " + version + " (" + executable + ")";
        }
    }

    /** The bin directories of the usual install locations that exist here, newest version first where named. */
    static List<Path> usualDirectories() {
        List<Path> out = new ArrayList<>();
        for (String[] usual : USUAL) {
            Path parent = Path.of(usual[0]);
            if (!Files.isDirectory(parent)) {
                continue;
            }
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, usual[1])) {
                for (Path dir : dirs) {
                    out.add(dir.resolve("bin"));
                }
            } catch (IOException ignored) {
                // an unreadable directory offers nothing to run
            }
        }
        return out;
    }

    /**
     * The tool to use when it must be of major version {@code needed} or newer, or an error when none is
     * found or the newest is older; it refuses before anything has run.
     *
     * @param olderThan what an older tool would be older than, e.g. {@code the server (17.2)}
     * @param nothing what the refusal leaves undone, e.g. {@code nothing was written}
     */
    Found find(String tool, int needed, String olderThan, String nothing) {
        List<Found> found = new ArrayList<>();
        if (pgBin != null) {
            Path p = pgBin.resolve(tool);
            String version = versionOf(p);
            if (version == null) {
                throw new LockstepException(ErrorCode.BACKUP, "cannot run " + p + " (pg-bin is " + pgBin + ")",
                        "install the PostgreSQL " + needed + " client tools (" + installCommand(needed)
                                + "), or set pg-bin to the directory that has " + tool);
            }
            found.add(new Found(p, version, "pg-bin"));
        } else {
            Set<Path> seen = new LinkedHashSet<>();
            for (Path dir : searchPath) {
                add(found, seen, dir.resolve(tool), "PATH");
            }
            for (Path dir : usualDirectories) {
                add(found, seen, dir.resolve(tool), "install directory");
            }
        }
        if (found.isEmpty()) {
            throw new LockstepException(ErrorCode.BACKUP, "no " + tool + " found on the PATH or in the usual install "
                    + "directories (" + String.join(", ", USUAL.stream().map(u -> u[0]).toList()) + ")",
                    "install the PostgreSQL " + needed + " client tools (" + installCommand(needed)
                            + "), or set pg-bin to the directory that has " + tool);
        }
        Found newest = found.get(0);
        for (Found f : found) {
            if (compare(f.version(), newest.version()) > 0) {
                newest = f;
            }
        }
        if (newest.major() < needed) {
            String which = pgBin != null ? "the one in pg-bin" : found.size() == 1 ? "the only one found"
                    : "the newest of " + found.size() + " found";
            throw new LockstepException(ErrorCode.BACKUP, newest.describe() + ", " + which + ", is older than "
                    + olderThan + "; " + nothing,
                    "install the PostgreSQL " + needed + " client tools (" + installCommand(needed) + "), or set "
                            + "pg-bin to the directory of a " + tool + " " + needed + " or newer");
        }
        return newest;
    }

    private static void add(List<Found> found, Set<Path> seen, Path p, String where) {
        if (!Files.isRegularFile(p) || !Files.isExecutable(p) || !seen.add(realPath(p))) {
            return;
        }
        String version = versionOf(p);
        if (version != null) {
            found.add(new Found(p, version, where));
        }
    }

    /** One program reached by several paths (/bin and /usr/bin on a merged /usr) counts once. */
    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /** The version the tool reports, e.g. {@code 15.18}; null when it cannot be run or does not say. */
    static String versionOf(Path executable) {
        try {
            Process p = new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                return null;
            }
            Matcher m = VERSION.matcher(out);
            return m.find() ? m.group(1) + (m.group(2) == null ? "" : "." + m.group(2)) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i]) : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** The command that installs a major version's client tools on this kind of machine. */
    static String installCommand(int major) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return "brew install postgresql@" + major;
        }
        if (os.contains("win")) {
            return "winget install PostgreSQL.PostgreSQL." + major;
        }
        if (Files.exists(Path.of("/etc/debian_version"))) {
            return "apt-get install postgresql-client-" + major + ", from the PostgreSQL apt repository if your release "
                    + "has no such package";
        }
        if (Files.exists(Path.of("/etc/alpine-release"))) {
            return "apk add postgresql" + major + "-client";
        }
        if (Files.exists(Path.of("/etc/redhat-release"))) {
            return "dnf install postgresql" + major + ", from the PostgreSQL yum repository";
        }
        return "your system's PostgreSQL " + major + " client package";
    }
}
