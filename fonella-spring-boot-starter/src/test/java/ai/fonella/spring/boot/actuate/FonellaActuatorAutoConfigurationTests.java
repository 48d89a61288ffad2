package ai.fonella.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.spring.boot.autoconfigure.FonellaAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The health indicator of the Boot line the app runs on, here Boot 4; the Boot 3.5 one stays inert. */
class FonellaActuatorAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FonellaAutoConfiguration.class,
                    FonellaActuatorAutoConfiguration.class, FonellaBoot3HealthAutoConfiguration.class));

    @Test
    void registersTheBoot4HealthIndicatorAndNotTheBoot3One() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(FonellaHealthIndicator.class);
            assertThat(context.getBean("fonellaHealthIndicator")).isInstanceOf(FonellaHealthIndicator.class);
            // by name: loading FonellaBoot3HealthIndicator on Boot 4 fails, as it should
            assertThat(context.getBeanDefinitionNames()).noneMatch(name -> name.contains("Boot3"));
            // no API key: nothing to check, the app serves with configured secrets
            Health health = context.getBean(FonellaHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("apiKey", "not set");
        });
    }

    @Test
    void backsOffWhenTheHealthIndicatorIsDisabled() {
        runner.withPropertyValues("management.health.fonella.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(FonellaHealthIndicator.class));
    }
}
