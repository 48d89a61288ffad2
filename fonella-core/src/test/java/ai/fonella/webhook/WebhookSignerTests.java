package ai.fonella.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignerTests {

    private static final byte[] BODY = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsTheFonellaSchemeAsLowercaseHexWithTheWholeSecondsOfTheTimestamp() {
        WebhookSigner signer = WebhookSigner.of(SignatureScheme.FONELLA, "whsec_plgxQf7yXoJ3nC2wZ9T4sEkU1mVbR6aH");

        Map<String, String> headers = signer.sign("evt_1", Instant.ofEpochSecond(1_700_000_000L, 750_000_000), BODY);

        assertThat(headers).containsOnlyKeys("X-Fonella-Signature");
        assertThat(headers.get("X-Fonella-Signature")).matches("t=1700000000,v1=[0-9a-f]{64}");
    }

    @Test
    void ignoresTheMessageIdUnderTheFonellaScheme() {
        WebhookSigner signer = WebhookSigner.of(SignatureScheme.FONELLA, "secret");

        assertThat(signer.signature("evt_1", 1_700_000_000L, BODY)).isEqualTo(signer.signature(null, 1_700_000_000L, BODY));
    }

    @Test
    void requiresAMessageIdUnderStandardWebhooks() {
        WebhookSigner signer = WebhookSigner.of(SignatureScheme.STANDARD_WEBHOOKS, WebhookSigner.generateSecret());

        assertThatThrownBy(() -> signer.sign(null, Instant.now(), BODY))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("messageId");
    }

    @Test
    void generatesSecretsOfThirtyTwoRandomBytesUsableUnderBothSchemes() {
        String first = WebhookSigner.generateSecret();
        String second = WebhookSigner.generateSecret();

        assertThat(first).startsWith("whsec_").isNotEqualTo(second);
        assertThat(Base64.getDecoder().decode(first.substring("whsec_".length()))).hasSize(32);
        for (SignatureScheme scheme : SignatureScheme.values()) {
            assertThat(WebhookSigner.of(scheme, first).scheme()).isEqualTo(scheme);
        }
    }

    @Test
    void refusesBlankSecretsAndNonBase64StandardSecrets() {
        assertThatThrownBy(() -> WebhookSigner.of(SignatureScheme.FONELLA, " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSigner.of(SignatureScheme.FONELLA, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSigner.of(SignatureScheme.STANDARD_WEBHOOKS, "whsec_%%%"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSigner.of(SignatureScheme.STANDARD_WEBHOOKS, "whsec_"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverShowsTheSecretInToString() {
        String secret = WebhookSigner.generateSecret();

        assertThat(WebhookSigner.of(SignatureScheme.FONELLA, secret).toString())
                .doesNotContain(secret).contains("****");
    }
}
