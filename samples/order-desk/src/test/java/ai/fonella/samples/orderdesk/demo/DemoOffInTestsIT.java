package ai.fonella.samples.orderdesk.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.spring.boot.test.AutoConfigureFonellaEmulator;
import ai.fonella.test.FonellaEmulator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;

/**
 * The demo's classes share the test class path with the app's tests: component scanning finds
 * {@link DemoConfiguration}, which must stay inactive, so that tests see only the test emulator and
 * no scripted call. Same configuration as {@code OrderDeskIT}, so the context is shared.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureFonellaEmulator
class DemoOffInTestsIT {

    @Test
    void demoModeStaysOffInTests(@Autowired ApplicationContext context) {
        assertThat(context.getBeansOfType(FonellaEmulator.class)).hasSize(1);
        assertThat(context.getBeansOfType(DemoCall.class)).isEmpty();
        assertThat(context.getBeansOfType(DemoConfiguration.class)).isEmpty();
    }
}
