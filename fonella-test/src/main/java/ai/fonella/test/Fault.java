package ai.fonella.test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An injected answer for the next API requests, built fluently and handed to
 * {@link Faults#inject(Fault)}. Immutable: each method returns a changed copy.
 *
 * <pre>{@code
 * emulator.faults().inject(Fault.status(503).times(2).on("GET", "/v1/calls").retryAfter(Duration.ofSeconds(1)));
 * emulator.faults().inject(Fault.status(502).body("text/html", "<html><body>Bad Gateway</body></html>"));
 * }</pre>
 *
 * <p>Without {@link #body(String, String)} the answer carries the emulator's JSON error body with a
 * code for the status ({@code internal_error}, {@code bad_gateway}, {@code service_unavailable},
 * {@code gateway_timeout}, {@code rate_limited}, ...).
 */
public final class Fault {

    private final int status;
    private final int times;
    private final String method;
    private final String path;
    private final Duration retryAfter;
    private final String contentType;
    private final String body;

    private Fault(int status, int times, String method, String path, Duration retryAfter, String contentType,
            String body) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status between 100 and 599, but was " + status);
        }
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, but was " + times);
        }
        this.status = status;
        this.times = times;
        this.method = method;
        this.path = path;
        this.retryAfter = retryAfter;
        this.contentType = contentType;
        this.body = body;
    }

    /**
     * A fault answering the next API request, whatever it is, with a status.
     *
     * @param status the HTTP status, e.g. 503
     * @return the fault
     */
    public static Fault status(int status) {
        return new Fault(status, 1, null, null, null, null, null);
    }

    /**
     * How many matching requests get this answer.
     *
     * @param times at least 1
     * @return a changed copy
     */
    public Fault times(int times) {
        return new Fault(status, times, method, path, retryAfter, contentType, body);
    }

    /**
     * Only requests with this method and path match; the path matches itself and everything below
     * it ({@code /v1/tools} matches {@code /v1/tools/abc}). The query is ignored.
     *
     * @param method e.g. {@code GET}, or {@code null} for any
     * @param path e.g. {@code /v1/calls}, or {@code null} for any
     * @return a changed copy
     */
    public Fault on(String method, String path) {
        return new Fault(status, times, method == null ? null : method.toUpperCase(Locale.ROOT), path, retryAfter,
                contentType, body);
    }

    /**
     * Sends {@code Retry-After} in whole seconds with the answer.
     *
     * @param retryAfter the wait to ask for
     * @return a changed copy
     */
    public Fault retryAfter(Duration retryAfter) {
        return new Fault(status, times, method, path, Objects.requireNonNull(retryAfter, "retryAfter"), contentType,
                body);
    }

    /**
     * Answers with this exact body instead of the JSON error body: an HTML page, malformed JSON, or
     * nothing at all.
     *
     * @param contentType the {@code Content-Type}, or {@code null} to send none
     * @param body the body; {@code ""} for an empty body
     * @return a changed copy
     */
    public Fault body(String contentType, String body) {
        return new Fault(status, times, method, path, retryAfter, contentType, Objects.requireNonNull(body, "body"));
    }

    /**
     * @return the HTTP status answered
     */
    public int status() {
        return status;
    }

    /**
     * @return how many matching requests get this answer
     */
    public int times() {
        return times;
    }

    boolean matches(String requestMethod, String requestPath) {
        boolean methodMatches = method == null || method.equals(requestMethod);
        boolean pathMatches = path == null || requestPath.equals(path) || requestPath.startsWith(
                path.endsWith("/") ? path : path + "/");
        return methodMatches && pathMatches;
    }

    ApiResponse response() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (retryAfter != null) {
            headers.put("Retry-After", Long.toString(retryAfter.toSeconds()));
        }
        if (body != null) {
            return ApiResponse.raw(status, contentType, body, headers);
        }
        return ApiResponse.error(status, code(status), "Injected fault: the emulator was told to answer " + status
                + ".", headers);
    }

    private static String code(int status) {
        return switch (status) {
            case 400 -> "validation_error";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 409 -> "limit_exceeded";
            case 429 -> "rate_limited";
            case 502 -> "bad_gateway";
            case 503 -> "service_unavailable";
            case 504 -> "gateway_timeout";
            default -> status >= 500 ? "internal_error" : "injected_fault";
        };
    }

    @Override
    public String toString() {
        return "Fault[status=" + status + ", times=" + times + ", on=" + (method == null ? "*" : method) + " "
                + (path == null ? "*" : path) + (retryAfter == null ? "" : ", retryAfter=" + retryAfter)
                + (body == null ? "" : ", body of " + body.length() + " chars") + "]";
    }
}
