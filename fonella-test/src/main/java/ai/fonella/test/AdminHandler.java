package ai.fonella.test;

import ai.fonella.model.ApiKey;
import ai.fonella.model.ApiRules;
import ai.fonella.model.Call;
import ai.fonella.model.EventType;
import ai.fonella.model.Tool;
import ai.fonella.model.Webhook;
import ai.fonella.support.FonellaJson;
import ai.fonella.webhook.SignatureScheme;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin endpoints under {@code /_emulator/}: no authentication, loopback callers only. They drive
 * the emulator over HTTP for builds and tests that are not written in Java; see
 * {@link FonellaEmulator} for the list.
 */
final class AdminHandler {

    /** The console's path segment under {@code /_emulator/}. */
    static final String CONSOLE = "console";

    private static final Logger log = LoggerFactory.getLogger(FonellaEmulator.class);
    private static final int CONSOLE_CALLS = 50;

    private final FonellaEmulator emulator;

    AdminHandler(FonellaEmulator emulator) {
        this.emulator = emulator;
    }

    ApiResponse handle(ApiRequest request, InetSocketAddress remote) {
        try {
            if (remote == null || !remote.getAddress().isLoopbackAddress()) {
                throw ApiError.forbidden("The admin endpoints answer loopback callers only.");
            }
            requireLocalPage(request.header("Host"), request.header("Origin"));
            List<String> path = request.segments().subList(1, request.segments().size());
            return route(request, path.isEmpty() ? List.of("info") : path);
        } catch (ApiError e) {
            return ApiResponse.error(e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return ApiResponse.error(400, "validation_error", e.getMessage(), Map.of());
        } catch (RuntimeException e) {
            log.warn("The Fonella emulator failed on {} {}", request.method(), request.path(), e);
            return ApiResponse.error(500, "internal_error", "The emulator failed: " + e, Map.of());
        }
    }

    /**
     * Keeps other web pages out, now that a browser talks to these endpoints: a {@code Host} that is
     * not a loopback name is a page whose own host name was pointed at 127.0.0.1 (DNS rebinding), and
     * an {@code Origin} other than the emulator's own is another site's page posting here. Clients
     * that are not browsers send no {@code Origin}.
     */
    private static void requireLocalPage(String host, String origin) {
        String hostName = host == null ? null : hostName(host);
        if (host != null && !ApiRules.isLoopback(hostName)) {
            throw ApiError.forbidden("The admin endpoints and the console answer requests addressed to 127.0.0.1 or "
                    + "localhost only, not to " + host + ".");
        }
        if (origin != null && !(host != null && origin.equalsIgnoreCase("http://" + host))) {
            throw ApiError.forbidden("The admin endpoints and the console answer pages of this emulator only, not "
                    + "pages from " + origin + "; open the console at its own address.");
        }
    }

    /** The host of a {@code Host} header, without the port. */
    private static String hostName(String host) {
        try {
            return URI.create("http://" + host + "/").getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private ApiResponse route(ApiRequest request, List<String> path) {
        String method = request.method();
        String resource = path.get(0);
        switch (resource) {
            case "info" -> {
                require(method, path, "GET", 1);
                ObjectNode body = ApiResponse.envelope();
                body.put("baseUrl", emulator.baseUrl());
                body.put("accountId", emulator.defaultAccount().accountId());
                body.put("apiKey", emulator.apiKey());
                body.put("signatureScheme", emulator.settings().signatureScheme().name());
                return ApiResponse.json(200, body);
            }
            case "accounts" -> {
                require(method, path, "POST", 1);
                JsonNode body = optionalBody(request);
                String apiKey = text(body, "apiKey");
                EmulatorAccount account = apiKey == null ? emulator.newAccount() : emulator.newAccount(apiKey);
                ObjectNode answer = ApiResponse.envelope();
                answer.putObject("account").put("accountId", account.accountId()).put("apiKey", account.apiKey());
                return ApiResponse.json(201, answer);
            }
            case CONSOLE -> {
                return ConsoleResources.serve(method, request.path(), path.subList(1, path.size()));
            }
            case "account" -> {
                require(method, path, "GET", 1);
                return accountSnapshot(accountNamed(request.queryParam("accountId")));
            }
            case "calls" -> {
                if (path.size() == 2) {
                    require(method, path, "GET", 2);
                    Call call = accountNamed(request.queryParam("accountId")).call(path.get(1));
                    if (call == null) {
                        throw ApiError.notFound("The emulator has no call " + path.get(1) + " in this account.");
                    }
                    return ApiResponse.success(200, "call", call);
                }
                require(method, path, "POST", 1);
                JsonNode body = request.jsonObject();
                CallScript script = CallScript.fromJson(body);
                JsonNode wait = body.get("wait");
                if (wait != null && !wait.isNull() && !wait.isBoolean()) {
                    throw new IllegalArgumentException("wait must be true (answer when the call is over, the default) "
                            + "or false (answer 202 with the call's id at once)");
                }
                if (wait != null && wait.isBoolean() && !wait.asBoolean()) {
                    ObjectNode answer = ApiResponse.envelope();
                    answer.put("callId", emulator.startCall(account(body), script));
                    return ApiResponse.json(202, answer);
                }
                Call call = emulator.placeCall(account(body), script);
                return ApiResponse.success(200, "call", call);
            }
            case "events" -> {
                if (path.size() == 3 && path.get(2).equals("redeliver")) {
                    require(method, path, "POST", 3);
                    return list("deliveries", emulator.redeliver(path.get(1)), AdminHandler::delivery);
                }
                require(method, path, "POST", 1);
                JsonNode body = request.jsonObject();
                EventType type = EventType.fromWireName(text(body, "type"));
                BulkDelivery result = emulator.deliverEvents(account(body), type, integer(body, "count", 1),
                        integer(body, "concurrency", 1));
                ObjectNode answer = ApiResponse.envelope();
                answer.set("eventIds", FonellaJson.mapper().valueToTree(result.eventIds()));
                answer.put("attempts", result.attempts());
                answer.put("delivered", result.delivered());
                answer.put("failed", result.failed());
                answer.put("elapsedMillis", result.elapsed().toMillis());
                return ApiResponse.json(200, answer);
            }
            case "requests" -> {
                require(method, path, "GET", 1);
                return list("requests", emulator.requests(), since(request), AdminHandler::request);
            }
            case "deliveries" -> {
                require(method, path, "GET", 1);
                return list("deliveries", emulator.deliveries(), since(request), AdminHandler::delivery);
            }
            case "tool-invocations" -> {
                if (method.equals("POST") && path.size() == 1) {
                    JsonNode body = request.jsonObject();
                    String tool = text(body, "tool");
                    if (tool == null) {
                        throw new IllegalArgumentException("tool must name a registered tool, e.g. {\"tool\": "
                                + "\"lookupOrder\", \"arguments\": {\"orderNumber\": \"4711\"}}");
                    }
                    JsonNode arguments = body.get("arguments");
                    RecordedToolInvocation invocation = emulator.invokeTool(account(body), tool,
                            arguments == null || arguments.isNull() ? FonellaJson.mapper().createObjectNode()
                                    : arguments);
                    ObjectNode answer = ApiResponse.envelope();
                    answer.set("toolInvocation", invocation(invocation));
                    return ApiResponse.json(200, answer);
                }
                require(method, path, "GET", 1);
                return list("toolInvocations", emulator.toolInvocations(), since(request), this::invocation);
            }
            case "faults" -> {
                if (method.equals("DELETE") && path.size() == 1) {
                    emulator.faults().clear();
                    return ApiResponse.success();
                }
                require(method, path, "POST", 1);
                JsonNode body = request.jsonObject();
                String webhookId = text(body, "webhookId");
                if (webhookId != null) {
                    emulator.faults().failNextDeliveries(webhookId, integer(body, "count", 1));
                } else {
                    emulator.faults().inject(fault(body));
                }
                return ApiResponse.success();
            }
            case "latency" -> {
                require(method, path, "PUT", 1);
                emulator.faults().latency(Duration.ofMillis(integer(request.jsonObject(), "millis", 0)));
                return ApiResponse.success();
            }
            case "reset" -> {
                require(method, path, "POST", 1);
                emulator.reset();
                return ApiResponse.success();
            }
            default -> throw ApiError.notFound("There is no admin endpoint /_emulator/" + String.join("/", path)
                    + "; see the fonella-test README.");
        }
    }

    private static void require(String method, List<String> path, String allowed, int size) {
        if (path.size() != size) {
            throw ApiError.notFound("There is no admin endpoint /_emulator/" + String.join("/", path) + ".");
        }
        if (!method.equals(allowed)) {
            throw ApiError.methodNotAllowed(method, "/_emulator/" + String.join("/", path), allowed);
        }
    }

    /** The account named by {@code apiKey} or {@code accountId}, else the default one. */
    private EmulatorAccount account(JsonNode body) {
        String apiKey = text(body, "apiKey");
        if (apiKey != null) {
            AccountState account = emulator.state().accountOfToken(apiKey);
            if (account == null) {
                throw new IllegalArgumentException("No account of this emulator has that apiKey.");
            }
            return new EmulatorAccount(account.id(), apiKey);
        }
        String accountId = text(body, "accountId");
        if (accountId != null) {
            AccountState account = emulator.state().account(accountId);
            if (account == null) {
                throw new IllegalArgumentException("The emulator has no account " + accountId + ".");
            }
            return new EmulatorAccount(account.id(), account.keys().isEmpty() ? "" : account.keys().get(0).token());
        }
        return emulator.defaultAccount();
    }

    /** The account with this id, or the default account for {@code null}. */
    private AccountState accountNamed(String accountId) {
        AccountState account = emulator.state().account(accountId == null ? emulator.defaultAccount().accountId()
                : accountId);
        if (account == null) {
            throw ApiError.notFound("The emulator has no account " + accountId + ".");
        }
        return account;
    }

    /**
     * What the console shows of an account: tools with their schemas and header names (values carry
     * the tool secret), subscriptions without their secret but with pending injected failures, key
     * prefixes, and the newest calls without their transcripts.
     */
    private ApiResponse accountSnapshot(AccountState account) {
        ObjectNode body = ApiResponse.envelope();
        EmulatorSettings settings = emulator.settings();
        body.put("baseUrl", emulator.baseUrl());
        body.put("accountId", account.id());
        body.put("signatureScheme", settings.signatureScheme().name());
        body.put("toolTimeoutMillis", settings.toolTimeout().toMillis());
        ArrayNode backoff = body.putArray("deliveryBackoffMillis");
        settings.deliveryBackoff().forEach(wait -> backoff.add(wait.toMillis()));
        ArrayNode tools = body.putArray("tools");
        for (Tool tool : account.tools()) {
            ObjectNode node = FonellaJson.mapper().valueToTree(tool);
            node.remove("headers");
            node.set("headerNames", FonellaJson.mapper().valueToTree(tool.headers().keySet()));
            tools.add(node);
        }
        ArrayNode webhooks = body.putArray("webhooks");
        for (Webhook webhook : account.webhooks()) {
            ObjectNode node = FonellaJson.mapper().valueToTree(webhook);
            node.remove("secret");
            node.put("pendingFailures", emulator.faults().pendingDeliveryFailures(webhook.webhookId()));
            webhooks.add(node);
        }
        ArrayNode keys = body.putArray("apiKeys");
        for (ApiKey key : account.keys()) {
            ObjectNode node = FonellaJson.mapper().valueToTree(key);
            node.remove("token");
            keys.add(node);
        }
        ArrayNode calls = body.putArray("calls");
        for (Call call : account.callsNewestFirst().stream().limit(CONSOLE_CALLS).toList()) {
            ObjectNode node = FonellaJson.mapper().valueToTree(call);
            node.remove("transcript");
            node.remove("transcriptMessages");
            calls.add(node);
        }
        body.put("pendingFaults", emulator.faults().pending());
        return ApiResponse.json(200, body);
    }

    /** The {@code since} query parameter: how many items of a recording the caller has already seen. */
    private static int since(ApiRequest request) {
        String value = request.queryParam("since");
        if (value == null) {
            return 0;
        }
        try {
            int since = Integer.parseInt(value);
            if (since >= 0) {
                return since;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("since must be a whole number of items already seen, 0 or more");
    }

    private static Fault fault(JsonNode body) {
        Fault fault = Fault.status(integer(body, "status", 500)).times(integer(body, "count", 1))
                .on(text(body, "method"), text(body, "path"));
        if (body.has("retryAfterSeconds")) {
            fault = fault.retryAfter(Duration.ofSeconds(integer(body, "retryAfterSeconds", 0)));
        }
        String content = text(body, "body");
        if (content != null) {
            fault = fault.body(text(body, "contentType"), content);
        }
        return fault;
    }

    private static JsonNode optionalBody(ApiRequest request) {
        return request.body().length == 0 ? FonellaJson.mapper().createObjectNode() : request.jsonObject();
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new IllegalArgumentException(field + " must be a JSON string");
        }
        return value.asString();
    }

    private static int integer(JsonNode body, String field, int fallback) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new IllegalArgumentException(field + " must be a whole number");
        }
        return value.asInt();
    }

    private static <T> ApiResponse list(String field, List<T> items, Function<T, ObjectNode> toJson) {
        return list(field, items, 0, toJson);
    }

    /**
     * The items after the first {@code since}, and {@code total}, the number of items now: a caller
     * polling with {@code since} = the last {@code total} sees each item once, and a {@code total}
     * below its {@code since} tells it the recordings were cleared.
     */
    private static <T> ApiResponse list(String field, List<T> items, int since, Function<T, ObjectNode> toJson) {
        ObjectNode body = ApiResponse.envelope();
        ArrayNode array = body.putArray(field);
        items.stream().skip(since).forEach(item -> array.add(toJson.apply(item)));
        body.put("total", items.size());
        return ApiResponse.json(200, body);
    }

    private static ObjectNode request(RecordedRequest r) {
        ObjectNode node = FonellaJson.mapper().createObjectNode();
        node.put("requestId", r.requestId());
        node.put("method", r.method());
        node.put("path", r.path());
        node.put("query", r.query());
        node.put("status", r.status());
        node.put("apiKeyPrefix", r.apiKeyPrefix());
        node.put("body", r.body());
        node.put("timestamp", r.timestamp().toString());
        return node;
    }

    private static ObjectNode delivery(RecordedDelivery d) {
        ObjectNode node = FonellaJson.mapper().createObjectNode();
        node.put("eventId", d.eventId());
        node.put("eventType", d.eventType().wireName());
        node.put("webhookId", d.webhookId());
        node.put("url", d.url());
        node.put("attempt", d.attempt());
        node.put("status", d.status());
        node.put("error", d.error());
        node.put("succeeded", d.succeeded());
        node.put("timestamp", d.timestamp().toString());
        node.put("durationMillis", d.duration().toMillis());
        node.put("signatureScheme", d.headers().containsKey(SignatureScheme.FONELLA_SIGNATURE_HEADER)
                ? SignatureScheme.FONELLA.name()
                : d.headers().containsKey(SignatureScheme.WEBHOOK_SIGNATURE_HEADER) ? SignatureScheme.STANDARD_WEBHOOKS.name()
                : null);
        node.put("injectedFault", WebhookDispatcher.INJECTED_FAILURE.equals(d.error()));
        node.put("callId", callId(d.body()));
        return node;
    }

    /** The id of the call an event is about ({@code data.call.id}), or {@code null}. */
    private static String callId(String body) {
        try {
            JsonNode id = FonellaJson.mapper().readTree(body).path("data").path("call").path("id");
            return id.isString() ? id.asString() : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /**
     * An invocation with its {@code outcome}: {@code result}, {@code error}, or {@code deadline} when
     * the tool did not answer within the tool timeout.
     */
    private ObjectNode invocation(RecordedToolInvocation i) {
        ObjectNode node = FonellaJson.mapper().createObjectNode();
        node.put("callId", i.callId());
        node.put("toolCallId", i.toolCallId());
        node.put("toolId", i.toolId());
        node.put("toolName", i.toolName());
        node.put("method", i.method() == null ? null : i.method().name());
        node.put("url", i.url());
        node.set("arguments", i.arguments());
        node.set("headerNames", FonellaJson.mapper().valueToTree(i.headers().keySet()));
        node.put("status", i.status());
        node.put("result", i.result());
        node.put("error", i.error());
        node.put("succeeded", i.succeeded());
        node.put("timestamp", i.timestamp().toString());
        node.put("durationMillis", i.duration().toMillis());
        boolean deadline = !i.succeeded() && i.status() == null && i.method() != null
                && i.duration().compareTo(emulator.settings().toolTimeout()) >= 0;
        node.put("outcome", i.succeeded() ? "result" : deadline ? "deadline" : "error");
        return node;
    }
}
