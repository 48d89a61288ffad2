package ai.fonella.spring.boot.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.spring.boot.registry.FonellaSecrets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 8, item 7: a tool invocation without the tool secret, or with anything but exactly the
 * secret, is a 401 problem (and the tool does not run); the header name matches in any letter case.
 * Raw sockets, so that header names and values go out exactly as written.
 */
@ReliabilityAppTest
class ToolSecretIT {

    @LocalServerPort
    int port;

    @Autowired
    FonellaSecrets secrets;

    @Test
    void refusesAMissingOrWrongToolSecretWith401() throws Exception {
        String secret = secrets.toolSecret().orElseThrow();
        Map<String, Map<String, String>> attempts = new LinkedHashMap<>();
        attempts.put("no header", Map.of());
        attempts.put("empty value", Map.of("X-Fonella-Tool-Secret", ""));
        attempts.put("a guess", Map.of("X-Fonella-Tool-Secret", "guess"));
        attempts.put("one character short", Map.of("X-Fonella-Tool-Secret", secret.substring(0, secret.length() - 1)));
        attempts.put("one character more", Map.of("X-Fonella-Tool-Secret", secret + "x"));
        attempts.put("last character changed", Map.of("X-Fonella-Tool-Secret",
                secret.substring(0, secret.length() - 1) + (secret.endsWith("a") ? "b" : "a")));
        attempts.put("upper case", Map.of("X-Fonella-Tool-Secret", secret.toUpperCase()));
        attempts.put("in quotes", Map.of("X-Fonella-Tool-Secret", "\"" + secret + "\""));
        attempts.put("as a bearer token", Map.of("Authorization", "Bearer " + secret));
        attempts.put("under another header", Map.of("X-Fonella-Secret", secret));
        attempts.put("in the query", Map.of());
        for (Map.Entry<String, Map<String, String>> attempt : attempts.entrySet()) {
            String path = attempt.getKey().equals("in the query") ? "/fonella/tools/echo?X-Fonella-Tool-Secret="
                    + secret : "/fonella/tools/echo";
            RawHttp.Response response = call(path, attempt.getValue());

            assertThat(response.status()).as(attempt.getKey()).isEqualTo(401);
            assertThat(response.header("Content-Type")).as(attempt.getKey()).startsWith("application/problem+json");
            assertThat(response.body()).as(attempt.getKey()).contains("Missing or wrong tool secret")
                    .doesNotContain(secret).doesNotContain("\"result\"");
        }
    }

    @Test
    void refusesEveryToolAndMethodAlikeWithoutTheSecret() throws Exception {
        for (String tool : List.of("echo", "slow", "book", "noSuchTool")) {
            assertThat(call("/fonella/tools/" + tool, Map.of()).status()).as(tool).isEqualTo(401);
        }
        try (RawHttp http = new RawHttp(port)) {
            http.head("GET", "/fonella/tools/near?radius=1", Map.of());
            assertThat(http.read(Duration.ofSeconds(10)).status()).isEqualTo(401);
        }
    }

    @Test
    void matchesTheHeaderNameInAnyLetterCase() throws Exception {
        String secret = secrets.toolSecret().orElseThrow();
        for (String name : List.of("X-Fonella-Tool-Secret", "x-fonella-tool-secret", "X-FONELLA-TOOL-SECRET",
                "x-FoNeLlA-tOoL-sEcReT")) {
            RawHttp.Response response = call("/fonella/tools/echo", Map.of(name, secret));

            assertThat(response.status()).as(name).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"result\":\"hi\"}");
        }
    }

    private RawHttp.Response call(String path, Map<String, String> headers) throws Exception {
        byte[] body = "{\"text\":\"hi\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        all.put("Content-Length", Integer.toString(body.length));
        try (RawHttp http = new RawHttp(port)) {
            http.head("POST", path, all).send(body);
            return http.read(Duration.ofSeconds(10));
        }
    }
}
