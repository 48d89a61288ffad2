package ai.fonella.spring.boot.test;

import ai.fonella.test.FonellaEmulator;
import ai.fonella.webhook.SignatureScheme;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts one emulator per application context, points {@code fonella.*} at it and registers it and a
 * {@link FonellaTestClient} as beans. All instances are equal, so contexts are cached as usual.
 */
final class FonellaEmulatorContextCustomizer implements ContextCustomizer {

    static final String EMULATOR_BEAN = "fonellaEmulator";
    static final String TEST_CLIENT_BEAN = "fonellaTestClient";

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
        String scheme = context.getEnvironment().getProperty("fonella.webhooks.signature-scheme");
        FonellaEmulator emulator = FonellaEmulator.builder()
                .signatureScheme(scheme == null ? SignatureScheme.FONELLA : SignatureScheme.fromName(scheme))
                .start();
        context.addApplicationListener((ApplicationListener<ContextClosedEvent>) event -> {
            if (event.getApplicationContext() == context) {
                emulator.close();
            }
        });
        TestPropertyValues.of(
                "fonella.api-key=" + emulator.apiKey(),
                "fonella.base-url=" + emulator.baseUrl()).applyTo(context);
        context.getBeanFactory().registerSingleton(EMULATOR_BEAN, emulator);
        context.getBeanFactory().registerSingleton(TEST_CLIENT_BEAN, new FonellaTestClient(context));
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }
}
