package ai.fonella.spring.boot.it.more;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.spring.boot.registry.FonellaHandlerRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Without handlers of a kind, the starter does not expose that endpoint at all. */
@SpringBootTest(classes = MoreApps.EmptyApp.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class EndpointsAbsentIT {

    @LocalServerPort
    int port;

    @Autowired
    FonellaHandlerRegistry registry;

    @Test
    void exposesNeitherToolsNorWebhooksWithoutHandlers() throws Exception {
        assertThat(registry.hasTools()).isFalse();
        assertThat(registry.hasEventHandlers()).isFalse();
        for (String path : new String[] {"/fonella/tools/echo", "/fonella/webhooks"}) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + path)).header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).doesNotContain("fonella.ai/problems");
        }
    }
}
