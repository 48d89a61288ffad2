package ai.fonella.spring.boot.web;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * {@code application/problem+json} answers of the Fonella endpoints. Details never contain a
 * secret, an expected signature or a stack trace.
 */
final class Problems {

    private Problems() {
    }

    static ServerResponse problem(HttpStatus status, String title, String detail, Map<String, Object> properties) {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body(status, title, detail, properties));
    }

    static ProblemDetail body(HttpStatus status, String title, String detail, Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("https://fonella.ai/problems/" + slug(title)));
        properties.forEach(problem::setProperty);
        return problem;
    }

    static ServerResponse problem(HttpStatus status, String title, String detail) {
        return problem(status, title, detail, Map.of());
    }

    /**
     * {@code 405} with the {@code Allow} header.
     *
     * @param allowed the one method the endpoint takes
     * @param detail what it takes, for the caller
     * @return the answer
     */
    static ServerResponse methodNotAllowed(String allowed, String detail) {
        return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, allowed)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed", detail, Map.of()));
    }

    static ServerResponse tooSlow(java.time.Duration timeout) {
        return problem(HttpStatus.REQUEST_TIMEOUT, "Request body too slow", "The body did not arrive within "
                + timeout.toMillis() + " ms (fonella.body-read-timeout).");
    }

    private static String slug(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
