package ai.fonella.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The console's static files, shipped in this jar under {@code ai/fonella/test/console/}: plain
 * HTML, CSS and JavaScript with no build step and nothing loaded from elsewhere. The page talks to
 * the admin endpoints only, so it neither uses up injected faults nor appears in the recorded API
 * requests.
 */
final class ConsoleResources {

    private static final String ROOT = "console/";
    private static final String INDEX = "index.html";
    private static final Map<String, String> TYPES = Map.of(
            INDEX, "text/html; charset=utf-8",
            "console.css", "text/css; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8");
    /**
     * No other origin may frame the page, scripts and styles come from the emulator only, and
     * browsers do not cache it, so a newer jar is seen at once.
     */
    private static final Map<String, String> HEADERS = Map.of(
            "Cache-Control", "no-store",
            "X-Content-Type-Options", "nosniff",
            "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");

    private ConsoleResources() {
    }

    /**
     * Answers {@code GET /_emulator/console/...}.
     *
     * @param method the request method
     * @param rawPath the request's raw path, to tell {@code /console} from {@code /console/}
     * @param file the segments after {@code console}
     */
    static ApiResponse serve(String method, String rawPath, List<String> file) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw ApiError.methodNotAllowed(method, rawPath, "GET, HEAD");
        }
        if (file.isEmpty() && !rawPath.endsWith("/")) {
            // relative links of the page need the trailing slash
            return ApiResponse.raw(308, null, "", Map.of("Location", rawPath + "/"));
        }
        String name = file.isEmpty() ? INDEX : String.join("/", file);
        String type = TYPES.get(name);
        if (type == null) {
            throw ApiError.notFound("The console has no file " + name + "; open " + rawPath.substring(0,
                    rawPath.indexOf(AdminHandler.CONSOLE) + AdminHandler.CONSOLE.length()) + "/");
        }
        return new ApiResponse(200, read(name), type, HEADERS);
    }

    private static byte[] read(String name) {
        try (InputStream in = ConsoleResources.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("The console file " + name + " is missing from the fonella-test jar.");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
