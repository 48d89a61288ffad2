package ai.fonella.test.support;

import ai.fonella.support.FonellaJson;
import ai.fonella.test.FonellaEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;

/** Sends raw HTTP requests to an emulator, bypassing the client and its validation. */
public final class RawHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final FonellaEmulator emulator;
    private final String token;

    private RawHttp(FonellaEmulator emulator, String token) {
        this.emulator = emulator;
        this.token = token;
    }

    /** Requests authenticated with the emulator's default key. */
    public static RawHttp with(FonellaEmulator emulator) {
        return new RawHttp(emulator, emulator.apiKey());
    }

    /** Requests authenticated with another key, or none for {@code null}. */
    public static RawHttp with(FonellaEmulator emulator, String token) {
        return new RawHttp(emulator, token);
    }

    /** Sends a request; {@code body} is sent as JSON text when not {@code null}. */
    public Response send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("X-Request-Id").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("Allow").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code GET path}. */
    public Response get(String path) {
        return send("GET", path, null);
    }

    /** {@code POST path} with a JSON body. */
    public Response post(String path, String body) {
        return send("POST", path, body);
    }

    /** {@code PATCH path} with a JSON body. */
    public Response patch(String path, String body) {
        return send("PATCH", path, body);
    }

    /**
     * A raw answer.
     *
     * @param status the status
     * @param body the body text
     * @param requestId the {@code X-Request-Id} header
     * @param contentType the {@code Content-Type} header
     * @param allow the {@code Allow} header
     */
    public record Response(int status, String body, String requestId, String contentType, String allow) {

        /** The body parsed as JSON. */
        public JsonNode json() {
            return FonellaJson.mapper().readTree(body);
        }

        /** {@code error.code} of an error body. */
        public String errorCode() {
            return json().path("error").path("code").asString();
        }

        /** {@code error.message} of an error body. */
        public String errorMessage() {
            return json().path("error").path("message").asString();
        }
    }
}
