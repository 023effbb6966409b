package dev.switchboard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Each module's root package is its API; what lies under its {@code internal} package belongs
 * to it alone. These rules fail the build when one module reaches into another's internals.
 */
class ModuleBoundariesTest {

    private static final String ROOT = "dev.switchboard";

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void noModuleReachesIntoAnotherModulesInternals() {
        ArchRule rule = classes().should(new ArchCondition<>("only use the internals of their own module") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                Optional<String> own = module(origin);
                origin.getDirectDependenciesFromSelf().forEach(dependency -> {
                    JavaClass target = dependency.getTargetClass();
                    if (!target.getPackageName().startsWith(ROOT + ".")) {
                        return;
                    }
                    Optional<String> targetModule = module(target);
                    boolean internal = target.getPackageName().contains(".internal");
                    if (internal && targetModule.isPresent() && !targetModule.equals(own)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()
                                + " reaches into module '" + targetModule.get() + "' internals"));
                    }
                });
            }
        });
        rule.check(PRODUCTION);
    }

    @Test
    void modulesDoNotDependOnTheApplicationClass() {
        noClasses().that().resideInAPackage(ROOT + ".*..")
                .should().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".SwitchboardApplication")
                .check(PRODUCTION);
    }

    @Test
    void onlyIdentityOpensCrossOrganizationReads() {
        noClasses().that(DescribedPredicate.not(JavaClass.Predicates.resideInAnyPackage(
                        ROOT + ".identity..", ROOT + ".platform")))
                .should().callMethod(dev.switchboard.platform.TenantScope.class, "readAcrossOrganizations",
                        java.util.function.Supplier.class)
                .because("cross-organization reads go through identity's audited platform-admin path")
                .check(PRODUCTION);
    }

    @Test
    void platformDependsOnNoBusinessModule() {
        noClasses().that().resideInAPackage(ROOT + ".platform..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage(ROOT + "..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage(ROOT + ".platform.."))))
                .check(PRODUCTION);
    }

    static Optional<String> module(JavaClass type) {
        String pkg = type.getPackageName();
        if (!pkg.startsWith(ROOT + ".")) {
            return Optional.empty();
        }
        String rest = pkg.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }
}
