package dev.lockstep.spring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The starter is a front-end: it reaches Lockstep through the public API only. */
class FenceTest {
    @Test
    void theStarterUsesPublicPackagesOnly() {
        assertHolds(// Only this module's classes: the starter's own, checked against everything they use.
        noClasses().that().resideInAPackage("dev.lockstep.spring..")
                .should().dependOnClassesThat().resideInAPackage("dev.lockstep.internal..")
                .evaluate(new ClassFileImporter().importPath(Path.of("target/classes"))));
    }

    /** The rule holds for the classes; the failure names every class that breaks it. */
    private static void assertHolds(com.tngtech.archunit.lang.EvaluationResult result) {
        org.assertj.core.api.Assertions.assertThat(result.hasViolation()).as(result.getFailureReport().toString())
                .isFalse();
    }
}
