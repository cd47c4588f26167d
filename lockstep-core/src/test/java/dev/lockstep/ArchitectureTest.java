package dev.lockstep;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/architecture.md, checked on the compiled classes. Each rule fails the build when
 * broken, with the offending classes named.
 */
class ArchitectureTest {
    private static final String[] PUBLIC = {"dev.lockstep", "dev.lockstep.error", "dev.lockstep.spi",
            "dev.lockstep.lint"};
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.lockstep")
                .that(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage("dev.lockstep.testkit..")));
    }

    /** The facade sits on top of everything; every other class belongs to its package's slice. */
    static final SliceAssignment PACKAGES_UNDER_THE_FACADE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String name = c.getName();
            if (name.equals(Lockstep.class.getName()) || name.startsWith(Lockstep.class.getName() + "$")) {
                return SliceIdentifier.of("facade");
            }
            return SliceIdentifier.of(c.getPackageName());
        }

        @Override
        public String getDescription() {
            return "packages (the facade class as a layer of its own)";
        }
    };

    @Test
    void packagesHaveNoCycles() {
        assertHolds(slices().assignedFrom(PACKAGES_UNDER_THE_FACADE).should().beFreeOfCycles().evaluate(core));
    }

    @Test
    void onlyTheFacadeAndTheEngineReachAcrossTheWholeCore() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.lockstep.internal..")
                .should().dependOnClassesThat().belongToAnyOf(Lockstep.class);
        assertHolds(rule.evaluate(core));
    }

    @Test
    void publicTypesExposeNoInternalType() {
        assertHolds(methods().that().arePublic().and().areDeclaredInClassesThat().arePublic()
                .and().areDeclaredInClassesThat().resideInAnyPackage(PUBLIC)
                .should(exposeNoInternalType()).evaluate(core));
        assertHolds(classes().that().arePublic().and().resideInAnyPackage(PUBLIC)
                .should().notBeAssignableTo(DescribedPredicate.describe("an internal type",
                        (JavaClass t) -> t.getPackageName().startsWith("dev.lockstep.internal")))
                .evaluate(core));
    }

    @Test
    void pureLayersNeverTouchJdbcOrTheExecutor() {
        assertHolds(noClasses().that().resideInAnyPackage("dev.lockstep.internal.sql..", "dev.lockstep.internal.plan..",
                        "dev.lockstep.internal.source..", "dev.lockstep.internal.lint..", "dev.lockstep.internal.state..",
                        "dev.lockstep.internal.snapshot..", "dev.lockstep.lint..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..",
                        "dev.lockstep.internal.execute..", "dev.lockstep.internal.pg..")
                .evaluate(core));
    }

    @Test
    void theCatalogFingerprintIsComparedWithoutADatabase() {
        assertHolds(noClasses().that().resideInAPackage("dev.lockstep.internal.catalog..")
                .and().haveSimpleNameNotEndingWith("Reader")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..",
                        "dev.lockstep.internal.execute..", "dev.lockstep.internal.pg..")
                .evaluate(core));
    }

    @Test
    void onlyThePgSeamOpensConnections() {
        assertHolds(noClasses().that().resideOutsideOfPackages("dev.lockstep.internal.pg..", "dev.lockstep.internal.embedded..")
                .should().callMethodWhere(opensAConnection())
                .evaluate(core));
    }

    @Test
    void theRunbookRunsStepsAgainstOperationsNeverTheFacade() {
        assertHolds(noClasses().that().resideInAPackage("dev.lockstep.internal.runbook..")
                .should().dependOnClassesThat().resideInAPackage("dev.lockstep.internal.engine..")
                .evaluate(core));
    }

    @Test
    void coreNeverReachesForTheProcess() {
        assertHolds(noClasses().that().resideOutsideOfPackage("dev.lockstep.internal.config..")
                .should().callMethodWhere(callsTo(System.class, "exit", "getenv"))
                .orShould().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .evaluate(core));
    }

    private static ArchCondition<JavaMethod> exposeNoInternalType() {
        return new ArchCondition<>("expose no dev.lockstep.internal type in its signature") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean internal = method.getReturnType().getAllInvolvedRawTypes().stream().anyMatch(
                        ArchitectureTest::isInternal)
                        || method.getParameterTypes().stream().flatMap(t -> t.getAllInvolvedRawTypes().stream())
                        .anyMatch(ArchitectureTest::isInternal);
                if (internal && !method.getModifiers().contains(JavaModifier.SYNTHETIC)) {
                    events.add(SimpleConditionEvent.violated(method, method.getFullName()
                            + " exposes an internal type"));
                }
            }
        };
    }

    private static boolean isInternal(JavaClass t) {
        return t.getPackageName().startsWith("dev.lockstep.internal");
    }

    private static DescribedPredicate<JavaAccess<?>> opensAConnection() {
        return DescribedPredicate.describe("DriverManager.getConnection or DataSource.getConnection",
                a -> a.getName().equals("getConnection")
                        && (a.getTargetOwner().isAssignableTo(java.sql.DriverManager.class)
                        || a.getTargetOwner().isAssignableTo(javax.sql.DataSource.class)));
    }

    private static DescribedPredicate<JavaAccess<?>> callsTo(Class<?> owner, String... names) {
        java.util.Set<String> set = java.util.Set.of(names);
        return DescribedPredicate.describe(owner.getSimpleName() + "." + set,
                a -> a.getTargetOwner().isEquivalentTo(owner) && set.contains(a.getName()));
    }

    /** The rule holds for the classes; the failure names every class that breaks it. */
    private static void assertHolds(com.tngtech.archunit.lang.EvaluationResult result) {
        org.assertj.core.api.Assertions.assertThat(result.hasViolation()).as(result.getFailureReport().toString())
                .isFalse();
    }
}
