package dev.lockstep.maven;

import dev.lockstep.Lockstep;
import dev.lockstep.lint.LintReport;
import dev.lockstep.lint.Severity;
import dev.lockstep.lint.Violation;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Lints migration scripts without running them; fails the build on findings at {@code failOn} (error). */
@Mojo(name = "lint", requiresProject = false, threadSafe = true)
public class LintMojo extends LockstepMojo {
    /** Files or directories; default: the migrations directory. */
    @Parameter(property = "lockstep.paths")
    List<File> paths = new ArrayList<>();

    /** error or warning. */
    @Parameter(property = "lockstep.failOn", defaultValue = "error")
    String failOn;

    @Override
    void run(Lockstep lockstep) throws MojoFailureException {
        LintReport r = lockstep.lint(paths.stream().map(File::toPath).map(Path::toAbsolutePath).toList(), null);
        for (Violation v : r.violations()) {
            String line = v.span() + ": " + v.severity().label() + "[" + v.rule() + "]: " + v.message()
                    + (v.fix() == null || v.fix().isEmpty() ? "" : " (instead: " + v.fix() + ")");
            if (v.severity() == Severity.ERROR) {
                getLog().error(line);
            } else {
                getLog().warn(line);
            }
        }
        getLog().info(r.count(Severity.ERROR) + " errors, " + r.count(Severity.WARNING) + " warnings in " + r.files()
                + " files (" + r.statements() + " statements, PostgreSQL " + r.pgVersion() + ").");
        if (r.failsAt(Severity.parse(failOn))) {
            throw new MojoFailureException("lint found " + r.violations().size() + " finding(s) at or above "
                    + failOn);
        }
    }
}
