package ai.fonella.spring.boot.web;

import ai.fonella.model.ToolMethod;
import ai.fonella.spring.boot.registry.FonellaHandlerRegistry;
import ai.fonella.spring.boot.registry.FonellaSecrets;
import ai.fonella.spring.boot.registry.FonellaToolRegistration;
import ai.fonella.tool.ToolArguments;
import ai.fonella.tool.ToolCallContext;
import ai.fonella.tool.ToolInvoker;
import ai.fonella.tool.ToolOutcome;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves {@code POST} and {@code GET {base-path}/tools/{name}}: checks the tool secret in constant
 * time, binds the arguments, invokes the tool under its deadline and answers
 * {@code 200 {"result": "..."}}. A failing or slow tool still answers 200 with a result the assistant
 * can speak; protocol errors are {@code application/problem+json}: 401 without the secret, 404 for an
 * unknown tool, 405 for the wrong method, 400 for malformed JSON, 408 for a body that does not
 * arrive within {@code fonella.body-read-timeout}, 413 for an oversized body, 415 for a body that is
 * not JSON.
 */
public final class FonellaToolHandler {

    /** Header carrying the call id, passed to handlers in {@link ToolCallContext}. */
    public static final String CALL_ID_HEADER = "X-Fonella-Call-Id";

    /** Header carrying the tool-call id, passed to handlers in {@link ToolCallContext}. */
    public static final String TOOL_CALL_ID_HEADER = "X-Fonella-Tool-Call-Id";

    /** How long a body may take to arrive unless configured otherwise. */
    static final Duration DEFAULT_BODY_READ_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(FonellaToolHandler.class);

    private final FonellaHandlerRegistry registry;
    private final ToolInvoker invoker;
    private final FonellaSecrets secrets;
    private final String secretHeader;
    private final long maxBodyBytes;
    private final Duration bodyReadTimeout;
    private final FonellaObservations observations;
    private final ObjectReader treeReader;
    private final ObjectWriter resultWriter;

    /**
     * @param registry the discovered tools
     * @param invoker invokes them
     * @param secrets holds the tool secret
     * @param secretHeader the header carrying the tool secret
     * @param maxBodyBytes the largest accepted body
     * @param observations records invocations
     * @param mapper reads argument JSON
     */
    public FonellaToolHandler(FonellaHandlerRegistry registry, ToolInvoker invoker, FonellaSecrets secrets,
            String secretHeader, long maxBodyBytes, FonellaObservations observations, JsonMapper mapper) {
        this(registry, invoker, secrets, secretHeader, maxBodyBytes, DEFAULT_BODY_READ_TIMEOUT, observations, mapper);
    }

    /**
     * @param registry the discovered tools
     * @param invoker invokes them
     * @param secrets holds the tool secret
     * @param secretHeader the header carrying the tool secret
     * @param maxBodyBytes the largest accepted body
     * @param bodyReadTimeout the longest time to spend reading a body
     * @param observations records invocations
     * @param mapper reads argument JSON
     */
    public FonellaToolHandler(FonellaHandlerRegistry registry, ToolInvoker invoker, FonellaSecrets secrets,
            String secretHeader, long maxBodyBytes, Duration bodyReadTimeout, FonellaObservations observations,
            JsonMapper mapper) {
        this.registry = registry;
        this.invoker = invoker;
        this.secrets = secrets;
        this.secretHeader = secretHeader;
        this.maxBodyBytes = maxBodyBytes;
        this.bodyReadTimeout = bodyReadTimeout;
        this.observations = observations;
        this.treeReader = mapper.readerFor(JsonNode.class);
        this.resultWriter = mapper.writer();
    }

    /**
     * Handles one invocation.
     *
     * @param request the request
     * @return the answer
     */
    public ServerResponse handle(ServerRequest request) {
        String name = request.pathVariable("name");
        String tag = registry.tool(name).map(FonellaToolRegistration::name).orElse("unknown");
        long start = System.nanoTime();
        Answer answer = observations.observe(FonellaObservations.TOOL_INVOCATION, () -> invoke(request, name),
                result -> Map.of("fonella.tool", tag, "outcome", result.outcome()));
        if (log.isDebugEnabled()) {
            // the tool name only when registered: a request path is not a trusted log value
            log.debug("Fonella tool call {} {} -> {} in {} ms", request.method(), tag, answer.outcome(),
                    (System.nanoTime() - start) / 1_000_000);
        }
        return answer.response();
    }

    private Answer invoke(ServerRequest request, String name) {
        HttpServletRequest servlet = request.servletRequest();
        if (!secrets.toolSecretMatches(servlet.getHeader(secretHeader))) {
            return Answer.rejected(Problems.problem(HttpStatus.UNAUTHORIZED, "Missing or wrong tool secret",
                    "Tool invocations must carry the " + secretHeader + " header registered with the tool."));
        }
        FonellaToolRegistration registration = registry.tool(name).orElse(null);
        if (registration == null) {
            return Answer.rejected(Problems.problem(HttpStatus.NOT_FOUND, "Unknown tool",
                    "No tool named '" + name + "' is served here.", Map.of("tool", name)));
        }
        ToolMethod expected = registration.definition().httpMethod();
        if (!request.method().name().equals(expected.name())) {
            return Answer.rejected(Problems.methodNotAllowed(expected.name(),
                    "Tool '" + name + "' is registered for " + expected.name() + "."));
        }
        ToolArguments arguments;
        if (expected == ToolMethod.GET) {
            arguments = ToolArguments.query(request.params());
        } else {
            String contentType = servlet.getContentType();
            if (contentType != null && !isJson(contentType)) {
                return Answer.rejected(Problems.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                        "Tool arguments must be sent as application/json, not " + contentType + "."));
            }
            byte[] body;
            try {
                body = RequestBodies.read(servlet, maxBodyBytes, bodyReadTimeout);
            } catch (RequestBodies.TooLargeException e) {
                return Answer.rejected(Problems.problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
                        "The body exceeds the limit of " + maxBodyBytes + " bytes (fonella.max-body-size)."));
            } catch (RequestBodies.TooSlowException e) {
                return Answer.rejected(Problems.tooSlow(bodyReadTimeout));
            } catch (IOException e) {
                log.debug("Could not read the body of a call to tool {}", name, e);
                return Answer.rejected(Problems.problem(HttpStatus.BAD_REQUEST, "Unreadable request body",
                        "The request body could not be read."));
            }
            JsonNode tree;
            try {
                tree = body.length == 0 ? null : treeReader.readValue(body);
            } catch (JacksonException e) {
                return Answer.rejected(Problems.problem(HttpStatus.BAD_REQUEST, "Malformed JSON",
                        "The tool arguments are not valid JSON: " + e.getOriginalMessage()));
            }
            if (tree != null && !tree.isObject() && !tree.isNull()) {
                return Answer.rejected(Problems.problem(HttpStatus.BAD_REQUEST, "Malformed JSON",
                        "The tool arguments must be a JSON object, not a JSON " + tree.getNodeType() + "."));
            }
            arguments = tree == null || tree.isNull() ? ToolArguments.none() : ToolArguments.json(tree);
        }
        ToolCallContext context = registration.tool().takesContext() ? context(servlet) : ToolCallContext.empty();
        // on this thread, with the deadline kept by answering from the watchdog (see InlineToolCall)
        InlineToolCall.Result inline = InlineToolCall.invoke(invoker, registration.tool(), arguments, context, servlet,
                this::json);
        ToolOutcome outcome;
        ServerResponse response;
        if (inline != null) {
            outcome = inline.outcome();
            response = inline.response();
        } else {
            outcome = invoker.invoke(registration.tool(), arguments, context);
            response = InlineToolCall.answer(json(outcome));
        }
        return new Answer(response, outcome.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
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

    private static boolean isJson(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return MediaType.APPLICATION_JSON.isCompatibleWith(type)
                    || (type.getType().equals("application") && type.getSubtype().endsWith("+json"));
        } catch (org.springframework.util.InvalidMimeTypeException e) {
            return false;
        }
    }

    /** A response and the outcome tag to record for it. */
    private record Answer(ServerResponse response, String outcome) {
        static Answer rejected(ServerResponse response) {
            return new Answer(response, "rejected");
        }
    }
}
