package dev.lockstep.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The command line is a front-end: it reaches Lockstep through the public API only. */
class FenceTest {
    @Test
    void theCommandLineUsesPublicPackagesOnly() {
        assertHolds(noClasses().that().resideInAPackage("dev.lockstep.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.lockstep.internal..")
                .evaluate(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.lockstep.cli")));
    }

    /** The rule holds for the classes; the failure names every class that breaks it. */
    private static void assertHolds(com.tngtech.archunit.lang.EvaluationResult result) {
        org.assertj.core.api.Assertions.assertThat(result.hasViolation()).as(result.getFailureReport().toString())
                .isFalse();
    }
}
