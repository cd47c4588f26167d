package dev.lockstep.maven;

import dev.lockstep.EmbeddedStatus;
import dev.lockstep.Lockstep;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** The embedded PostgreSQL the goals use without a URL: start, stop or status. */
@Mojo(name = "embedded", requiresProject = false, threadSafe = true)
public class EmbeddedMojo extends LockstepMojo {
    /** start, stop or status. */
    @Parameter(property = "lockstep.action", defaultValue = "status")
    String action;

    @Override
    void run(Lockstep lockstep) throws MojoFailureException {
        switch (action) {
            case "start" -> show(lockstep.embeddedStart());
            case "stop" -> getLog().info(lockstep.embeddedStop() ? "Stopped the embedded PostgreSQL."
                    : "The embedded PostgreSQL was not running.");
            case "status" -> show(lockstep.embeddedStatus());
            default -> throw new MojoFailureException("action '" + action + "' is not start, stop or status");
        }
    }

    private void show(EmbeddedStatus s) {
        getLog().info(s.running() ? "Running: " + s.url() + " (pid " + s.pid() + ", data " + s.dataDirectory() + ")"
                : "Not running (data " + s.dataDirectory() + ").");
    }
}
