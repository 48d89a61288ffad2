package ai.fonella.maven;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The plugin's share of the architecture rules (the starter's {@code ArchitectureTests} checks
 * fonella-core, fonella-test and the starter): the plugin uses no class of an {@code internal}
 * package of fonella-core. Its one package cannot form a cycle.
 */
class ArchitectureTests {

    @Test
    void usesNoInternalPackageOfTheCore() {
        noClasses().that().resideInAPackage("ai.fonella.maven..")
                .should().dependOnClassesThat().resideInAPackage("ai.fonella..internal..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("ai.fonella.maven"));
    }
}
