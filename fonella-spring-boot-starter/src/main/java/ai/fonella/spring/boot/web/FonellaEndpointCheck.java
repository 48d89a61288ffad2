package ai.fonella.spring.boot.web;

import ai.fonella.spring.boot.registry.FonellaHandlerRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.util.StringUtils;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.util.UriUtils;

/**
 * Once the app is ready, sends one request to its own Fonella endpoint over loopback, through the
 * app's filters as Fonella's calls will come, and warns when something in front of the SDK answers
 * it instead: Spring Security without the Fonella paths permitted and excluded from CSRF, or another
 * filter. Fonella's tool calls and webhook deliveries would otherwise be refused with a bare 401 or
 * 403 that nothing in the app logs.
 *
 * <p>The request carries a random token of this process; {@link FonellaHandlerMapping} answers it
 * with {@code 204} before the endpoint's own handler, so it runs no handler, counts in no Fonella
 * metric and logs nothing. It is sent on a thread of its own, so it never delays the start, and only
 * where the check can tell: a started servlet web server on plain HTTP (not over TLS, where the
 * certificate would not be for {@code 127.0.0.1}). A request that cannot be sent at all is logged
 * at DEBUG. The warning can be silenced with
 * {@code logging.level.ai.fonella.spring.boot.web.FonellaEndpointCheck=ERROR}.
 */
public final class FonellaEndpointCheck implements ApplicationListener<ApplicationReadyEvent> {

    /**
     * The header of the check's request, carrying the token, and of its answer: a filter of the app
     * that logs Fonella's traffic can leave out requests that carry it.
     */
    public static final String HEADER = "X-Fonella-Endpoint-Check";

    private static final Logger log = LoggerFactory.getLogger(FonellaEndpointCheck.class);
    /** The name of Spring Security's filter, whatever configures it. */
    private static final String SPRING_SECURITY = "springSecurityFilterChain";

    private final String token = token();
    private final String basePath;
    private final FonellaHandlerRegistry registry;
    private final Environment environment;

    /**
     * @param basePath the normalized base path, e.g. {@code /fonella}
     * @param registry the discovered handlers
     * @param environment where the server's port, address, context path and TLS settings are read
     */
    public FonellaEndpointCheck(String basePath, FonellaHandlerRegistry registry, Environment environment) {
        this.basePath = basePath;
        this.registry = registry;
        this.environment = environment;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        String port = environment.getProperty("local.server.port");
        Optional<String> path = path();
        if (port == null || path.isEmpty() || overTls()) {
            return;
        }
        String host = environment.getProperty("server.address", "127.0.0.1");
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1"; // every address: loopback among them
        }
        URI uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port
                + environment.getProperty("server.servlet.context-path", "") + path.get());
        boolean security = event.getApplicationContext().containsBean(SPRING_SECURITY);
        Thread thread = new Thread(() -> check(uri, path.get(), security), "fonella-endpoint-check");
        thread.setDaemon(true);
        thread.start();
    }

    private static String token() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The handler for the check's own request, or {@code null} when this request is not it. */
    HttpRequestHandler handlerFor(HttpServletRequest request) {
        if (!token.equals(request.getHeader(HEADER))) {
            return null;
        }
        return (servletRequest, response) -> {
            response.setStatus(HttpStatus.NO_CONTENT.value());
            response.setHeader(HEADER, "reached");
        };
    }

    /** A path of an endpoint that is mapped: the webhooks', else a tool's. */
    private Optional<String> path() {
        if (registry.hasEventHandlers()) {
            return Optional.of(basePath + "/webhooks");
        }
        return registry.tools().keySet().stream().findFirst().map(name -> basePath + "/tools/"
                + UriUtils.encodePathSegment(name, StandardCharsets.UTF_8));
    }

    private boolean overTls() {
        return !"false".equals(environment.getProperty("server.ssl.enabled"))
                && (StringUtils.hasText(environment.getProperty("server.ssl.bundle"))
                        || StringUtils.hasText(environment.getProperty("server.ssl.key-store"))
                        || StringUtils.hasText(environment.getProperty("server.ssl.certificate")));
    }

    private void check(URI uri, String path, boolean security) {
        int status;
        boolean reached;
        try {
            // the JDK's plain connection: one request, no client threads or TLS context to set up
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(10_000);
            connection.setRequestMethod("POST");
            connection.setRequestProperty(HEADER, token);
            connection.setRequestProperty("Content-Type", "application/json");
            connection.setDoOutput(true);
            try (OutputStream body = connection.getOutputStream()) {
                body.write(new byte[] {'{', '}'});
            }
            status = connection.getResponseCode();
            reached = connection.getHeaderField(HEADER) != null;
            connection.disconnect();
        } catch (IOException e) {
            log.debug("Fonella: could not check whether {} reaches the Fonella endpoint: {}", uri, e.toString());
            return;
        }
        if (reached) {
            log.debug("Fonella: a POST to {} reaches the Fonella endpoint", uri);
            return;
        }
        log.warn("Fonella's calls will not reach this app: a POST to {} from this machine was answered {} before it "
                + "reached the Fonella endpoint, {}. Fonella's tool calls and webhook deliveries will be refused the "
                + "same way. {}", path, status,
                security ? "most likely by Spring Security" : "by a filter of the app",
                security ? "Permit " + basePath + "/** and exclude it from CSRF in the SecurityFilterChain "
                        + "(see the README, 'With Spring Security')."
                        : "Let POST requests to " + basePath + "/** through to the Fonella endpoints: they "
                                + "authenticate Fonella themselves.");
    }
}
