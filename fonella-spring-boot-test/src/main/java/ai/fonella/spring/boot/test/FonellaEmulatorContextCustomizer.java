package ai.fonella.spring.boot.test;

import ai.fonella.model.ApiRules;
import ai.fonella.test.FonellaEmulator;
import ai.fonella.webhook.SignatureScheme;
import java.net.URI;
import java.net.URISyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.StringUtils;

/**
 * Starts one emulator per application context, points {@code fonella.*} at it and registers it and a
 * {@link FonellaTestClient} as beans. All instances are equal, so contexts are cached as usual.
 */
final class FonellaEmulatorContextCustomizer implements ContextCustomizer {

    private static final Logger log = LoggerFactory.getLogger(FonellaEmulatorContextCustomizer.class);

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
        TestPropertyValues values = TestPropertyValues.of(
                "fonella.api-key=" + emulator.apiKey(),
                "fonella.base-url=" + emulator.baseUrl());
        String publicUrl = configuredPublicUrl(context.getEnvironment());
        if (publicUrl != null && !isLoopbackUrl(publicUrl)) {
            // set for production (FONELLA_PUBLIC_URL, application.properties): the emulator could not call it
            log.info("@AutoConfigureFonellaEmulator: fonella.public-url {} is set aside in this test; the emulator "
                    + "calls tools only on loopback, so the app registers at its own loopback address", publicUrl);
            values = values.and("fonella.public-url=");
        }
        values.applyTo(context);
        context.getBeanFactory().registerSingleton(EMULATOR_BEAN, emulator);
        context.getBeanFactory().registerSingleton(TEST_CLIENT_BEAN, new FonellaTestClient(context));
    }

    /** The configured public URL, as written when it holds a placeholder that cannot be resolved. */
    private static String configuredPublicUrl(Environment environment) {
        try {
            String value = environment.getProperty("fonella.public-url");
            return StringUtils.hasText(value) ? value.strip() : null;
        } catch (IllegalArgumentException unresolvable) {
            return "(an unresolvable placeholder)";
        }
    }

    private static boolean isLoopbackUrl(String url) {
        try {
            return ApiRules.isLoopback(new URI(url).getHost());
        } catch (URISyntaxException e) {
            return false;
        }
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
