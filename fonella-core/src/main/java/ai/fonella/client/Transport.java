package ai.fonella.client;

import ai.fonella.model.ApiRules;
import ai.fonella.support.ProxyRules;
import ai.fonella.support.Secrets;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends one API operation: authentication, JSON, timeouts, retries and error mapping. Every resource
 * service goes through here, so the behaviour is the same for all of them.
 */
final class Transport {

    static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final Logger log = LoggerFactory.getLogger(FonellaClient.class);
    private static final int MAX_BODY_IN_MESSAGE = 200;
    /** An operation on a whole collection ({@code GET /v1/tools}, {@code POST /v1/calls?...}), no id in it. */
    private static final Pattern COLLECTION = Pattern.compile("[A-Z]+ /v1/[a-z-]+(\\?.*)?");
    /** Where the base URL is set. */
    private static final String BASE_URL = "the base URL (fonella.base-url in Spring Boot, baseUrl in the Maven "
            + "plugin, FonellaClient.Builder.baseUrl otherwise)";
    /** What to check when the base URL may point elsewhere than the Fonella API. */
    static final String BASE_URL_HINT = "Check " + BASE_URL + ": it must point at the Fonella API, e.g. "
            + FonellaClient.DEFAULT_BASE_URL + ", not at a proxy or web page.";

    private final HttpClient http;
    private final JsonMapper json;
    private final URI baseUri;
    private final String authorization;
    /** {@code Basic ...} for the proxy, or {@code null}. */
    private final String proxyAuthorization;
    private final String maskedKey;
    private final Duration requestTimeout;
    private final RetryPolicy retryPolicy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final String userAgent;

    Transport(HttpClient http, JsonMapper json, URI baseUri, String apiKey, Duration requestTimeout,
            RetryPolicy retryPolicy, Clock clock, Sleeper sleeper, RandomGenerator random, String userAgent,
            String proxyAuthorization) {
        this.http = http;
        this.proxyAuthorization = proxyAuthorization;
        this.json = json;
        this.baseUri = baseUri;
        this.authorization = "Bearer " + apiKey;
        this.maskedKey = Secrets.maskApiKey(apiKey);
        this.requestTimeout = requestTimeout;
        this.retryPolicy = retryPolicy;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
        this.userAgent = userAgent;
    }

    JsonMapper json() {
        return json;
    }

    /**
     * Sends a request and returns the parsed envelope of a 2xx answer.
     *
     * @param method HTTP method
     * @param pathAndQuery path below the base URL, starting with {@code /v1/}
     * @param body object to send as JSON, or {@code null}
     * @param scope the key scope the operation needs, for the 403 hint, or {@code null}
     * @return the response body as a tree (an empty object for an empty body)
     */
    JsonNode send(String method, String pathAndQuery, Object body, String scope) {
        String operation = method + " " + pathAndQuery;
        byte[] payload = body == null ? null : json.writeValueAsBytes(body);
        HttpRequest request = buildRequest(method, pathAndQuery, payload);
        boolean retryable = !method.equals("POST");
        Instant start = clock.instant();
        int retry = 0;
        while (true) {
            long startedNanos = System.nanoTime();
            HttpResponse<byte[]> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                Duration wait = retryable ? nextWait(retry + 1, null, start) : null;
                if (wait == null) {
                    throw ioFailure(operation, e);
                }
                retry++;
                log.warn("{} failed ({}); retry {} of {} in {} ms", operation, describe(e), retry,
                        retryPolicy.maxRetries(), wait.toMillis());
                pause(wait, operation);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FonellaIoException("Interrupted while waiting for Fonella to answer " + operation + ".", e);
            }
            int status = response.statusCode();
            String requestId = response.headers().firstValue(REQUEST_ID_HEADER).orElse(null);
            if (log.isDebugEnabled()) {
                log.debug("{} -> {} in {} ms (request id {})", operation, status,
                        (System.nanoTime() - startedNanos) / 1_000_000, requestId);
            }
            if (status >= 200 && status < 300) {
                return parseSuccess(operation, status, response.body(), requestId);
            }
            if (status == 404 && retry > 0 && method.equals("DELETE")) {
                // The first attempt deleted it and its answer was lost: the delete succeeded.
                log.debug("{} answered 404 on retry {}; the earlier attempt already deleted it", operation, retry);
                return json.createObjectNode();
            }
            FonellaApiException error = error(operation, response, scope);
            if (retryable && isRetryableStatus(status)) {
                Duration retryAfter = retryAfter(response).orElse(null);
                Duration wait = nextWait(retry + 1, retryAfter, start);
                if (wait != null) {
                    retry++;
                    log.warn("{} answered {}; retry {} of {} in {} ms", operation, status, retry,
                            retryPolicy.maxRetries(), wait.toMillis());
                    pause(wait, operation);
                    continue;
                }
            }
            throw error;
        }
    }

    private HttpRequest buildRequest(String method, String pathAndQuery, byte[] payload) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(baseUri.resolve(pathAndQuery.substring(1)))
                .timeout(requestTimeout)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .header("User-Agent", userAgent);
        if (proxyAuthorization != null) {
            // the JDK sends Proxy-* headers only to a proxy (on CONNECT when tunnelling), never to the API
            builder.header("Proxy-Authorization", proxyAuthorization);
        }
        if (payload != null) {
            builder.header("Content-Type", "application/json");
            builder.method(method, HttpRequest.BodyPublishers.ofByteArray(payload));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    private static boolean isRetryableStatus(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504;
    }

    /** The wait before retry number {@code retry}, or {@code null} when no retry may start. */
    private Duration nextWait(int retry, Duration retryAfter, Instant start) {
        if (retry > retryPolicy.maxRetries()) {
            return null;
        }
        Duration wait = retryAfter != null ? retryAfter : retryPolicy.delay(retry, random);
        Duration elapsedAfterWait = Duration.between(start, clock.instant()).plus(wait);
        if (elapsedAfterWait.compareTo(retryPolicy.maxElapsed()) > 0) {
            return null;
        }
        return wait;
    }

    private void pause(Duration wait, String operation) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FonellaIoException("Interrupted while waiting to retry " + operation + ".", e);
        }
    }

    private Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After");
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        try {
            long seconds = Long.parseLong(value);
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    private JsonNode parseSuccess(String operation, int status, byte[] body, String requestId) {
        if (body.length == 0) {
            return json.createObjectNode();
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw new FonellaApiException(operation + " answered " + status + " with a body that is not the "
                    + "documented JSON envelope" + requestIdSuffix(requestId) + ". " + BASE_URL_HINT, status,
                    "invalid_response", null, requestId);
        }
        return node;
    }

    private FonellaApiException error(String operation, HttpResponse<byte[]> response, String scope) {
        int status = response.statusCode();
        String requestId = response.headers().firstValue(REQUEST_ID_HEADER).orElse(null);
        String code = null;
        String apiMessage = null;
        byte[] body = response.body();
        if (body != null && body.length > 0) {
            try {
                JsonNode node = json.readTree(body);
                if (node != null && node.isObject()) {
                    JsonNode error = node.get("error");
                    if (error != null && error.isObject()) {
                        code = text(error.get("code"));
                        apiMessage = text(error.get("message"));
                    } else if (error != null && error.isString()) {
                        apiMessage = error.asString();
                    }
                    if (code == null) {
                        code = text(node.get("code"));
                    }
                    if (apiMessage == null) {
                        apiMessage = text(node.get("message"));
                    }
                }
            } catch (JacksonException notJson) {
                // An HTML error page or truncated JSON: fall through to a message without the body's text.
            }
        }
        StringBuilder message = new StringBuilder(operation).append(" failed with HTTP ").append(status);
        if (code != null) {
            message.append(" ").append(code);
        }
        if (apiMessage != null) {
            message.append(": ").append(truncate(apiMessage));
        } else if (body != null && body.length > 0) {
            String type = response.headers().firstValue("Content-Type").orElse("unknown type");
            message.append(" (the body was not a Fonella error: ").append(type).append(", ")
                    .append(body.length).append(" bytes)");
        }
        message.append(requestIdSuffix(requestId)).append(". ").append(hint(status, scope, operation));
        String text = message.toString().trim();
        return switch (status) {
            case 401, 403 -> new FonellaAuthenticationException(text, status, code, apiMessage, requestId);
            case 404 -> new FonellaNotFoundException(text, status, code, apiMessage, requestId);
            case 400, 409, 422 -> new FonellaValidationException(text, status, code, apiMessage, requestId);
            case 429 -> new FonellaRateLimitException(text, code, apiMessage, requestId,
                    retryAfter(response).orElse(null));
            default -> status >= 500
                    ? new FonellaServerException(text, status, code, apiMessage, requestId)
                    : new FonellaApiException(text, status, code, apiMessage, requestId);
        };
    }

    private String hint(int status, String scope, String operation) {
        return switch (status) {
            case 401 -> "The API key " + maskedKey + " was rejected: check that it is a valid, unexpired key ("
                    + "fonella.api-key or FONELLA_API_KEY in Spring Boot and the Maven plugin, "
                    + "FonellaClient.Builder.apiKey otherwise).";
            case 403 -> "The API key " + maskedKey + " is not allowed to do this"
                    + (scope == null ? "" : "; it needs the '" + scope + "' scope") + ". Create a key with that scope.";
            case 404 -> COLLECTION.matcher(operation).matches()
                    ? "There is no such endpoint at " + baseUri + ". " + BASE_URL_HINT
                    : "Check the id; the resource may have been deleted.";
            case 407 -> proxyHint();
            case 429 -> "Too many requests: slow down or retry later.";
            default -> status >= 500 ? "Fonella failed on its side; retry later." : "";
        };
    }

    /** What to do about a 407 from the proxy, given what was configured. */
    private String proxyHint() {
        if (proxyAuthorization == null) {
            return "A proxy between this application and Fonella wants credentials: give them with "
                    + "FonellaClient.Builder.proxyCredentials (in Spring Boot, from a FonellaClientBuilderCustomizer).";
        }
        if (baseUri.getScheme().equals("https") && ProxyRules.basicTunnelingDisabled()) {
            return "The proxy credentials were not sent: this JVM does not send Basic credentials through an HTTPS "
                    + "tunnel. Start it with " + ProxyRules.ENABLE_BASIC_TUNNELING + ".";
        }
        return "The proxy refused the credentials given with FonellaClient.Builder.proxyCredentials: check them.";
    }

    private static String text(JsonNode node) {
        return node != null && node.isValueNode() && !node.isNull() ? node.asString() : null;
    }

    private static String truncate(String text) {
        return text.length() <= MAX_BODY_IN_MESSAGE ? text : text.substring(0, MAX_BODY_IN_MESSAGE) + "…";
    }

    private static String requestIdSuffix(String requestId) {
        return requestId == null ? "" : " (request id " + requestId + ")";
    }

    private FonellaIoException ioFailure(String operation, IOException e) {
        String what = e instanceof HttpTimeoutException
                ? "did not answer within " + requestTimeout.toMillis() + " ms"
                : "could not be reached (" + describe(e) + ")";
        return new FonellaIoException("Fonella at " + baseUri + " " + what + " for " + operation
                + ". Check " + BASE_URL + ", the network and any proxy between this app and Fonella."
                + ApiRules.unreachableHint(baseUri), e);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
