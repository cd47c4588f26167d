package dev.lockstep.maven;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The plugin is a front-end: it reaches Lockstep through the public API only. */
class FenceTest {
    @Test
    void theGoalsUsePublicPackagesOnly() {
        noClasses().that().resideInAPackage("dev.lockstep.maven..")
                .should().dependOnClassesThat().resideInAPackage("dev.lockstep.internal..")
                .check(new ClassFileImporter().importPath(Path.of("target/classes")));
    }
}
