package dev.lockstep.internal.heads;

import dev.lockstep.HeadsResult;
import dev.lockstep.HeadsResult.Conflict;
import dev.lockstep.MergeResult;
import dev.lockstep.MigrationVersion;
import dev.lockstep.error.ErrorCode;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.source.MigrationFiles.Unit;
import dev.lockstep.internal.state.HistoryRow;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code heads} and {@code merge}: finds migrations added on parallel branches and resolves them. A file
 * that shares its version with another, or is below the newest applied version, gets the next free
 * version (its down and verify files with it); never a file the history says was applied. A migration
 * written after another branch's is recorded, as {@code 7 after 6}, in {@code lockstep.order}.
 */
public final class Merge {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);

    private final Path dir;
    private final String shownDir;
    private final Clock clock;

    public Merge(Path dir, String shownDir, Clock clock) {
        this.dir = dir;
        this.shownDir = shownDir;
        this.clock = clock;
    }

    public HeadsResult heads(List<HistoryRow> rows) {
        return Heads.analyze(dir, shownDir, rows, GitHistory.of(dir)).result();
    }

    public MergeResult merge(List<HistoryRow> rows, boolean dryRun) {
        Optional<GitHistory> git = GitHistory.of(dir);
        Heads.Analysis a = Heads.analyze(dir, shownDir, rows, git);
        List<String> renamed = new ArrayList<>();
        MigrationVersion top = a.units().stream().map(Unit::version).max(Comparator.naturalOrder()).orElse(null);
        List<Unit> renumber = new ArrayList<>(a.renumber());
        renumber.sort(Comparator.comparing(Unit::version).thenComparing(u -> u.up().getFileName().toString()));
        List<Path[]> moves = new ArrayList<>();
        for (Unit u : renumber) {
            String next = next(top, u.versionText());
            top = MigrationVersion.parse(next);
            for (Path file : u.files()) {
                Path to = file.resolveSibling(u.renamed(file, next));
                if (Files.exists(to)) {
                    throw new LockstepException(ErrorCode.MIGRATION_FILES, "cannot rename " + file.getFileName() + " to "
                            + to.getFileName() + ": that file exists", "rename it by hand; nothing was renamed");
                }
                moves.add(new Path[] {file, to});
                renamed.add(file.getFileName() + " -> " + to.getFileName());
            }
        }
        if (!dryRun) {
            move(moves);
        }
        List<Conflict> parallel = dryRun || moves.isEmpty() ? a.parallel()
                : Heads.analyze(dir, shownDir, rows, git).parallel();
        List<String> ordered = parallel.stream().map(c -> c.version() + " after " + c.before()).toList();
        if (!dryRun && !ordered.isEmpty()) {
            OrderFile.append(dir, ordered);
        }
        return new MergeResult(shownDir, dryRun, renamed, ordered, ordered.isEmpty() ? null
                : shownDir + "/" + OrderFile.NAME);
    }

    private static void move(List<Path[]> moves) {
        for (Path[] m : moves) {
            try {
                Files.move(m[0], m[1]);
            } catch (IOException e) {
                throw new LockstepException(ErrorCode.MIGRATION_FILES, "cannot rename " + m[0] + " to " + m[1] + ": "
                        + e.getMessage(), "check the migrations directory; renames before this one were done", e);
            }
        }
    }

    /**
     * The version after {@code top}, written like {@code like}: zero-padded to its width, and for
     * timestamp versions (14 digits) the current time when that is later.
     */
    String next(MigrationVersion top, String like) {
        String first = top == null ? "0" : top.text().split("[._]")[0];
        BigInteger n = new BigInteger(first).add(BigInteger.ONE);
        String own = like.split("[._]")[0];
        if (own.length() == 14) {
            BigInteger now = new BigInteger(TIMESTAMP.format(clock.instant()));
            n = n.max(now);
        }
        String text = n.toString();
        if (own.startsWith("0") && text.length() < own.length()) {
            text = "0".repeat(own.length() - text.length()) + text;
        }
        return text;
    }
}
