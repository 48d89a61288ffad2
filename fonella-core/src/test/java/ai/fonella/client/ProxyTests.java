package ai.fonella.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.fonella.support.ProxyRules;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link FonellaClient.Builder#proxy} and {@link FonellaClient.Builder#proxyCredentials}: the proxy
 * gets the credentials and the API key; a server reached directly never sees the credentials.
 */
class ProxyTests {

    private static final String KEY = "fon_live_unit0000000000000000000000";

    /** Request line and headers of each request a server received. */
    private final List<Map<String, List<String>>> received = new CopyOnWriteArrayList<>();
    private final List<String> targets = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private volatile int status = 200;

    @BeforeEach
    void startServer() throws IOException {
        // answers as the API would, whether it is reached directly or as a proxy (absolute-form target)
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            received.add(Map.copyOf(exchange.getRequestHeaders()));
            targets.add(exchange.getRequestURI().toString());
            byte[] body = "{\"success\":true,\"tools\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (status == 407) {
                exchange.getResponseHeaders().add("Proxy-Authenticate", "Basic realm=\"corp\"");
            }
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String local() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void sendsTheApiKeyAndTheProxyCredentialsToTheProxy() {
        FonellaClient client = FonellaClient.builder().apiKey(KEY).baseUrl("http://127.0.0.1:9")
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", server.getAddress().getPort())))
                .proxyCredentials("builder", "pässword")
                .build();

        assertThat(client.tools().list()).isEmpty();

        assertThat(targets).containsExactly("http://127.0.0.1:9/v1/tools");
        assertThat(received.get(0)).containsEntry("Authorization", List.of("Bearer " + KEY))
                .containsEntry("Proxy-authorization", List.of("Basic YnVpbGRlcjpww6Rzc3dvcmQ="));
    }

    @Test
    void neverSendsProxyCredentialsToAServerReachedDirectly() {
        FonellaClient client = FonellaClient.builder().apiKey(KEY).baseUrl(local())
                .proxy(java.net.http.HttpClient.Builder.NO_PROXY).proxyCredentials("builder", "secret").build();

        assertThat(client.tools().list()).isEmpty();

        assertThat(received).singleElement().satisfies(headers -> {
            assertThat(headers).containsEntry("Authorization", List.of("Bearer " + KEY));
            assertThat(headers.keySet()).noneMatch(name -> name.toLowerCase().startsWith("proxy-"));
        });
    }

    @Test
    void refusesCredentialsThatCannotTravelInABasicHeader() {
        assertThatThrownBy(() -> FonellaClient.builder().proxyCredentials("a:b", "c"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no ':'");
        assertThatThrownBy(() -> FonellaClient.builder().proxyCredentials("a", "c\r\nX: y"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control characters");
    }

    @Test
    void explainsARefusalByTheProxyByWhatWasConfigured() {
        status = 407;
        ProxySelector proxy = ProxySelector.of(new InetSocketAddress("127.0.0.1", server.getAddress().getPort()));
        FonellaClient withoutCredentials = FonellaClient.builder().apiKey(KEY).baseUrl("http://127.0.0.1:9")
                .proxy(proxy).build();
        FonellaClient withCredentials = FonellaClient.builder().apiKey(KEY).baseUrl("http://127.0.0.1:9")
                .proxy(proxy).proxyCredentials("builder", "wrong").build();

        assertThatThrownBy(() -> withoutCredentials.tools().list())
                .isInstanceOfSatisfying(FonellaApiException.class, e -> assertThat(e.statusCode()).isEqualTo(407))
                .hasMessageContaining("A proxy between this application and Fonella wants credentials")
                .hasMessageContaining("FonellaClientBuilderCustomizer");
        assertThatThrownBy(() -> withCredentials.tools().list())
                .hasMessageContaining("The proxy refused the credentials")
                .hasMessageNotContaining("wrong");
    }

    @Test
    void knowsWhenTheJdkWithholdsBasicCredentialsFromTunnels() {
        assertThat(ProxyRules.basicTunnelingDisabled((String) null)).as("the JDK's default").isTrue();
        assertThat(ProxyRules.basicTunnelingDisabled("")).isFalse();
        assertThat(ProxyRules.basicTunnelingDisabled("Digest, basic")).isTrue();
        assertThat(ProxyRules.basicTunnelingDisabled("Digest")).isFalse();
        assertThat(ProxyRules.ENABLE_BASIC_TUNNELING).isEqualTo("-Djdk.http.auth.tunneling.disabledSchemes=");
    }
}
