package dev.lockstep.internal.lint;

import dev.lockstep.LockstepConfig;
import dev.lockstep.Setting;
import dev.lockstep.error.LockstepException;
import dev.lockstep.internal.source.DirectiveParser;
import dev.lockstep.internal.source.MigrationLoader;
import dev.lockstep.internal.source.MigrationSet;
import dev.lockstep.internal.source.MigrationSources;
import dev.lockstep.internal.source.ParallelMap;
import dev.lockstep.internal.source.ResolvedMigration;
import dev.lockstep.internal.source.Script;
import dev.lockstep.lint.LintReport;
import dev.lockstep.lint.LintSettings;
import dev.lockstep.lint.LockTimeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code lint}: gathers the scripts (the migrations directory, named files or directories, or standard
 * input; down scripts too) and runs a {@link Linter} the caller configured.
 */
public final class LintRun {
    private final LockstepConfig config;

    public LintRun(LockstepConfig config) {
        this.config = config;
    }

    /** The {@code [lint]} settings for {@code pgVersion}. */
    public static LintSettings settings(LockstepConfig config, int pgVersion) {
        return new LintSettings(pgVersion, config.get(Setting.LINT_SEVERITY), Set.copyOf(config.get(Setting.LINT_DISABLE)),
                Set.copyOf(config.get(Setting.LINT_ENABLE)));
    }

    /**
     * The scripts to lint, in order, and the migrations directory's set when that is what is linted.
     *
     * @param migrations null unless the scripts are the configured migrations
     */
    public record Inputs(List<LintInput> scripts, MigrationSet migrations) {
    }

    /**
     * @param paths files or directories; empty means the migrations directory
     * @param stdin the text of standard input when the path {@code -} was given, else null
     */
    public LintReport lint(List<Path> paths, String stdin, Linter linter) {
        return linter.lint(inputs(paths, stdin, false).scripts());
    }

    /** The lock timeline of each script: for every statement, the locks it takes and until where they are held. */
    public List<LockTimeline> explain(List<Path> paths, String stdin, Linter linter) {
        List<LockTimeline> out = new ArrayList<>();
        for (LintInput in : inputs(paths, stdin, false).scripts()) {
            if (!in.down()) {
                out.add(LockTimelines.of(linter.context(in.script(), in.directives()), linter.pgVersion()));
            }
        }
        return out;
    }

    /**
     * What {@link #lint} lints: see there.
     *
     * @param checksums the configured migrations get their checksums (to be compared with a history)
     */
    public Inputs inputs(List<Path> paths, String stdin, boolean checksums) {
        List<LintInput> inputs = new ArrayList<>();
        MigrationSet configured = null;
        // A directory named on the command line skips what the configured globs name, as the migrations
        // directory does; a file named on it is linted whatever its name.
        MigrationLoader loader = MigrationLoader.forLint(config.workDir(), config.get(Setting.IGNORE));
        DirectiveParser directives = new DirectiveParser();
        if (stdin != null) {
            Script script = new Script("<stdin>", "<stdin>", stdin, 1);
            inputs.add(new LintInput(script, directives.parse(script)));
        }
        if (paths.isEmpty() && stdin == null) {
            configured = checksums ? MigrationSources.load(config) : MigrationSources.loadForLint(config);
            addAll(inputs, configured);
        }
        // Named files are read on every core (a shell's *.sql can name a thousand); directories, and the
        // first error in the order given, are taken in that order.
        List<Named> named = new ParallelMap<Path, Named>() {
            @Override
            protected Named apply(Path p) {
                return named(config.workDir().resolve(p), loader, directives);
            }
        }.over(paths);
        for (Named n : named) {
            if (n.error() != null) {
                throw n.error();
            }
            if (n.directory() != null) {
                addDirectory(inputs, loader, n.directory());
            } else {
                inputs.addAll(n.scripts());
            }
        }
        return new Inputs(List.copyOf(inputs), configured);
    }

    /** A path named on the command line: a directory (read later, in order), or a file's scripts, or why not. */
    private record Named(Path directory, List<LintInput> scripts, LockstepException error) {
    }

    private static Named named(Path path, MigrationLoader loader, DirectiveParser directives) {
        if (Files.isDirectory(path)) {
            return new Named(path, null, null);
        }
        try {
            List<Script> scripts = loader.readScriptsForLint(path);
            List<LintInput> out = new ArrayList<>(scripts.size());
            for (int i = 0; i < scripts.size(); i++) {
                Script script = scripts.get(i);
                out.add(new LintInput(script, directives.parse(script), i > 0, false));
            }
            return new Named(null, out, null);
        } catch (LockstepException e) {
            return new Named(null, null, e);
        }
    }

    /** How deep below a named directory lint looks for migrations when the directory itself has none. */
    private static final int MAX_DEPTH = 6;
    /** Build output and dependencies: copies of migrations, or other projects' files, never the ones to lint. */
    private static final Set<String> NOT_SEARCHED = Set.of("target", "build", "out", "dist", "node_modules", "vendor");

    /**
     * A directory named on the command line: its migrations; or, when it has none of its own (a parent
     * such as {@code db/} or {@code services/}), the migrations of the directories below it that hold
     * some, so that linting a parent never passes for want of files. Only directories whose files are
     * named as migrations are read; hidden directories, symbolic links and build output are not searched.
     */
    private static void addDirectory(List<LintInput> inputs, MigrationLoader loader, Path dir) {
        List<Path> found = new ArrayList<>();
        collect(dir, 0, found);
        if (found.isEmpty()) {
            // Nothing named as a migration anywhere: read as a migrations directory, with its errors.
            addAll(inputs, loader.load(dir));
        }
        for (Path d : found) {
            addAll(inputs, loader.load(d));
        }
    }

    /** {@code dir} when it holds migrations, else the directories below it that do, in name order. */
    private static void collect(Path dir, int depth, List<Path> found) {
        List<Path> subdirectories = new ArrayList<>();
        try (var entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                if (MigrationLoader.isMigration(e)) {
                    found.add(dir);
                    return;
                }
                String name = e.getFileName().toString();
                if (!name.startsWith(".") && !NOT_SEARCHED.contains(name)
                        && Files.isDirectory(e, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    subdirectories.add(e);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return; // a directory this user may not read holds nothing to lint for them
        }
        if (depth < MAX_DEPTH) {
            subdirectories.sort(null);
            for (Path sub : subdirectories) {
                collect(sub, depth + 1, found);
            }
        }
    }

    private static void addAll(List<LintInput> inputs, MigrationSet set) {
        for (ResolvedMigration m : set.versioned()) {
            inputs.add(LintInput.up(m));
            if (m.hasDown()) {
                inputs.add(LintInput.down(m));
            }
        }
        for (ResolvedMigration m : set.repeatable()) {
            inputs.add(LintInput.up(m));
        }
    }
}
