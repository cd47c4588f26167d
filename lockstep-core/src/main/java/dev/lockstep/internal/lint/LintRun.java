package dev.lockstep.internal.lint;

import dev.lockstep.LockstepConfig;
import dev.lockstep.Setting;
import dev.lockstep.internal.source.DirectiveParser;
import dev.lockstep.internal.source.MigrationLoader;
import dev.lockstep.internal.source.MigrationSet;
import dev.lockstep.internal.source.MigrationSources;
import dev.lockstep.internal.source.ResolvedMigration;
import dev.lockstep.internal.source.Script;
import dev.lockstep.lint.LintReport;
import dev.lockstep.lint.LintSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code lint}: gathers the scripts (the migrations directory, named files or directories, or standard
 * input) and runs a {@link Linter} the caller configured.
 */
public final class LintRun {
    private final LockstepConfig config;

    public LintRun(LockstepConfig config) {
        this.config = config;
    }

    /** The {@code [lint]} settings for {@code pgVersion}. */
    public static LintSettings settings(LockstepConfig config, int pgVersion) {
        return new LintSettings(pgVersion, config.get(Setting.LINT_SEVERITY), Set.copyOf(config.get(Setting.LINT_DISABLE)));
    }

    private static void addAll(List<LintInput> inputs, MigrationSet set) {
        for (ResolvedMigration m : set.versioned()) {
            inputs.add(new LintInput(m.up(), m.directives()));
        }
        for (ResolvedMigration m : set.repeatable()) {
            inputs.add(new LintInput(m.up(), m.directives()));
        }
    }

    /**
     * @param paths files or directories; empty means the migrations directory
     * @param stdin the text of standard input when the path {@code -} was given, else null
     */
    public LintReport lint(List<Path> paths, String stdin, Linter linter) {
        List<LintInput> inputs = new ArrayList<>();
        MigrationLoader loader = new MigrationLoader(config.workDir());
        DirectiveParser directives = new DirectiveParser();
        if (stdin != null) {
            Script script = new Script("<stdin>", "<stdin>", stdin, 1);
            inputs.add(new LintInput(script, directives.parse(script)));
        }
        if (paths.isEmpty() && stdin == null) {
            addAll(inputs, MigrationSources.load(config));
        }
        for (Path p : paths) {
            Path path = config.workDir().resolve(p);
            if (Files.isDirectory(path)) {
                addAll(inputs, loader.load(path));
            } else {
                Script script = loader.readForLint(path);
                inputs.add(new LintInput(script, directives.parse(script)));
            }
        }
        return linter.lint(inputs);
    }
}
