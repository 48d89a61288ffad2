package ai.fonella.spring.boot.test;

import ai.fonella.model.EventType;
import ai.fonella.model.ToolMethod;
import ai.fonella.spring.boot.autoconfigure.FonellaProperties;
import ai.fonella.spring.boot.autoconfigure.FonellaStartupSync;
import ai.fonella.spring.boot.registry.FonellaHandlerRegistry;
import ai.fonella.spring.boot.registry.FonellaSecrets;
import ai.fonella.spring.boot.registry.FonellaToolRegistration;
import ai.fonella.support.FonellaJson;
import ai.fonella.sync.ToolEndpoint;
import ai.fonella.tool.ToolArguments;
import ai.fonella.webhook.WebhookSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;

/**
 * Sends correctly signed webhook deliveries and correctly authenticated tool calls to the app under
 * test, over real HTTP (with {@code webEnvironment = RANDOM_PORT}) or as MockMvc requests. It uses
 * the app's own configuration: the first webhook secret it accepts, its signature scheme, its tool
 * secret and header, its base path.
 *
 * <pre>{@code
 * FonellaTestClient.Response response = fonella.sendEvent(EventType.CALL_ENDED,
 *         Map.of("call", Map.of("id", "call-1", "status", "ended")));
 * assertThat(response.status()).isEqualTo(200);
 *
 * mockMvc.perform(fonella.toolRequest("lookupOrder", "{\"orderNumber\":\"A-1\"}"))
 *         .andExpect(jsonPath("$.result").value("Order A-1 has shipped."));
 * }</pre>
 */
public final class FonellaTestClient {

    private final ApplicationContext context;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /**
     * @param context the application under test
     */
    public FonellaTestClient(ApplicationContext context) {
        this.context = context;
    }

    /**
     * A webhook envelope as Fonella sends it, with a fresh event id and the current time.
     *
     * @param type the event type
     * @param data the {@code data} object, e.g. {@code Map.of("call", Map.of("id", "call-1"))}
     * @return the JSON body
     */
    public static String event(EventType type, Map<String, ?> data) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", "evt_" + UUID.randomUUID());
        envelope.put("type", type.wireName());
        envelope.put("createdAt", Instant.now().toString());
        envelope.put("data", data);
        return FonellaJson.mapper().writeValueAsString(envelope);
    }

    /**
     * Sends a signed event over HTTP.
     *
     * @param type the event type
     * @param data the {@code data} object
     * @return the app's answer
     */
    public Response sendEvent(EventType type, Map<String, ?> data) {
        return sendWebhook(event(type, data));
    }

    /**
     * Sends a webhook body over HTTP, signed now with the app's first accepted secret.
     *
     * @param body the exact JSON body
     * @return the app's answer
     */
    public Response sendWebhook(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/webhooks"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        webhookHeaders(bytes).forEach(request::header);
        return send(request.build());
    }

    /**
     * Invokes a tool over HTTP with the tool secret, using the tool's registered method.
     *
     * @param name the tool name
     * @param argumentsJson the arguments as a JSON object
     * @return the app's answer
     */
    public Response invokeTool(String name, String argumentsJson) {
        HttpRequest.Builder request;
        if (method(name) == ToolMethod.GET) {
            request = HttpRequest.newBuilder(URI.create(baseUrl() + "/tools/" + name + query(argumentsJson))).GET();
        } else {
            request = HttpRequest.newBuilder(URI.create(baseUrl() + "/tools/" + name))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(argumentsJson));
        }
        request.header(properties().getTools().getSecretHeader(), toolSecret());
        return send(request.build());
    }

    /**
     * A signed webhook delivery for MockMvc.
     *
     * @param body the exact JSON body
     * @return the request builder
     */
    public MockHttpServletRequestBuilder webhookRequest(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post(basePath() + "/webhooks")
                .contentType(MediaType.APPLICATION_JSON)
                .content(bytes);
        webhookHeaders(bytes).forEach((name, value) -> request.header(name, value));
        return request;
    }

    /**
     * An authenticated tool invocation for MockMvc, using the tool's registered method.
     *
     * @param name the tool name
     * @param argumentsJson the arguments as a JSON object
     * @return the request builder
     */
    public MockHttpServletRequestBuilder toolRequest(String name, String argumentsJson) {
        MockHttpServletRequestBuilder request = method(name) == ToolMethod.GET
                ? MockMvcRequestBuilders.get(basePath() + "/tools/" + name + query(argumentsJson))
                : MockMvcRequestBuilders.post(basePath() + "/tools/" + name)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(argumentsJson);
        return request.header(properties().getTools().getSecretHeader(), toolSecret());
    }

    private Map<String, String> webhookHeaders(byte[] body) {
        List<String> secrets = context.getBean(FonellaSecrets.class).webhookSecrets();
        if (secrets.isEmpty()) {
            throw new IllegalStateException("The app accepts no webhook secret yet: set fonella.webhooks.secrets, or "
                    + "let it register its subscription (fonella.webhooks.register=true with an emulator).");
        }
        WebhookSigner signer = WebhookSigner.of(properties().getWebhooks().getSignatureScheme(), secrets.get(0));
        return signer.sign("msg_" + UUID.randomUUID(), Instant.now(), body);
    }

    private String toolSecret() {
        return context.getBean(FonellaSecrets.class).toolSecret().orElseThrow(() -> new IllegalStateException(
                "The tool secret is not known before the application has started."));
    }

    private ToolMethod method(String name) {
        return context.getBean(FonellaHandlerRegistry.class).tool(name)
                .map(FonellaToolRegistration::definition)
                .map(definition -> definition.httpMethod())
                .orElse(ToolMethod.POST);
    }

    /** The query string Fonella itself would send for these arguments. */
    private static String query(String argumentsJson) {
        String query = ToolArguments.queryString(FonellaJson.mapper().readTree(argumentsJson));
        return query.isEmpty() ? "" : "?" + query;
    }

    private FonellaProperties properties() {
        return context.getBean(FonellaProperties.class);
    }

    private String basePath() {
        return ToolEndpoint.normalizeBasePath(properties().getBasePath());
    }

    private String baseUrl() {
        String app = FonellaStartupSync.loopbackUrl(context.getEnvironment());
        if (app == null) {
            throw new IllegalStateException("No server port: use @SpringBootTest(webEnvironment = RANDOM_PORT) for "
                    + "real HTTP, or the MockMvc variants webhookRequest(...) and toolRequest(...).");
        }
        return app + basePath();
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            HttpHeaders headers = new HttpHeaders();
            response.headers().map().forEach(headers::addAll);
            return new Response(response.statusCode(), headers, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not reach the app under test: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /**
     * The app's answer.
     *
     * @param status the HTTP status
     * @param headers the response headers (for example {@code Retry-After} on a {@code 503})
     * @param body the body
     */
    public record Response(int status, HttpHeaders headers, String body) {

        /**
         * The {@code Content-Type} header.
         *
         * @return the content type, or {@code null}
         */
        public String contentType() {
            return headers.getFirst(HttpHeaders.CONTENT_TYPE);
        }

        /**
         * The {@code result} of a tool answer.
         *
         * @return the result text
         * @throws IllegalStateException if the body has no {@code result}
         */
        public String result() {
            JsonNode node = FonellaJson.mapper().readTree(body);
            JsonNode result = node.get("result");
            if (result == null || !result.isString()) {
                throw new IllegalStateException("No result in answer " + status + ": " + body);
            }
            return result.asString();
        }

        /**
         * The body as JSON.
         *
         * @return the tree
         */
        public JsonNode json() {
            return FonellaJson.mapper().readTree(body);
        }
    }
}
