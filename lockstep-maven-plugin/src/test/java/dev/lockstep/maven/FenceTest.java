package dev.lockstep.maven;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The plugin is a front-end: it reaches Lockstep through the public API only. */
class FenceTest {
    @Test
    void theGoalsUsePublicPackagesOnly() {
        assertHolds(noClasses().that().resideInAPackage("dev.lockstep.maven..")
                .should().dependOnClassesThat().resideInAPackage("dev.lockstep.internal..")
                .evaluate(new ClassFileImporter().importPath(Path.of("target/classes"))));
    }

    /** The rule holds for the classes; the failure names every class that breaks it. */
    private static void assertHolds(com.tngtech.archunit.lang.EvaluationResult result) {
        org.assertj.core.api.Assertions.assertThat(result.hasViolation()).as(result.getFailureReport().toString())
                .isFalse();
    }
}
