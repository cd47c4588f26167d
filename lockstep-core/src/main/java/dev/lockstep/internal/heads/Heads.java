package dev.lockstep.internal.heads;

import dev.lockstep.HeadsResult;
import dev.lockstep.HeadsResult.Conflict;
import dev.lockstep.MigrationVersion;
import dev.lockstep.internal.source.MigrationFiles;
import dev.lockstep.internal.source.MigrationFiles.Unit;
import dev.lockstep.internal.state.HistoryKind;
import dev.lockstep.internal.state.HistoryRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds migrations added on parallel branches. From the files and the history alone: two files with one
 * version, and a file not applied whose version is below the newest applied one. With git: a migration
 * whose neighbour below it (in version order) was not there when it was added, because it came from another
 * branch: it was written without knowing that migration, which now runs before it. An order recorded in
 * {@code lockstep.order} settles the latter.
 */
public final class Heads {
    /** What was found, and what merge would do about it. */
    record Analysis(HeadsResult result, List<Unit> units, List<Unit> renumber, List<Conflict> parallel) {
    }

    private Heads() {
    }

    static Analysis analyze(Path dir, String shownDir, List<HistoryRow> rows, Optional<GitHistory> git) {
        List<Unit> units = MigrationFiles.scan(dir);
        Map<MigrationVersion, MigrationVersion> recorded = OrderFile.read(dir);
        Set<Unit> applied = applied(dir, units, rows);
        MigrationVersion newest = applied.stream().map(Unit::version).max(Comparator.naturalOrder())
                .orElse(baseline(rows));
        List<Conflict> conflicts = new ArrayList<>();
        List<Unit> renumber = new ArrayList<>();
        Map<MigrationVersion, List<Unit>> byVersion = new LinkedHashMap<>();
        units.forEach(u -> byVersion.computeIfAbsent(u.version(), v -> new ArrayList<>()).add(u));
        for (List<Unit> same : byVersion.values()) {
            if (same.size() < 2) {
                continue;
            }
            Unit keep = same.stream().filter(applied::contains).findFirst()
                    .orElseGet(() -> same.stream().min(Comparator.comparing((Unit u) -> order(git, u))).orElseThrow());
            for (Unit u : same) {
                if (u != keep) {
                    renumber.add(u);
                    conflicts.add(new Conflict("duplicate", u.versionText(), name(u), null, keep.versionText(),
                            name(u) + " has version " + u.versionText() + " like " + name(keep)
                                    + (applied.contains(keep) ? " (applied)" : "") + ": two branches each added it"));
                }
            }
        }
        for (Unit u : units) {
            if (!applied.contains(u) && !renumber.contains(u) && newest != null && u.version().compareTo(newest) < 0) {
                renumber.add(u);
                conflicts.add(new Conflict("out-of-order", u.versionText(), name(u), null, null, name(u)
                        + " is not applied, but version " + newest.text() + " is: it was added on a branch behind "
                        + "the applied ones"));
            }
        }
        Set<Unit> keepers = new HashSet<>();
        byVersion.values().stream().filter(same -> same.size() > 1)
                .forEach(same -> same.stream().filter(u -> !renumber.contains(u)).forEach(keepers::add));
        followers(units, renumber, applied, keepers, git);
        List<Conflict> parallel = git.map(g -> parallel(g, units, renumber, applied, recorded)).orElse(List.of());
        conflicts.addAll(parallel);
        List<String> orders = new ArrayList<>();
        recorded.forEach((v, after) -> orders.add(v.text() + " after " + after.text()));
        HeadsResult result = new HeadsResult(shownDir, git.isPresent(), newest == null ? null : newest.text(),
                conflicts, orders);
        return new Analysis(result, units, renumber, parallel);
    }

    /**
     * Adds to {@code renumber} the migrations not applied yet that must stay after one being renumbered: those
     * written after it (its commit came before theirs; without git, every later one but the other branch's
     * files of a shared version), so that a branch's migrations keep their order when they move up.
     */
    private static void followers(List<Unit> units, List<Unit> renumber, Set<Unit> applied, Set<Unit> keepers,
                                  Optional<GitHistory> git) {
        for (int i = 0; i < renumber.size(); i++) {
            Unit moved = renumber.get(i);
            for (Unit u : units) {
                if (applied.contains(u) || renumber.contains(u) || keepers.contains(u)
                        || u.version().compareTo(moved.version()) <= 0) {
                    continue;
                }
                boolean after = git.map(g -> g.addedIn(u.up()) == null
                        || g.isAncestor(g.addedIn(moved.up()), g.addedIn(u.up()))).orElse(true);
                if (after) {
                    renumber.add(u);
                }
            }
        }
    }

    /** Not-applied migrations whose neighbour below was not there when they were added. */
    private static List<Conflict> parallel(GitHistory git, List<Unit> units, List<Unit> renumber, Set<Unit> applied,
                                           Map<MigrationVersion, MigrationVersion> recorded) {
        List<Unit> chain = units.stream().filter(u -> !renumber.contains(u)).toList();
        List<Conflict> out = new ArrayList<>();
        for (int i = 1; i < chain.size(); i++) {
            Unit u = chain.get(i);
            Unit below = chain.get(i - 1);
            String commit = git.addedIn(u.up());
            if (applied.contains(u) || commit == null || below.version().equals(recorded.get(u.version()))
                    || git.isAncestor(git.addedIn(below.up()), commit)) {
                continue;
            }
            String after = null;
            for (int k = i - 2; k >= 0 && after == null; k--) {
                if (git.isAncestor(git.addedIn(chain.get(k).up()), commit)) {
                    after = chain.get(k).versionText();
                }
            }
            out.add(new Conflict("parallel", u.versionText(), name(u), after, below.versionText(), name(u)
                    + " was written after " + (after == null ? "no other migration" : "version " + after) + ", but "
                    + below.versionText() + " (" + name(below) + ", from another branch) now runs before it"));
        }
        return out;
    }

    /** The units the history counts as applied: the one whose file it ran, for a version two files share. */
    private static Set<Unit> applied(Path dir, List<Unit> units, List<HistoryRow> rows) {
        Map<MigrationVersion, HistoryRow> last = new HashMap<>();
        for (HistoryRow r : rows) {
            if (r.success() && r.version() != null && (r.kind() == HistoryKind.VERSIONED || r.kind() == HistoryKind.ROLLBACK)) {
                last.put(MigrationVersion.parse(r.version()), r);
            }
        }
        MigrationVersion baseline = baseline(rows);
        Set<Unit> out = new HashSet<>();
        Set<MigrationVersion> taken = new HashSet<>();
        for (Unit u : units) {
            HistoryRow r = last.get(u.version());
            boolean byBaseline = baseline != null && u.version().compareTo(baseline) <= 0;
            if (r != null && r.kind() == HistoryKind.VERSIONED && ranFrom(dir, u, r.script()) || byBaseline) {
                out.add(u);
                taken.add(u.version());
            }
        }
        for (Unit u : units) {
            HistoryRow r = last.get(u.version());
            if (r != null && r.kind() == HistoryKind.VERSIONED && taken.add(u.version())) {
                out.add(u);
            }
        }
        return out;
    }

    private static boolean ranFrom(Path dir, Unit u, String script) {
        String relative = dir.relativize(u.up()).toString().replace('\\', '/');
        String s = script == null ? "" : script.replace('\\', '/');
        return s.equals(relative) || s.endsWith("/" + relative);
    }

    private static MigrationVersion baseline(List<HistoryRow> rows) {
        MigrationVersion out = null;
        for (HistoryRow r : rows) {
            if (r.kind() == HistoryKind.BASELINE && r.success()) {
                out = MigrationVersion.parse(r.version());
            }
        }
        return out;
    }

    /** Which of two files of one version came first: committed before uncommitted, older commits first, then by name. */
    private static String order(Optional<GitHistory> git, Unit u) {
        String commit = git.map(g -> g.addedIn(u.up())).orElse(null);
        return commit == null ? "1" + u.up().getFileName()
                : String.format(java.util.Locale.ROOT, "0%020d", git.get().committedAt(commit)) + u.up().getFileName();
    }

    static String name(Unit u) {
        return u.up().getParent().getFileName() != null && u.up().getFileName().toString().equals("up.sql")
                ? u.up().getParent().getFileName() + "/up.sql" : u.up().getFileName().toString();
    }
}
