package ai.fonella.spring.boot.it.more;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.model.EventType;
import ai.fonella.spring.boot.test.FonellaTestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** With Spring Security, the README's configuration lets Fonella in and keeps everything else locked. */
@SpringBootTest(classes = MoreApps.SecuredApp.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "fonella.webhooks.secrets=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "fonella.tools.secret=secured-secret"})
class SpringSecurityIT {

    @Autowired
    ApplicationContext context;

    @LocalServerPort
    int port;

    @Test
    void permitsSignedWebhooksAndToolCallsWithoutCsrfTokens() {
        FonellaTestClient fonella = new FonellaTestClient(context);

        assertThat(fonella.invokeTool("echo", "{\"text\":\"hi\"}").result()).isEqualTo("hi");
        assertThat(fonella.sendEvent(EventType.CALL_ENDED, Map.of("call", Map.of("id", "c-sec"))).status())
                .isEqualTo(200);
    }

    @Test
    void stillRejectsToolCallsWithoutTheSecret() throws Exception {
        assertThat(post("/fonella/tools/echo").statusCode()).isEqualTo(401);
    }

    @Test
    void keepsTheRestOfTheAppSecured() throws Exception {
        assertThat(post("/anything-else").statusCode()).isIn(401, 403);
    }

    private HttpResponse<String> post(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
