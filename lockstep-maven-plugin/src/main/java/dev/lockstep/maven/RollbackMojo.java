package dev.lockstep.maven;

import dev.lockstep.Lockstep;
import dev.lockstep.RollbackOptions;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Runs down scripts, newest first: the newest {@code steps} migrations (1), or all above {@code to}. */
@Mojo(name = "rollback", requiresProject = false, threadSafe = true)
public class RollbackMojo extends LockstepMojo {
    @Parameter(property = "lockstep.steps")
    Integer steps;

    /** Roll back every migration above this version. */
    @Parameter(property = "lockstep.to")
    String to;

    @Parameter(property = "lockstep.dryRun", defaultValue = "false")
    boolean dryRun;

    @Override
    void run(Lockstep lockstep) {
        Results.log(getLog(), lockstep.rollback(new RollbackOptions(steps, to, dryRun)));
    }
}
