package ai.fonella.spring.boot.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code application/problem+json} answers (RFC 9457) of the Fonella endpoints, written straight to
 * the servlet response. Details never contain a secret, an expected signature, a stack trace or the
 * name of a library class.
 */
final class Problems {

    private static final ObjectWriter WRITER = JsonMapper.builder().build().writer();

    private Problems() {
    }

    /** An answer, written once the request's observation knows its outcome. */
    @FunctionalInterface
    interface Reply {
        /**
         * Writes the answer.
         *
         * @param response the response, not yet committed
         * @throws IOException when it cannot be written
         */
        void send(HttpServletResponse response) throws IOException;
    }

    /**
     * A problem.
     *
     * @param status the status
     * @param title a short, fixed summary of the problem type
     * @param detail what is wrong with this request, in words a caller can act on
     * @param properties extra members, e.g. {@code reason}
     * @return the answer
     */
    static Reply problem(HttpStatus status, String title, String detail, Map<String, ?> properties) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://fonella.ai/problems/" + slug(title));
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        body.putAll(properties);
        return json(status.value(), MediaType.APPLICATION_PROBLEM_JSON_VALUE, WRITER.writeValueAsBytes(body));
    }

    static Reply problem(HttpStatus status, String title, String detail) {
        return problem(status, title, detail, Map.of());
    }

    /** {@code 405} with the {@code Allow} header. */
    static Reply methodNotAllowed(String allowed, String detail) {
        Reply problem = problem(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed", detail);
        return response -> {
            response.setHeader(HttpHeaders.ALLOW, allowed);
            problem.send(response);
        };
    }

    /** {@code 413}: the body is larger than {@code fonella.max-body-size}. */
    static Reply tooLarge(long maxBytes) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
                "The body exceeds the limit of " + maxBytes + " bytes (fonella.max-body-size).", Map.of());
    }

    /** {@code 408}: the body did not arrive within {@code fonella.body-read-timeout}. */
    static Reply tooSlow(Duration timeout) {
        return problem(HttpStatus.REQUEST_TIMEOUT, "Request body too slow", "The body did not arrive within "
                + timeout.toMillis() + " ms (fonella.body-read-timeout).", Map.of());
    }

    /** {@code 400}: the connection failed while the body was read. */
    static Reply unreadable() {
        return problem(HttpStatus.BAD_REQUEST, "Unreadable request body", "The request body could not be "
                + "read.", Map.of());
    }

    /** {@code application/json}: a body written by the same writer as the problems. */
    static Reply json(int status, Object body) {
        return json(status, MediaType.APPLICATION_JSON_VALUE, WRITER.writeValueAsBytes(body));
    }

    /** A complete answer with its length. */
    static Reply json(int status, String contentType, byte[] body) {
        return response -> {
            response.setStatus(status);
            response.setContentType(contentType);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        };
    }

    private static String slug(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
