package io.agenthub.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.and;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub's packages depend one way: a package never depends, directly or through others, on one that depends
 * back on it. Shared records, problem types and enums live in {@code io.agenthub.api}, which depends on nothing
 * of ours. A failure names the packages of the cycle and the classes that make each edge.
 */
class PackageCyclesTest {

    private static final JavaClasses HUB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.agenthub");

    /** Every package is its own slice: {@code flows.card} may not depend back on {@code flows} either. */
    static ArchRule noCyclesBetweenPackagesOf(String root) {
        return slices().matching(root + ".(**)").namingSlices("$1")
                .should().beFreeOfCycles()
                .because("a package that depends back on its dependent cannot be understood or changed alone");
    }

    @Test
    void theHubsPackagesHaveNoCycles() {
        noCyclesBetweenPackagesOf("io.agenthub").check(HUB);
    }

    @Test
    void theApiPackageDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("io.agenthub.api..")
                .should().dependOnClassesThat(and(resideInAPackage("io.agenthub.."), resideOutsideOfPackage("io.agenthub.api..")))
                .because("wire records and problem types are shared by every package, so they may need none")
                .check(HUB);
    }

    @Test
    void aCycleMadeOnPurposeIsCaughtAndNamed() {
        JavaClasses cyclic = new ClassFileImporter().importPackages("io.agenthub.architecture.cyclic");

        EvaluationResult result = noCyclesBetweenPackagesOf("io.agenthub.architecture.cyclic").evaluate(cyclic);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString())
                .contains("left", "right")
                .contains("Left", "Right");
    }
}
