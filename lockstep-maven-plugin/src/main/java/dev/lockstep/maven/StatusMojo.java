package dev.lockstep.maven;

import dev.lockstep.Lockstep;
import dev.lockstep.StatusResult;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Every migration and where it stands; {@code failOnPending} fails the build while any is pending. */
@Mojo(name = "status", requiresProject = false, threadSafe = true)
public class StatusMojo extends LockstepMojo {
    @Parameter(property = "lockstep.failOnPending", defaultValue = "false")
    boolean failOnPending;

    @Override
    void run(Lockstep lockstep) throws MojoFailureException {
        StatusResult s = lockstep.status();
        getLog().info("Database: " + s.database() + ", history " + s.historyTable() + ", version "
                + (s.currentVersion() == null ? "none" : s.currentVersion()));
        s.migrations().forEach(m -> getLog().info(String.format("  %-10s %-30s %s", m.version() == null ? "R"
                : m.version(), m.description(), m.state().label())));
        s.issues().forEach(i -> getLog().warn(i.message()));
        getLog().info(s.upToDate() ? "Up to date." : !s.issues().isEmpty()
                ? "Fix the problems above before migrating ('lockstep validate' explains each)."
                : s.pending() + " to apply.");
        if (failOnPending && !s.issues().isEmpty()) {
            throw new MojoFailureException(s.issues().size() + " problem(s) on " + s.database() + " that migrate "
                    + "would refuse: " + s.issues().get(0).message());
        }
        if (failOnPending && s.pending() > 0) {
            throw new MojoFailureException(s.pending() + " migration(s) pending on " + s.database());
        }
    }
}
