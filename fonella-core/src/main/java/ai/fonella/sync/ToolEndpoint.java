package ai.fonella.sync;

import ai.fonella.InvalidRequestException;
import ai.fonella.model.ApiRules;
import ai.fonella.support.Secrets;
import ai.fonella.model.Tool;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where an application serves its tools, and so which registered tools it owns. The one place that
 * derives a tool's URL and the headers registered with it; the Spring Boot starter and the Maven
 * plugin both use it, so they agree on every URL.
 *
 * <p>A tool's URL is {@code <publicUrl><basePath>/tools/<name>}. The application owns exactly the
 * registered tools whose {@code url} starts with {@code <publicUrl><basePath>/tools/}; sync never
 * touches any other tool.
 *
 * @param publicUrl the HTTPS address where Fonella reaches the app, e.g. {@code https://shop.example.com}
 * @param basePath the path under which the Fonella endpoints are mounted, e.g. {@code /fonella};
 *     {@code null} means {@value #DEFAULT_BASE_PATH}, {@code ""} or {@code "/"} the root
 * @param secretHeader the header carrying the tool secret, e.g. {@code X-Fonella-Tool-Secret}
 * @param secret the tool secret registered with every tool, or {@code null} to register none
 */
public record ToolEndpoint(String publicUrl, String basePath, String secretHeader, String secret) {

    /** The default base path, {@value}. */
    public static final String DEFAULT_BASE_PATH = "/fonella";

    /** The default tool secret header, {@value}. */
    public static final String DEFAULT_SECRET_HEADER = "X-Fonella-Tool-Secret";

    /** A URI path as RFC 3986 writes it, without a query or fragment. */
    private static final Pattern PLAIN_PATH = Pattern.compile("(/([A-Za-z0-9\\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})*)+");

    /** Normalizes slashes and validates the URL. */
    public ToolEndpoint {
        publicUrl = normalizePublicUrl(publicUrl);
        basePath = normalizeBasePath(basePath);
        secretHeader = secretHeader == null || secretHeader.isBlank() ? DEFAULT_SECRET_HEADER : secretHeader.strip();
        if (!ApiRules.isHeaderName(secretHeader)) {
            throw new InvalidRequestException("secretHeader", "The tool secret header name '" + secretHeader
                    + "' is not a valid HTTP header name; use letters, digits and dashes, e.g. "
                    + DEFAULT_SECRET_HEADER + ".");
        }
        if (secret != null && secret.isBlank()) {
            throw new InvalidRequestException("secret", "The tool secret is blank. Set a long random value (for "
                    + "example 32 random bytes in base64), or leave it unset to register tools without one.");
        }
    }

    /**
     * An endpoint with the default base path and header.
     *
     * @param publicUrl the app's public HTTPS address
     * @param secret the tool secret, or {@code null}
     * @return the endpoint
     */
    public static ToolEndpoint of(String publicUrl, String secret) {
        return new ToolEndpoint(publicUrl, DEFAULT_BASE_PATH, DEFAULT_SECRET_HEADER, secret);
    }

    /**
     * The URL of one tool.
     *
     * @param toolName the tool name
     * @return {@code <publicUrl><basePath>/tools/<name>}
     */
    public String toolUrl(String toolName) {
        return toolUrlPrefix() + toolName;
    }

    /**
     * The prefix shared by every tool URL of this app; ownership is decided by it.
     *
     * @return {@code <publicUrl><basePath>/tools/}
     */
    public String toolUrlPrefix() {
        return publicUrl + basePath + "/tools/";
    }

    /**
     * The URL of the webhook endpoint.
     *
     * @return {@code <publicUrl><basePath>/webhooks}
     */
    public String webhookUrl() {
        return publicUrl + basePath + "/webhooks";
    }

    /**
     * Whether a registered tool belongs to this app.
     *
     * @param tool a tool as listed by the API
     * @return {@code true} when its URL starts with {@link #toolUrlPrefix()}; {@code false} when it has
     *     no URL
     */
    public boolean owns(Tool tool) {
        return tool.url() != null && tool.url().startsWith(toolUrlPrefix());
    }

    /**
     * The headers registered with every tool: the secret header when a secret is set.
     *
     * @return an unmodifiable map
     */
    public Map<String, String> headers() {
        return secret == null ? Map.of() : Map.of(secretHeader, secret);
    }

    @Override
    public String toString() {
        return "ToolEndpoint[publicUrl=" + publicUrl + ", basePath=" + basePath + ", secretHeader=" + secretHeader
                + ", secret=" + Secrets.mask(secret) + "]";
    }

    private static String normalizePublicUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidRequestException("publicUrl", "No public URL is set: tools need the HTTPS address "
                    + "where Fonella reaches this app. Set fonella.public-url (Spring Boot) or publicUrl (Maven "
                    + "plugin), e.g. https://shop.example.com.");
        }
        String trimmed = url.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new InvalidRequestException("publicUrl", "The public URL '" + url + "' is not a valid URL ("
                    + e.getReason() + "): give the app's absolute address with its scheme, e.g. "
                    + "https://shop.example.com (plain http only for a loopback address in tests).");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null
                || !(scheme.equals("https") || (scheme.equals("http") && ApiRules.isLoopback(uri.getHost())))) {
            throw new InvalidRequestException("publicUrl", "The public URL must be an absolute HTTPS URL without "
                    + "query or fragment, e.g. https://shop.example.com (plain http only for a loopback address in "
                    + "tests), but was '" + url + "'.");
        }
        return trimmed;
    }

    /**
     * Normalizes a base path the way every endpoint does: a leading slash, no trailing slash, the
     * empty string for the root ({@code ""} or {@code "/"}), and {@value #DEFAULT_BASE_PATH} for
     * {@code null}.
     *
     * @param path e.g. {@code fonella/}
     * @return e.g. {@code /fonella}
     */
    public static String normalizeBasePath(String path) {
        if (path == null) {
            return DEFAULT_BASE_PATH;
        }
        if (path.isBlank() || path.strip().equals("/")) {
            return "";
        }
        String trimmed = path.strip();
        if (!trimmed.startsWith("/")) {
            trimmed = "/" + trimmed;
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.contains("//") || !PLAIN_PATH.matcher(trimmed).matches()) {
            throw new InvalidRequestException("basePath", "The base path '" + path + "' must be a plain path such as "
                    + DEFAULT_BASE_PATH + ": segments of letters, digits and -._~!$&'()*+,;=:@ (or %-escapes), "
                    + "no spaces, no query or fragment.");
        }
        return trimmed;
    }
}
