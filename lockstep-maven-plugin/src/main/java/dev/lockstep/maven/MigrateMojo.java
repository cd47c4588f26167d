package dev.lockstep.maven;

import dev.lockstep.Lockstep;
import dev.lockstep.MigrateOptions;
import dev.lockstep.MigrateResult;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Applies pending migrations; with {@code dryRun} logs the exact SQL and locks and changes nothing. */
@Mojo(name = "migrate", requiresProject = false, threadSafe = true)
public class MigrateMojo extends LockstepMojo {
    /** Apply up to and including this version. */
    @Parameter(property = "lockstep.target")
    String target;

    @Parameter(property = "lockstep.dryRun", defaultValue = "false")
    boolean dryRun;

    @Override
    void run(Lockstep lockstep) {
        MigrateResult r = lockstep.migrate(new MigrateOptions(target, dryRun));
        Results.log(getLog(), r);
    }
}
