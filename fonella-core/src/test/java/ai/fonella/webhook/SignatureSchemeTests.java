package ai.fonella.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignatureSchemeTests {

    @ParameterizedTest
    @ValueSource(strings = {"fonella", "FONELLA", " Fonella "})
    void readsTheFonellaSchemeFromConfiguration(String name) {
        assertThat(SignatureScheme.fromName(name)).isEqualTo(SignatureScheme.FONELLA);
    }

    @ParameterizedTest
    @ValueSource(strings = {"standard-webhooks", "STANDARD_WEBHOOKS", "Standard-Webhooks"})
    void readsTheStandardWebhooksPresetFromConfiguration(String name) {
        assertThat(SignatureScheme.fromName(name)).isEqualTo(SignatureScheme.STANDARD_WEBHOOKS);
    }

    @Test
    void namesTheAcceptedValuesForAnUnknownScheme() {
        assertThatThrownBy(() -> SignatureScheme.fromName("stripe"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown signature scheme 'stripe'; use 'fonella' (the default) or 'standard-webhooks'.");
        assertThatThrownBy(() -> SignatureScheme.fromName(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysTheFonellaSchemeWithTheSecretsUtf8BytesAndStandardWebhooksWithTheDecodedPart() {
        assertThat(SignatureScheme.FONELLA.keyBytes("whsec_AQID")).containsExactly('w', 'h', 's', 'e', 'c', '_', 'A',
                'Q', 'I', 'D');
        assertThat(SignatureScheme.FONELLA.keyBytes("ü")).containsExactly(0xc3, 0xbc);
        assertThat(SignatureScheme.STANDARD_WEBHOOKS.keyBytes("whsec_AQID")).containsExactly(1, 2, 3);
        assertThat(SignatureScheme.STANDARD_WEBHOOKS.keyBytes("AQID")).containsExactly(1, 2, 3);
    }
}
