package org.springframework.samples.fonella;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.spring.boot.autoconfigure.FonellaAutoConfiguration;
import ai.fonella.spring.boot.registry.FonellaHandlerRegistry;
import ai.fonella.tool.FonellaTool;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Discovery skips Spring's own infrastructure classes ({@code org.springframework}, not a
 * {@code @Component}), but an application in {@code org.springframework.samples} (Spring PetClinic and
 * apps grown from it) is searched like any other: a plain class made by a {@code @Bean} method, and
 * a {@code @Configuration} class whose bean is its CGLIB subclass, whose tools are described by the
 * user class.
 */
class SamplesPackageDiscoveryTests {

    @Test
    void findsToolsOnBeanMethodBeansAndProxiedConfigurationClassesInTheSamplesPackage() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FonellaAutoConfiguration.class))
                .withUserConfiguration(ClinicConfiguration.class)
                .run(context -> {
                    FonellaHandlerRegistry registry = context.getBean(FonellaHandlerRegistry.class);
                    assertThat(registry.tools()).containsOnlyKeys("listPets", "openingHours");
                    assertThat(context.getBean(ClinicConfiguration.class).getClass().getName())
                            .contains("$$SpringCGLIB$$"); // the bean is the CGLIB subclass ...
                    assertThat(registry.tool("openingHours").orElseThrow().definition().targetClass())
                            .isEqualTo(ClinicConfiguration.class); // ... its tool is the user class's
                });
    }

    @Configuration // proxyBeanMethods: a CGLIB subclass
    static class ClinicConfiguration {

        @Bean
        PetTools petTools() {
            return new PetTools();
        }

        @FonellaTool(description = "Says when the clinic is open")
        public String openingHours() {
            return "8 to 18";
        }
    }

    static class PetTools {

        @FonellaTool(description = "Lists the pets of an owner")
        public String listPets(String owner) {
            return owner + ": Leo";
        }
    }
}
