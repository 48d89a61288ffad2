package ai.fonella.spring.boot.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

import ai.fonella.event.EventDispatcher;
import ai.fonella.event.FonellaEvent;
import ai.fonella.spring.boot.registry.FonellaHandlerRegistry;
import ai.fonella.webhook.SignatureScheme;
import ai.fonella.webhook.WebhookSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * Issue 8, items 2 and 4, over real HTTP: the replay window measured against a fixed clock, and the
 * signature verified before anything parses the body.
 */
@SpringBootTest(classes = FixedClockApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "fonella.webhooks.secrets[0]=" + FixedClockApp.SECRET)
class ReplayAndParseOrderIT {

    private static final long NOW = FixedClockApp.NOW.getEpochSecond();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @Autowired
    ProbeHandlers handlers;

    /** The registry the webhook endpoint gets its dispatcher from, the only way it reaches the parser. */
    @MockitoSpyBean
    FonellaHandlerRegistry registry;

    private EventDispatcher dispatcher;

    @BeforeEach
    void spyOnTheDispatcher() {
        dispatcher = spy(registry.dispatcher());
        doReturn(dispatcher).when(registry).dispatcher();
        clearInvocations(registry, dispatcher);
    }

    // ---- item 2 -------------------------------------------------------------------------------

    @ParameterizedTest(name = "signed {0} s from now")
    @ValueSource(longs = {-301, 301, -302, 302, -3600, 86_400})
    void rejectsACorrectSignatureOutsideTheReplayWindow(long offset) throws Exception {
        String id = "evt_" + UUID.randomUUID();
        byte[] body = event(id);

        HttpResponse<String> response = post(body, sign(body, NOW + offset));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("TIMESTAMP_OUT_OF_TOLERANCE");
        assertThat(handlers.endedRuns).doesNotContainKey(id);
    }

    @ParameterizedTest(name = "signed {0} s from now")
    @ValueSource(longs = {-299, 299, -300, 300, 0})
    void acceptsACorrectSignatureInsideTheReplayWindowBoundaryIncluded(long offset) throws Exception {
        String id = "evt_" + UUID.randomUUID();
        byte[] body = event(id);

        HttpResponse<String> response = post(body, sign(body, NOW + offset));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(handlers.endedRuns.get(id)).hasValue(1);
    }

    // ---- item 4 -------------------------------------------------------------------------------

    @Test
    void answersAnInvalidSignatureOnInvalidJsonWith401WithoutParsing() throws Exception {
        byte[] notJson = "{\"id\": \"evt_1\", \"type\": [[[ not json".getBytes(StandardCharsets.UTF_8);
        byte[] deeplyNested = ("[".repeat(10_000) + "]".repeat(10_000)).getBytes(StandardCharsets.UTF_8);
        String otherSecret = WebhookSigner.generateSecret();
        for (byte[] body : new byte[][] {notJson, deeplyNested}) {
            for (Map<String, String> headers : java.util.List.of(
                    Map.of("X-Fonella-Signature", "t=" + NOW + ",v1=" + "0".repeat(64)),
                    WebhookSigner.of(SignatureScheme.FONELLA, otherSecret).sign("x", FixedClockApp.NOW, body),
                    sign(body, NOW - 3600),
                    Map.<String, String>of())) {
                HttpResponse<String> response = post(body, headers);

                assertThat(response.statusCode()).isEqualTo(401);
                assertThat(response.body()).contains("Invalid webhook signature");
            }
        }
        verify(registry, never()).dispatcher();
        verify(dispatcher, never()).dispatch(any(byte[].class));
        verify(dispatcher, never()).dispatch(any(FonellaEvent.class));
    }

    @Test
    void parsesOnlyOnceTheSignatureIsValidSoValidlySignedInvalidJsonIsA400() throws Exception {
        byte[] notJson = "{\"id\": \"evt_1\", \"type\": [[[ not json".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = post(notJson, sign(notJson, NOW));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Malformed event");
        verify(dispatcher).dispatch(notJson);
    }

    private static byte[] event(String id) {
        return ("{\"id\":\"" + id + "\",\"type\":\"call.ended\",\"data\":{\"call\":{\"id\":\"c-1\"}}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> sign(byte[] body, long timestamp) {
        return WebhookSigner.of(SignatureScheme.FONELLA, FixedClockApp.SECRET)
                .sign("unused", Instant.ofEpochSecond(timestamp), body);
    }

    private HttpResponse<String> post(byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/fonella/webhooks"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
