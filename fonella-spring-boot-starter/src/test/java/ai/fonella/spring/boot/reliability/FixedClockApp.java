package ai.fonella.spring.boot.reliability;

import ai.fonella.spring.boot.autoconfigure.FonellaProperties;
import ai.fonella.spring.boot.registry.FonellaSecrets;
import ai.fonella.webhook.WebhookVerifier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The probe app with its own {@link WebhookVerifier} bean, exactly as the auto-configuration builds
 * it (scheme, tolerance and secrets from the configuration) but reading a fixed clock: the
 * auto-configured verifier backs off, so the starter's endpoint checks timestamps against
 * {@link #NOW}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ProbeHandlers.class)
public class FixedClockApp {

    /** The app's "now". */
    public static final Instant NOW = Instant.parse("2026-11-24T10:15:30Z");

    /** The signing secret the app is configured with. */
    public static final String SECRET = "whsec_fixedClockSecretForReplayTests0000000=";

    @Bean
    WebhookVerifier fixedClockWebhookVerifier(FonellaProperties properties, FonellaSecrets secrets) {
        return WebhookVerifier.builder()
                .scheme(properties.getWebhooks().getSignatureScheme())
                .tolerance(properties.getWebhooks().getTolerance())
                .secrets(secrets::webhookSecrets)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
    }
}
