package ai.fonella.spring.boot.web;

import ai.fonella.model.ToolMethod;
import ai.fonella.spring.boot.registry.FonellaHandlerRegistry;
import ai.fonella.spring.boot.registry.FonellaSecrets;
import ai.fonella.spring.boot.registry.FonellaToolRegistration;
import ai.fonella.tool.ToolArgumentException;
import ai.fonella.tool.ToolArguments;
import ai.fonella.tool.ToolCallContext;
import ai.fonella.tool.ToolInvoker;
import ai.fonella.tool.ToolOutcome;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.HttpRequestHandler;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves {@code POST} and {@code GET {base-path}/tools/{name}}: checks the tool secret in constant
 * time, binds the arguments, invokes the tool under its deadline, counted from the request's arrival,
 * and answers {@code 200 {"result": "..."}}. A failing or slow tool still answers 200 with a result
 * the assistant can speak; protocol errors are {@code application/problem+json}: 401 without the
 * secret, 404 for an unknown tool, 405 for the wrong method, 400 for a body that is not a JSON object,
 * 408 for a body that does not arrive within {@code fonella.body-read-timeout}, 413 for an oversized
 * body, 415 for a {@code Content-Type} that is not JSON (or is a wildcard, or cannot be parsed).
 */
public final class FonellaToolHandler implements HttpRequestHandler {

    /** Header carrying the call id, passed to handlers in {@link ToolCallContext}. */
    public static final String CALL_ID_HEADER = "X-Fonella-Call-Id";

    /** Header carrying the tool-call id, passed to handlers in {@link ToolCallContext}. */
    public static final String TOOL_CALL_ID_HEADER = "X-Fonella-Tool-Call-Id";

    private static final Logger log = LoggerFactory.getLogger(FonellaToolHandler.class);

    private final FonellaHandlerRegistry registry;
    private final ToolInvoker invoker;
    private final FonellaSecrets secrets;
    private final String secretHeader;
    private final long maxBodyBytes;
    private final Duration bodyReadTimeout;
    private final Semaphore inlineSlots;
    private final FonellaObservations observations;
    private final ObjectWriter resultWriter;
    /** One WARN a minute for calls without the right tool secret; the rest are counted in it. */
    private final RejectionLog<Boolean> secretRejections = new RejectionLog<>(Duration.ofMinutes(1));

    /**
     * @param registry the discovered tools
     * @param invoker invokes them
     * @param secrets holds the tool secret
     * @param secretHeader the header carrying the tool secret
     * @param maxBodyBytes the largest accepted body
     * @param bodyReadTimeout the longest time from a request's arrival to the last byte of its body
     * @param inlineLimit how many calls may run on request threads at once; the rest run on the
     *     invoker's threads
     * @param observations records invocations
     * @param mapper writes answers
     */
    public FonellaToolHandler(FonellaHandlerRegistry registry, ToolInvoker invoker, FonellaSecrets secrets,
            String secretHeader, long maxBodyBytes, Duration bodyReadTimeout, int inlineLimit,
            FonellaObservations observations, JsonMapper mapper) {
        this.registry = registry;
        this.invoker = invoker;
        this.secrets = secrets;
        this.secretHeader = secretHeader;
        this.maxBodyBytes = maxBodyBytes;
        this.bodyReadTimeout = bodyReadTimeout;
        this.inlineSlots = new Semaphore(inlineLimit);
        this.observations = observations;
        this.resultWriter = mapper.writer();
    }

    @Override
    public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long arrival = RequestBodies.arrival(request);
        String name = (String) request.getAttribute(FonellaHandlerMapping.TOOL_NAME);
        FonellaToolRegistration registration = registry.tool(name).orElse(null);
        String tag = registration == null ? "unknown" : registration.name();
        Problems.Reply rejection = check(request, name, registration);
        if (rejection != null) {
            observations.observe(FonellaObservations.TOOL_INVOCATION, () -> "rejected",
                    outcome -> Map.of("fonella.tool", tag, "outcome", outcome));
            RequestBodies.sendUnread(request, response, rejection, bodyReadTimeout);
            log(request, tag, "rejected", arrival);
            return;
        }
        byte[] body = null;
        if (registration.definition().httpMethod() == ToolMethod.POST) {
            body = RequestBodies.read(request, response, maxBodyBytes, bodyReadTimeout);
            if (body == null) {
                return; // answered, or dispatched here again once the body is in
            }
        }
        ToolArguments arguments;
        try {
            arguments = arguments(request, body);
        } catch (ToolArgumentException e) {
            observations.observe(FonellaObservations.TOOL_INVOCATION, () -> "rejected",
                    outcome -> Map.of("fonella.tool", tag, "outcome", outcome));
            Problems.problem(HttpStatus.BAD_REQUEST, "Malformed JSON", e.getMessage()).send(response);
            log(request, tag, "rejected", arrival);
            return;
        }
        ToolCallContext context = registration.tool().takesContext() ? context(request) : ToolCallContext.empty();
        if (!inlineSlots.tryAcquire()) {
            // as many calls as allowed already hold request threads: this one runs on the invoker's
            Consumer<Map<String, String>> observation = observations.start(FonellaObservations.TOOL_INVOCATION);
            InlineToolCall.handOff(invoker, registration.tool(), arguments, context, arrival, request, this::json,
                    outcome -> {
                        observation.accept(Map.of("fonella.tool", tag, "outcome", outcome(outcome)));
                        log(request, tag, outcome(outcome), arrival);
                    });
            return;
        }
        InlineToolCall.Result result;
        try {
            result = observations.observe(FonellaObservations.TOOL_INVOCATION,
                    () -> InlineToolCall.invoke(invoker, registration.tool(), arguments, context, arrival, request,
                            this::json),
                    called -> Map.of("fonella.tool", tag, "outcome", outcome(called.outcome())));
        } finally {
            inlineSlots.release();
        }
        result.reply().send(response);
        log(request, tag, outcome(result.outcome()), arrival);
    }

    private static ToolArguments arguments(HttpServletRequest request, byte[] body) {
        if (body != null) {
            return ToolArguments.parse(body);
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        request.getParameterMap().forEach((key, values) -> query.put(key, List.of(values)));
        return ToolArguments.query(query);
    }

    private static String outcome(ToolOutcome outcome) {
        return outcome.status().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static void log(HttpServletRequest request, String tag, String outcome, long arrival) {
        if (log.isDebugEnabled()) {
            // the tool name only when registered: a request path is not a trusted log value
            log.debug("Fonella tool call {} {} -> {} in {} ms", request.getMethod(), tag, outcome,
                    (System.nanoTime() - arrival) / 1_000_000);
        }
    }

    /**
     * At most one WARN a minute: anyone can send such requests, but when Fonella's own calls carry
     * another secret (tools registered by the Maven plugin with another key), every call fails and
     * this is the only line that says so.
     */
    private void warnOfWrongSecret(FonellaToolRegistration registration) {
        long quieted = secretRejections.admit(Boolean.TRUE);
        if (quieted < 0) {
            return;
        }
        // the tool name only when registered: a request path is not a trusted log value
        log.warn("Refused a call of tool {} without the right {} header{}. If Fonella's calls are refused so, the tools "
                + "were registered with another secret (the Maven plugin with another API key, say): set "
                + "fonella.tools.secret to the same value on both sides, or let this app sync its tools.",
                registration == null ? "(unknown)" : "'" + registration.name() + "'", secretHeader,
                quieted == 0 ? "" : " [" + quieted + " more since the last warning]");
    }

    /** What is wrong with a request before its body is read, or {@code null}. */
    private Problems.Reply check(HttpServletRequest request, String name, FonellaToolRegistration registration) {
        if (!secrets.toolSecretMatches(request.getHeader(secretHeader))) {
            warnOfWrongSecret(registration);
            return Problems.problem(HttpStatus.UNAUTHORIZED, "Missing or wrong tool secret",
                    "Tool invocations must carry the " + secretHeader + " header registered with the tool.");
        }
        if (registration == null) {
            return Problems.problem(HttpStatus.NOT_FOUND, "Unknown tool",
                    "No tool named '" + name + "' is served here.", Map.of("tool", name));
        }
        ToolMethod expected = registration.definition().httpMethod();
        if (!request.getMethod().equals(expected.name())) {
            return Problems.methodNotAllowed(expected.name(),
                    "Tool '" + name + "' is registered for " + expected.name() + ".");
        }
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (expected == ToolMethod.POST && contentType != null && !isJson(contentType)) {
            return Problems.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    "Tool arguments must be sent as application/json.",
                    Map.of("accepted", MediaType.APPLICATION_JSON_VALUE));
        }
        return null;
    }

    private byte[] json(ToolOutcome outcome) {
        return resultWriter.writeValueAsBytes(Map.of("result", outcome.result()));
    }

    private ToolCallContext context(HttpServletRequest servlet) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String headerName : Collections.list(servlet.getHeaderNames())) {
            if (headerName.equalsIgnoreCase(secretHeader) || headerName.equalsIgnoreCase(HttpHeaders.AUTHORIZATION)
                    || headerName.equalsIgnoreCase(HttpHeaders.COOKIE)) {
                continue;
            }
            headers.put(headerName, Collections.unmodifiableList(new ArrayList<>(
                    Collections.list(servlet.getHeaders(headerName)))));
        }
        return new ToolCallContext(servlet.getHeader(CALL_ID_HEADER), servlet.getHeader(TOOL_CALL_ID_HEADER),
                Collections.unmodifiableMap(headers));
    }

    /** JSON, and nothing vaguer: a wildcard such as {@code *}{@code /*} or {@code application/*} is no promise. */
    private static boolean isJson(String contentType) {
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (IllegalArgumentException e) { // InvalidMediaTypeException and InvalidMimeTypeException
            return false;
        }
        if (type.isWildcardType() || type.isWildcardSubtype()) {
            return false;
        }
        return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)
                || (type.getType().equals("application") && type.getSubtype().endsWith("+json"));
    }
}
