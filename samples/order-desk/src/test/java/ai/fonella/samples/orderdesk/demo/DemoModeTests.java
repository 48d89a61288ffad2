package ai.fonella.samples.orderdesk.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.test.context.support.TestPropertySourceUtils;

/** When demo mode switches itself on, and when it must not. */
class DemoModeTests {

    @Test
    void staysOffWhenAnApiKeyIsConfigured() {
        StandardEnvironment environment = environment("fonella.api-key=fon_live_configured000000000000");

        prepare(new DemoMode(), environment);

        assertThat(environment.getProperty(DemoMode.ACTIVE_PROPERTY)).isNull();
        assertThat(environment.getProperty("fonella.api-key")).isEqualTo("fon_live_configured000000000000");
    }

    @Test
    void staysOffWhenDisabled() {
        StandardEnvironment environment = environment(DemoMode.ENABLED_PROPERTY + "=false");

        prepare(new DemoMode(), environment);

        assertThat(environment.getProperty(DemoMode.ACTIVE_PROPERTY)).isNull();
        assertThat(environment.getProperty("fonella.api-key")).isNull();
    }

    @Test
    void startsTheEmulatorAndPointsTheAppAtItWithoutAnApiKey() {
        StandardEnvironment environment = environment("fonella.base-url=https://fonella.example.test");
        DemoMode demo = new DemoMode();

        prepare(demo, environment);
        try {
            assertThat(environment.getProperty(DemoMode.ACTIVE_PROPERTY)).isEqualTo("true");
            assertThat(environment.getProperty("fonella.api-key")).startsWith("fon_live_");
            assertThat(environment.getProperty("fonella.base-url")).startsWith("http://127.0.0.1:");
        } finally {
            demo.onApplicationEvent(new ContextClosedEvent(new GenericApplicationContext()));
        }
    }

    private static StandardEnvironment environment(String... properties) {
        StandardEnvironment environment = new StandardEnvironment();
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(environment, properties);
        return environment;
    }

    private static void prepare(DemoMode demo, StandardEnvironment environment) {
        demo.onApplicationEvent(new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(),
                new SpringApplication(), new String[0], environment));
    }
}
