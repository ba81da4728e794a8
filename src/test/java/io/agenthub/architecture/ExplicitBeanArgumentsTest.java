package io.agenthub.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.apache.camel.Variable;
import org.apache.camel.Variables;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bean the routes call gets what it needs as arguments the route names ({@code method: "choose(${variable.request},
 * ${variable.cards})"}), never by looking up an exchange variable itself: a variable renamed in YAML then fails where
 * the route names it, not silently inside Java. A failure names the method and the variable it reads.
 */
class ExplicitBeanArgumentsTest {

    private static final JavaClasses HUB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.agenthub");

    static ArchRule noBeanReadsExchangeVariablesByName() {
        return methods().should(new ArchCondition<>("take no parameter bound by @Variable or @Variables") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                for (JavaParameter parameter : method.getParameters()) {
                    if (parameter.isAnnotatedWith(Variable.class) || parameter.isAnnotatedWith(Variables.class)) {
                        String read = parameter.isAnnotatedWith(Variable.class)
                                ? "variable '" + parameter.getAnnotationOfType(Variable.class).value() + "'" : "every variable";
                        events.add(SimpleConditionEvent.violated(method, method.getFullName() + " reads " + read
                                + " by name; pass it from the route instead: method: \"" + method.getName() + "(${variable.…})\""));
                    }
                }
            }
        }).because("a renamed variable in routes/*.camel.yaml must fail where the route names it");
    }

    @Test
    void noBeanOfTheHubReadsExchangeVariablesByName() {
        noBeanReadsExchangeVariablesByName().check(HUB);
    }

    @Test
    void aBeanThatReadsAVariableIsCaughtAndNamed() {
        JavaClasses hidden = new ClassFileImporter().importPackages("io.agenthub.architecture.hidden");

        EvaluationResult result = noBeanReadsExchangeVariablesByName().evaluate(hidden);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("ReadsAVariable.greet", "variable 'name'");
    }
}
