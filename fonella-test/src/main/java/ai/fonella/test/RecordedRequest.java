package ai.fonella.test;

import java.time.Instant;
import java.util.Objects;

/**
 * One request to the emulated API ({@code /v1/...}) as the emulator answered it, including those
 * answered by an injected fault. Requests to the admin endpoints are not recorded.
 *
 * @param requestId the {@code X-Request-Id} the emulator answered with
 * @param method the HTTP method, upper case
 * @param path the raw path, e.g. {@code /v1/calls}
 * @param query the raw query string without {@code ?}, or {@code null}
 * @param status the status the emulator answered
 * @param apiKeyPrefix the first 16 characters of the Bearer token sent, or {@code null} without one
 * @param body the request body as text, or {@code null} when empty
 * @param timestamp when the request was answered, by the emulator's clock
 */
public record RecordedRequest(
        String requestId,
        String method,
        String path,
        String query,
        int status,
        String apiKeyPrefix,
        String body,
        Instant timestamp) {

    /**
     * The path with its query, as the client sent it.
     *
     * @return e.g. {@code /v1/calls?limit=10}
     */
    public String pathAndQuery() {
        return query == null ? path : path + "?" + query;
    }

    /**
     * Whether this request had the given method and path (the query is ignored).
     *
     * @param method e.g. {@code GET}, case-insensitive
     * @param path e.g. {@code /v1/calls}
     * @return whether both match
     */
    public boolean is(String method, String path) {
        return this.method.equalsIgnoreCase(method) && Objects.equals(this.path, path);
    }

    /** Shows the method, path, status and request id; the body may hold header secrets and is left out. */
    @Override
    public String toString() {
        return method + " " + pathAndQuery() + " -> " + status + " (" + requestId + ")";
    }
}
