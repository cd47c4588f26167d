package dev.lockstep.internal.heads;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What git knows of a migrations directory: the commit that added each file, and which commits came
 * before which. Read with two {@code git log} runs; absent (empty) when git is not installed or the
 * directory is not in a work tree: git is used when present, never required.
 */
final class GitHistory {
    private static final long SKEW_SECONDS = 86_400;

    private final Map<String, String> addedIn;
    private final Map<String, String[]> parents;
    private final Map<String, Long> times;

    private GitHistory(Map<String, String> addedIn, Map<String, String[]> parents, Map<String, Long> times) {
        this.addedIn = addedIn;
        this.parents = parents;
        this.times = times;
    }

    /** The history of {@code dir}, or empty when git cannot tell. */
    static Optional<GitHistory> of(Path dir) {
        try {
            String top = run(dir, "git", "rev-parse", "--show-toplevel").strip();
            if (top.isEmpty()) {
                return Optional.empty();
            }
            Path root = Path.of(top).toRealPath();
            String log = run(dir, "git", "log", "--diff-filter=A", "--no-renames", "--name-only", "--format=%x01%H",
                    "--", ".");
            Map<String, String> added = new HashMap<>();
            String commit = null;
            for (String line : log.split("\n")) {
                if (line.startsWith("\u0001")) {
                    commit = line.substring(1).strip();
                } else if (!line.isBlank() && commit != null) {
                    // newest first: the first commit seen is the one that added the file as it is now
                    added.putIfAbsent(root.resolve(line.strip()).normalize().toString(), commit);
                }
            }
            Map<String, String[]> parents = new HashMap<>();
            Map<String, Long> times = new HashMap<>();
            for (String line : run(dir, "git", "log", "--format=%H %ct %P").split("\n")) {
                String[] parts = line.strip().split(" ");
                if (parts.length >= 2) {
                    times.put(parts[0], Long.parseLong(parts[1]));
                    parents.put(parts[0], java.util.Arrays.copyOfRange(parts, 2, parts.length));
                }
            }
            return Optional.of(new GitHistory(added, parents, times));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The commit that added the file, or null when it is not committed. */
    String addedIn(Path file) {
        try {
            return addedIn.get(file.toRealPath().toString());
        } catch (IOException e) {
            return null;
        }
    }

    /** When a commit was made (seconds since the epoch), or 0 when unknown. */
    long committedAt(String commit) {
        return times.getOrDefault(commit, 0L);
    }

    /** Whether {@code ancestor} is {@code commit} or came before it. */
    boolean isAncestor(String ancestor, String commit) {
        if (ancestor == null || commit == null) {
            return false;
        }
        if (ancestor.equals(commit)) {
            return true;
        }
        long oldest = times.getOrDefault(ancestor, 0L) - SKEW_SECONDS;
        Deque<String> queue = new ArrayDeque<>(List.of(commit));
        Set<String> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            String c = queue.poll();
            for (String p : parents.getOrDefault(c, new String[0])) {
                if (p.equals(ancestor)) {
                    return true;
                }
                // Commits older than the ancestor (allowing for clock skew) cannot lead to it.
                if (seen.add(p) && times.getOrDefault(p, Long.MAX_VALUE) >= oldest) {
                    queue.add(p);
                }
            }
        }
        return false;
    }

    private static String run(Path dir, String... command) throws IOException {
        Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroy();
                throw new IOException(String.join(" ", command) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
