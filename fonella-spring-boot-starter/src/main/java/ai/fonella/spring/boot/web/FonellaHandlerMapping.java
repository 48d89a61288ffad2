package ai.fonella.spring.boot.web;

import ai.fonella.spring.boot.registry.FonellaHandlerRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Maps {@code {base-path}/tools/{name}} to the {@link FonellaToolHandler} and
 * {@code {base-path}/webhooks} to the {@link FonellaWebhookHandler}, each only while handlers of its
 * kind exist, and nothing else.
 *
 * <p>A handler mapping of its own rather than a {@code RouterFunction}: Spring MVC's
 * {@code RouterFunctionMapping} builds a {@code ServerRequest} for every request of the app before it
 * matches a route, and that fails with a 500 on a {@code Content-Type} such as {@code *}{@code /*}.
 * With the starter on the classpath, every URL of the app would answer such a header with a 500. This
 * mapping looks at the path alone and leaves every other request to the app untouched.
 */
public final class FonellaHandlerMapping extends AbstractHandlerMapping {

    /** Request attribute holding the decoded tool name of a tool request. */
    static final String TOOL_NAME = FonellaHandlerMapping.class.getName() + ".tool";

    private final FonellaHandlerRegistry registry;
    private final PathPattern tools;
    private final PathPattern webhooks;
    private final FonellaToolHandler toolHandler;
    private final FonellaWebhookHandler webhookHandler;

    /**
     * @param basePath the normalized base path, e.g. {@code /fonella}
     * @param registry the discovered handlers
     * @param toolHandler serves tool calls
     * @param webhookHandler serves webhook deliveries
     */
    public FonellaHandlerMapping(String basePath, FonellaHandlerRegistry registry, FonellaToolHandler toolHandler,
            FonellaWebhookHandler webhookHandler) {
        this.registry = registry;
        this.tools = PathPatternParser.defaultInstance.parse(basePath + "/tools/{name}");
        this.webhooks = PathPatternParser.defaultInstance.parse(basePath + "/webhooks");
        this.toolHandler = toolHandler;
        this.webhookHandler = webhookHandler;
        // before the app's own mappings, as a RouterFunction bean would be
        setOrder(-2);
    }

    @Override
    protected Object getHandlerInternal(HttpServletRequest request) {
        PathContainer path = (ServletRequestPathUtils.hasParsedRequestPath(request)
                ? ServletRequestPathUtils.getParsedRequestPath(request)
                : ServletRequestPathUtils.parseAndCache(request)).pathWithinApplication();
        if (registry.hasEventHandlers() && webhooks.matches(path)) {
            return reached(request, webhookHandler);
        }
        if (registry.hasTools()) {
            PathPattern.PathMatchInfo match = tools.matchAndExtract(path);
            if (match != null) {
                request.setAttribute(TOOL_NAME, match.getUriVariables().get("name"));
                return reached(request, toolHandler);
            }
        }
        return null;
    }

    /** Marks the request as one the SDK answers, for {@link FonellaEndpointCheck}. */
    private static Object reached(HttpServletRequest request, Object handler) {
        request.setAttribute(FonellaEndpointCheck.REACHED, Boolean.TRUE);
        return handler;
    }
}
