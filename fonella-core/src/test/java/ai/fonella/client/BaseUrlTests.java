package ai.fonella.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the base URL is read, and what a wrong one is told. */
class BaseUrlTests {

    private static final String KEY = "fon_live_unit0000000000000000000000";

    @ParameterizedTest
    @CsvSource({
            "https://api.example.test, https://api.example.test/",
            "https://api.example.test/, https://api.example.test/",
            "https://api.example.test/v1, https://api.example.test/",
            "https://api.example.test/v1/, https://api.example.test/",
            "https://gateway.example.test/fonella/v1, https://gateway.example.test/fonella/",
            "https://api.example.test/v10, https://api.example.test/v10/"})
    void takesTheBaseUrlWithOrWithoutTheApiVersion(String given, String used) {
        assertThat(FonellaClient.builder().apiKey(KEY).baseUrl(given).build().baseUri()).hasToString(used);
    }

    @Test
    void saysThatALocalEmulatorServesPlainHttp() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        FonellaClient client = FonellaClient.builder().apiKey(KEY).baseUrl("https://127.0.0.1:" + closed)
                .retryPolicy(RetryPolicy.NONE).build();

        assertThatThrownBy(() -> client.tools().list()).isInstanceOf(FonellaIoException.class)
                .hasMessageContaining("A Fonella emulator on this machine serves plain http://, not https://.");
    }
}
