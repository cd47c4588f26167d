package dev.lockstep.maven;

import dev.lockstep.Lockstep;
import dev.lockstep.ValidateResult;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/** Fails the build when files and history disagree: changed checksums, missing files, out-of-order files. */
@Mojo(name = "validate", requiresProject = false, threadSafe = true)
public class ValidateMojo extends LockstepMojo {
    @Override
    void run(Lockstep lockstep) throws MojoFailureException {
        ValidateResult v = lockstep.validate();
        v.issues().forEach(i -> getLog().error(i.message()));
        if (!v.valid()) {
            throw new MojoFailureException(v.issues().size() + " validation issue(s) on " + v.database());
        }
        getLog().info("Valid: " + v.checked() + " migrations checked on " + v.database() + ".");
    }
}
