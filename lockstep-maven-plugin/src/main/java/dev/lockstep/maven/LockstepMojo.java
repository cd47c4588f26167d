package dev.lockstep.maven;

import dev.lockstep.Lockstep;
import dev.lockstep.Setting;
import dev.lockstep.error.LockstepException;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What every goal shares: the configuration, read as the command line reads it (the project's
 * lockstep.toml, {@code LOCKSTEP_*}, {@code DATABASE_URL}, PG* variables), then the plugin's
 * {@code <settings>} and {@code -Dlockstep.NAME=value}, both by lockstep.toml names; and errors mapped to
 * build failures with Lockstep's message and hint.
 */
abstract class LockstepMojo extends AbstractMojo {
    static final String PROPERTY_PREFIX = "lockstep.";

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    File basedir;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    /** An environment: the {@code [env.NAME]} section of lockstep.toml. */
    @Parameter(property = "lockstep.env")
    String env;

    /** Settings by their lockstep.toml names, e.g. {@code <lock-timeout>2s</lock-timeout>}, {@code <url>...</url>}. */
    @Parameter
    Map<String, String> settings = new LinkedHashMap<>();

    @Parameter(property = "lockstep.skip", defaultValue = "false")
    boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipped (lockstep.skip).");
            return;
        }
        try {
            run(lockstep());
        } catch (LockstepException e) {
            throw new MojoFailureException(e.getMessage() + (e.hint() == null ? "" : "\nhint: " + e.hint())
                    + "\n(" + e.code() + ", exit code " + e.exitCode() + ": " + e.code().docsAnchor() + ")", e);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    /** The goal's one facade call and what it logs. */
    abstract void run(Lockstep lockstep) throws MojoFailureException;

    Lockstep lockstep() {
        Lockstep.Builder b = Lockstep.configure().fromEnvironment(basedir.toPath(), env)
                .listener(new MavenLogListener(getLog()));
        settings.forEach((name, value) -> {
            Setting<?> s = Setting.byName(name).orElse(null);
            if (s == null) {
                b.set(name, value);
            } else {
                b.option(s, value, "<" + name + "> in the plugin's <settings>");
            }
        });
        Properties user = session.getUserProperties();
        for (Setting<?> s : Setting.all()) {
            String value = user.getProperty(PROPERTY_PREFIX + s.name());
            if (value != null) {
                b.option(s, value, "-D" + PROPERTY_PREFIX + s.name());
            }
        }
        return b.build();
    }
}
