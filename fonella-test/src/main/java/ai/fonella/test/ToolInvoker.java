package ai.fonella.test;

import ai.fonella.support.FonellaJson;
import ai.fonella.model.Tool;
import ai.fonella.model.ToolMethod;
import ai.fonella.tool.ToolArguments;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Invokes registered tools as Fonella does: the tool's URL, method and headers, the arguments as a
 * JSON body ({@code POST}) or as query parameters ({@code GET}), plus {@code X-Fonella-Call-Id} and
 * {@code X-Fonella-Tool-Call-Id}. The answer must come within the tool timeout as a 2xx JSON object
 * with a {@code result} string; anything else is an error. Every invocation is recorded.
 */
final class ToolInvoker {

    static final String CALL_ID_HEADER = "X-Fonella-Call-Id";
    static final String TOOL_CALL_ID_HEADER = "X-Fonella-Tool-Call-Id";

    private final EmulatorState state;
    private final Recorder recorder;
    private final EmulatorSettings settings;
    private final HttpClient http;

    ToolInvoker(EmulatorState state, Recorder recorder, EmulatorSettings settings, HttpClient http) {
        this.state = state;
        this.recorder = recorder;
        this.settings = settings;
        this.http = http;
    }

    /**
     * Calls a tool and records the invocation.
     *
     * @param callId the simulated call, or {@code null} for a tool tried on its own (then no
     *     {@code X-Fonella-Call-Id} is sent)
     * @return the recorded invocation, with the result or the error
     */
    RecordedToolInvocation invoke(AccountState account, String callId, String toolCallId, String name, ObjectNode arguments) {
        Instant at = state.now();
        Optional<Tool> found = account.toolNamed(name);
        if (found.isEmpty()) {
            return failed(callId, toolCallId, null, name, arguments, at, "no tool named '" + name
                    + "' is registered in this account");
        }
        Tool tool = found.get();
        if (!tool.enabled()) {
            return failed(callId, toolCallId, tool, name, arguments, at, "the tool '" + name + "' is disabled");
        }
        if (!settings.allowExternalRequests() && !WebhookDispatcher.isLoopbackUrl(tool.url())) {
            return failed(callId, toolCallId, tool, name, arguments, at, "not called: the emulator only calls tools "
                    + "on loopback hosts unless built with allowExternalRequests(true)");
        }
        ToolMethod method = tool.method() == ToolMethod.GET ? ToolMethod.GET : ToolMethod.POST;
        String url = method == ToolMethod.GET ? withQuery(tool.url(), arguments) : tool.url();
        Map<String, String> headers = new LinkedHashMap<>(tool.headers());
        if (callId != null) {
            headers.put(CALL_ID_HEADER, callId);
        }
        headers.put(TOOL_CALL_ID_HEADER, toolCallId);
        if (method == ToolMethod.POST) {
            headers.put("Content-Type", "application/json");
        }
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                    .timeout(settings.toolTimeout())
                    .header("User-Agent", WebhookDispatcher.USER_AGENT);
            headers.forEach(builder::setHeader);
            builder.method(method.name(), method == ToolMethod.GET ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(FonellaJson.mapper().writeValueAsBytes(arguments)));
            request = builder.build();
        } catch (IllegalArgumentException e) {
            return record(callId, toolCallId, tool, name, method, url, arguments, headers, null, null,
                    "the tool cannot be called: " + e.getMessage(), at, Duration.ZERO);
        }
        long started = System.nanoTime();
        Integer status = null;
        String result = null;
        String error;
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            HttpResponse<byte[]> response = pending.get(settings.toolTimeout().toMillis(), TimeUnit.MILLISECONDS);
            status = response.statusCode();
            result = result(response.body());
            error = status < 200 || status >= 300 ? "the tool answered HTTP " + status
                    : result == null ? "the tool answered HTTP " + status + " without a JSON body holding a 'result' string"
                    : null;
            if (error != null) {
                result = null;
            }
        } catch (TimeoutException e) {
            pending.cancel(true);
            error = timedOut();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            error = cause instanceof HttpTimeoutException ? timedOut()
                    : "the tool could not be reached: " + cause.getClass().getSimpleName()
                            + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            error = "interrupted before the tool answered";
        }
        return record(callId, toolCallId, tool, name, method, url, arguments, headers, status, result, error, at,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private String timedOut() {
        return "the tool did not answer within " + Durations.describe(settings.toolTimeout());
    }

    /** The {@code result} string of a JSON object body, or {@code null}. */
    private static String result(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode node = FonellaJson.mapper().readTree(body);
            JsonNode result = node == null ? null : node.get("result");
            return result != null && result.isString() ? result.asString() : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** The URL with the arguments as query parameters, encoded as {@link ToolArguments#queryString}. */
    static String withQuery(String url, JsonNode arguments) {
        String query = ToolArguments.queryString(arguments);
        if (query.isEmpty()) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + query;
    }

    private RecordedToolInvocation failed(String callId, String toolCallId, Tool tool, String name, ObjectNode arguments, Instant at,
            String error) {
        return record(callId, toolCallId, tool, name, null, null, arguments, Map.of(), null, null, error, at,
                Duration.ZERO);
    }

    private RecordedToolInvocation record(String callId, String toolCallId, Tool tool, String name, ToolMethod method, String url,
            ObjectNode arguments, Map<String, String> headers, Integer status, String result, String error,
            Instant at, Duration took) {
        RecordedToolInvocation invocation = new RecordedToolInvocation(callId, toolCallId,
                tool == null ? null : tool.toolId(), name, method, url, arguments, headers, status, result, error, at,
                took);
        recorder.invocation(invocation);
        return invocation;
    }
}
