package ai.fonella.test;

import ai.fonella.InvalidRequestException;
import java.util.Map;

/**
 * An error answer of the emulated API, thrown by handlers and turned into the error body of the
 * wire contract: {@code {"success": false, "error": {"code": "...", "message": "..."}}}.
 */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient Map<String, String> headers;

    ApiError(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    ApiError(int status, String code, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Map<String, String> headers() {
        return headers;
    }

    static ApiError unauthorized(String message) {
        return new ApiError(401, "unauthorized", message);
    }

    static ApiError forbidden(String message) {
        return new ApiError(403, "forbidden", message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message);
    }

    static ApiError invalidJson(String message) {
        return new ApiError(400, "invalid_json", message);
    }

    /** A request the emulator cannot read as the operation's input: 400 {@code validation_error}. */
    static ApiError badRequest(String message) {
        return new ApiError(400, "validation_error", message);
    }

    static ApiError limitExceeded(String message) {
        return new ApiError(409, "limit_exceeded", message);
    }

    static ApiError methodNotAllowed(String method, String path, String allowed) {
        return new ApiError(405, "method_not_allowed", method + " is not allowed on " + path + "; use " + allowed
                + ".", Map.of("Allow", allowed));
    }

    /**
     * Runs a rule of {@code ai.fonella.model.ApiRules} and turns its rejection into a 422
     * {@code validation_error} (a well-formed request that breaks a documented rule) with the rule's
     * own message, so the client and the emulator say the same thing.
     */
    static void rule(Runnable check) {
        rule(422, check);
    }

    /** Like {@link #rule(Runnable)}, answering {@code status} (400 for query parameters). */
    static void rule(int status, Runnable check) {
        try {
            check.run();
        } catch (InvalidRequestException e) {
            throw new ApiError(status, "validation_error", e.getMessage());
        }
    }
}
