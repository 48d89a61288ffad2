package ai.fonella.spring.boot.web;

import ai.fonella.spring.boot.registry.FonellaHandlerRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Warns when a request to a Fonella endpoint is refused before it reaches the SDK: answered
 * {@code 401}, {@code 403} or redirected (to a login page, say) by something in front of it, most
 * often Spring Security without the Fonella paths permitted and excluded from CSRF. Fonella's tool
 * calls and webhook deliveries are then refused the same way, and nothing else in the app logs it.
 *
 * <p>A filter ahead of every other (Spring Security's among them) that looks at the answer of each
 * request to the Fonella paths: {@link FonellaHandlerMapping} marks the requests that reach the SDK,
 * so an answer from the SDK itself (its own {@code 401} to a forged signature) never counts. At most
 * one warning a minute per status, with the number quieted since, since anyone can send such
 * requests. It sends nothing and changes no answer. Silence it with
 * {@code logging.level.ai.fonella.spring.boot.web.FonellaEndpointCheck=ERROR}.
 */
public final class FonellaEndpointCheck extends OncePerRequestFilter implements Ordered {

    /** Request attribute set by {@link FonellaHandlerMapping} on a request it gives to the SDK. */
    static final String REACHED = FonellaEndpointCheck.class.getName() + ".reached";

    private static final Logger log = LoggerFactory.getLogger(FonellaEndpointCheck.class);

    private final Supplier<FonellaHandlerRegistry> registry;
    private final Supplier<Paths> paths;
    private final RejectionLog<Integer> warnings = new RejectionLog<>(Duration.ofMinutes(1));

    /**
     * Takes what it needs of the SDK at the first request, not when it is made: a filter is made while
     * the web server starts, and a failure there (a deduplication store that cannot be set up, an
     * invalid {@code fonella.*} property) should stop the application's start, not the server's.
     *
     * @param servletPath the DispatcherServlet's path ({@code spring.mvc.servlet.path}), e.g.
     *     {@code /api}, or empty when it serves the root
     * @param basePath the normalized base path, e.g. {@code /fonella}, or empty for the root
     * @param registry the discovered handlers: only the endpoints that are mapped are looked at
     * @param springSecurity whether Spring Security's filter is in the app, to name it in the warning
     */
    public FonellaEndpointCheck(String servletPath, Supplier<String> basePath,
            Supplier<FonellaHandlerRegistry> registry, boolean springSecurity) {
        this.registry = SingletonSupplier.of(registry);
        this.paths = SingletonSupplier.of(() -> Paths.of(servletPath, basePath.get(), springSecurity));
    }

    /** The Fonella paths as requests show them, and what to permit to reach them. */
    private record Paths(String toolsPrefix, String webhooksPath, String remedy) {

        static Paths of(String servletPath, String basePath, boolean springSecurity) {
            // as Spring Security's matchers take them with Boot's security auto-configuration: below the
            // servlet's path (fonella-spring-boot-test's security-* scenarios)
            String paths = basePath.isEmpty() ? "/tools/** and /webhooks" : basePath + "/**";
            String remedy = springSecurity
                    ? "most likely by Spring Security. Permit " + paths + " and /error, and exclude " + paths
                            + " from CSRF, in the SecurityFilterChain: the Fonella endpoints authenticate Fonella "
                            + "themselves. The README's 'With Spring Security' has a chain to start from, health "
                            + "probes included."
                    : "by a filter of the app. Let requests to " + paths + " through to the Fonella endpoints: they "
                            + "authenticate Fonella themselves.";
            return new Paths(servletPath + basePath + "/tools/", servletPath + basePath + "/webhooks", remedy);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        Paths fonella = paths.get();
        return !(path.equals(fonella.webhooksPath()) && registry.get().hasEventHandlers()
                || path.startsWith(fonella.toolsPrefix()) && registry.get().hasTools());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        int status = response.getStatus();
        if (request.getAttribute(REACHED) != null || request.isAsyncStarted()
                || status != 401 && status != 403 && (status < 300 || status > 399)) {
            return;
        }
        long quieted = warnings.admit(status);
        if (quieted >= 0) {
            log.warn("Fonella's calls cannot reach this app: a {} to {} was refused with {} before it reached the "
                    + "Fonella endpoint (a client may see another status when the app's error page is refused too), "
                    + "{} Fonella's tool calls and webhook deliveries are refused the same way.{}",
                    request.getMethod(), path(request), status, paths.get().remedy(),
                    quieted == 0 ? "" : " [" + quieted + " more since the last warning]");
        }
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
