package ai.fonella.spring.boot.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The two rules of the architecture (docs/DESIGN.md) over the main classes of fonella-core,
 * fonella-test and this starter (the Maven plugin keeps them with its own copy of this test): no
 * package depends on itself through other packages, and no class outside fonella-core uses a class
 * of an {@code internal} package. What other modules need lives in documented public packages
 * ({@code ai.fonella.support}, {@code ai.fonella.model.ApiRules}).
 */
class ArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ai.fonella");

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        slices().matching("ai.fonella.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void noOtherModuleUsesAnInternalPackageOfTheCore() {
        noClasses().that().resideInAnyPackage("ai.fonella.spring..", "ai.fonella.test..", "ai.fonella.maven..")
                .should().dependOnClassesThat().resideInAPackage("ai.fonella..internal..")
                .check(CLASSES);
    }
}
