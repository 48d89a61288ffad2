package ai.fonella.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.fonella.InvalidRequestException;
import org.junit.jupiter.api.Test;

class ToolSecretsTests {

    private static final ToolEndpoint SHOP = ToolEndpoint.of("https://shop.example.com", null);

    @Test
    void derivesTheSameSecretForTheSameKeyAndEndpoint() {
        // printf '%s' 'fonella-tool-secret:https://shop.example.com/fonella/tools/' \
        //   | openssl dgst -sha256 -hmac 'fon_live_test_key' -binary | basenc --base64url | tr -d '='
        assertThat(ToolSecrets.derive("fon_live_test_key", SHOP))
                .isEqualTo(ToolSecrets.derive("fon_live_test_key", ToolEndpoint.of("https://shop.example.com/", "x")))
                .isEqualTo("x6MPGvBJmtTFd_L7SCOGcGFZ1Oh1ZFvTJ3iiS-zMy2U");
    }

    @Test
    void derivesDifferentSecretsForOtherKeysOrEndpoints() {
        String secret = ToolSecrets.derive("fon_live_test_key", SHOP);

        assertThat(ToolSecrets.derive("fon_live_other_key", SHOP)).isNotEqualTo(secret);
        assertThat(ToolSecrets.derive("fon_live_test_key", ToolEndpoint.of("https://crm.example.com", null)))
                .isNotEqualTo(secret);
    }

    @Test
    void refusesToDeriveWithoutAKey() {
        assertThatThrownBy(() -> ToolSecrets.derive(" ", SHOP))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("fonella.tools.secret");
    }

    @Test
    void randomSecretsAreLongAndDistinct() {
        assertThat(ToolSecrets.random()).hasSize(43).isNotEqualTo(ToolSecrets.random());
    }
}
