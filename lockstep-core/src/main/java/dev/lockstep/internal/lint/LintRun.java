package dev.lockstep.internal.lint;

import dev.lockstep.LockstepConfig;
import dev.lockstep.internal.execute.Session;
import dev.lockstep.internal.source.DirectiveParser;
import dev.lockstep.internal.source.MigrationLoader;
import dev.lockstep.internal.source.MigrationSet;
import dev.lockstep.internal.source.ResolvedMigration;
import dev.lockstep.internal.source.Script;
import dev.lockstep.lint.LintReport;
import dev.lockstep.lint.LintSettings;
import dev.lockstep.spi.RunListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code lint}: gathers the scripts (the migrations directory, named files or directories, or standard
 * input), decides the PostgreSQL version and runs the {@link Linter}.
 */
public final class LintRun {
    private final LockstepConfig config;
    private final RunListener listener;

    public LintRun(LockstepConfig config, RunListener listener) {
        this.config = config;
        this.listener = listener;
    }

    /**
     * @param paths files or directories; empty means the migrations directory
     * @param stdin the text of standard input when the path {@code -} was given, else null
     */
    public LintReport lint(List<Path> paths, String stdin) {
        return new Linter(config.lint(), pgVersion()).lint(inputs(paths, stdin));
    }

    /** The lock timeline of each script: for every statement, the locks it takes and until where they are held. */
    public List<dev.lockstep.lint.LockTimeline> explain(List<Path> paths, String stdin) {
        Linter linter = new Linter(config.lint(), pgVersion());
        List<dev.lockstep.lint.LockTimeline> out = new ArrayList<>();
        for (LintInput in : inputs(paths, stdin)) {
            if (!in.down()) {
                out.add(LockTimelines.of(linter.context(in.script(), in.directives()), linter.pgVersion()));
            }
        }
        return out;
    }

    private List<LintInput> inputs(List<Path> paths, String stdin) {
        List<LintInput> inputs = new ArrayList<>();
        MigrationLoader loader = new MigrationLoader(config.workDir());
        DirectiveParser directives = new DirectiveParser();
        if (stdin != null) {
            Script script = new Script("<stdin>", "<stdin>", stdin, 1);
            inputs.add(new LintInput(script, directives.parse(script)));
        }
        List<Path> targets = paths.isEmpty() && stdin == null ? List.of(config.dir()) : paths;
        for (Path p : targets) {
            Path path = config.workDir().resolve(p);
            if (Files.isDirectory(path)) {
                MigrationSet set = loader.load(path);
                for (ResolvedMigration m : set.versioned()) {
                    inputs.add(LintInput.up(m));
                    if (m.hasDown()) {
                        inputs.add(LintInput.down(m));
                    }
                }
                for (ResolvedMigration m : set.repeatable()) {
                    inputs.add(LintInput.up(m));
                }
            } else {
                List<Script> scripts = loader.readScriptsForLint(path);
                for (int i = 0; i < scripts.size(); i++) {
                    Script script = scripts.get(i);
                    inputs.add(new LintInput(script, directives.parse(script), i > 0, false));
                }
            }
        }
        return inputs;
    }

    /** The configured version, else the server's when a database is configured, else 15. */
    int pgVersion() {
        LintSettings s = config.lint();
        if (s.pgVersion() != null) {
            return s.pgVersion();
        }
        if (config.url() == null && !"PG* variables".equals(config.urlSource())) {
            return LintSettings.DEFAULT_PG_VERSION;
        }
        try (Session session = Session.open(config, listener, "lockstep lint")) {
            return serverVersion(session.connect());
        } catch (RuntimeException | SQLException e) {
            listener.notice("could not read the server's version (" + e.getMessage() + "); linting for PostgreSQL "
                    + LintSettings.DEFAULT_PG_VERSION + " (set it with --pg-version)");
            return LintSettings.DEFAULT_PG_VERSION;
        }
    }

    /** The server's major version, e.g. 15. */
    public static int serverVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1)) / 10000;
        }
    }
}
