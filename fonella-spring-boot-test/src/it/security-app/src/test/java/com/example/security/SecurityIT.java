package com.example.security;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.model.EventType;
import ai.fonella.spring.boot.test.AutoConfigureFonellaEmulator;
import ai.fonella.spring.boot.test.FonellaTestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The README's Spring Security chain under {@code spring.mvc.servlet.path=/api}, with Boot's security
 * auto-configuration: Fonella's tool calls and deliveries get through over real HTTP, the rest of the
 * app stays secured, and the endpoint check has nothing to warn of.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureFonellaEmulator
@ExtendWith(OutputCaptureExtension.class)
class SecurityIT {

    @Autowired
    FonellaTestClient fonella;

    @Autowired
    SecurityApp.EchoBeans echo;

    @LocalServerPort
    int port;

    @Test
    void theReadmesChainLetsFonellaThroughUnderAServletPathAndGuardsTheRest(CapturedOutput output)
            throws Exception {
        assertThat(fonella.invokeTool("echo", "{\"text\":\"hi\"}").result()).isEqualTo("hi");
        assertThat(fonella.sendEvent(EventType.CALL_ENDED, Map.of("call", Map.of("id", "call-secured"))).status())
                .isEqualTo(200);
        assertThat(echo.endedCalls).containsExactly("call-secured");

        HttpResponse<String> other = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/orders")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(401);
        assertThat(output.getOut()).doesNotContain("Fonella's calls cannot reach this app");
    }
}
