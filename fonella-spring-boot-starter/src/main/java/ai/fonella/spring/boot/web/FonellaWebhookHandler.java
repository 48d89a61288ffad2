package ai.fonella.spring.boot.web;

import ai.fonella.event.DispatchResult;
import ai.fonella.event.EventParseException;
import ai.fonella.event.HandlerOutcome;
import ai.fonella.spring.boot.registry.FonellaHandlerRegistry;
import ai.fonella.webhook.WebhookVerificationException;
import ai.fonella.webhook.WebhookVerifier;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Serves {@code POST {base-path}/webhooks}: verifies the signature over the raw body before anything
 * parses it (401 on failure, without a hint of the expected value), then dispatches the event to
 * every matching {@code @OnFonellaEvent} method. Answers 200 when every handler succeeded (now or on
 * an earlier delivery) or none applies, 500 when a handler failed, and 503 while a concurrent
 * delivery of the same event is still being handled, so that Fonella redelivers; handlers that
 * already succeeded are not run again.
 */
public final class FonellaWebhookHandler {

    private static final Logger log = LoggerFactory.getLogger(FonellaWebhookHandler.class);

    private final FonellaHandlerRegistry registry;
    private final WebhookVerifier verifier;
    private final long maxBodyBytes;
    private final Duration bodyReadTimeout;
    private final FonellaObservations observations;

    /**
     * @param registry the discovered handlers and their dispatcher
     * @param verifier checks signatures
     * @param maxBodyBytes the largest accepted body
     * @param observations records deliveries
     */
    public FonellaWebhookHandler(FonellaHandlerRegistry registry, WebhookVerifier verifier, long maxBodyBytes,
            FonellaObservations observations) {
        this(registry, verifier, maxBodyBytes, FonellaToolHandler.DEFAULT_BODY_READ_TIMEOUT, observations);
    }

    /**
     * @param registry the discovered handlers and their dispatcher
     * @param verifier checks signatures
     * @param maxBodyBytes the largest accepted body
     * @param bodyReadTimeout the longest time to spend reading a body
     * @param observations records deliveries
     */
    public FonellaWebhookHandler(FonellaHandlerRegistry registry, WebhookVerifier verifier, long maxBodyBytes,
            Duration bodyReadTimeout, FonellaObservations observations) {
        this.registry = registry;
        this.verifier = verifier;
        this.maxBodyBytes = maxBodyBytes;
        this.bodyReadTimeout = bodyReadTimeout;
        this.observations = observations;
    }

    /**
     * Handles one delivery.
     *
     * @param request the request
     * @return the answer
     */
    public ServerResponse handle(ServerRequest request) {
        if (request.method() != HttpMethod.POST) {
            return Problems.methodNotAllowed(HttpMethod.POST.name(), "Fonella delivers webhooks with POST.");
        }
        long start = System.nanoTime();
        Answer answer = observations.observe(FonellaObservations.WEBHOOK_DELIVERY,
                () -> receive(request.servletRequest()),
                result -> Map.of("fonella.event.type", result.eventType(), "outcome", result.outcome()));
        if (log.isDebugEnabled()) {
            log.debug("Fonella webhook {} {} -> {} in {} ms", answer.eventType(),
                    answer.eventId() == null ? "(not parsed)" : answer.eventId(), answer.outcome(),
                    (System.nanoTime() - start) / 1_000_000);
        }
        return answer.response();
    }

    private Answer receive(HttpServletRequest servlet) {
        byte[] body;
        try {
            body = RequestBodies.read(servlet, maxBodyBytes, bodyReadTimeout);
        } catch (RequestBodies.TooLargeException e) {
            return new Answer(Problems.problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
                    "The body exceeds the limit of " + maxBodyBytes + " bytes (fonella.max-body-size)."), "rejected");
        } catch (RequestBodies.TooSlowException e) {
            return new Answer(Problems.tooSlow(bodyReadTimeout), "rejected");
        } catch (IOException e) {
            log.debug("Could not read a webhook body", e);
            return new Answer(Problems.problem(HttpStatus.BAD_REQUEST, "Unreadable request body",
                    "The request body could not be read."), "rejected");
        }
        try {
            verifier.verify(body, servlet::getHeader);
        } catch (WebhookVerificationException e) {
            log.warn("Rejected a webhook delivery: {} ({})", e.reason(), e.getMessage());
            return new Answer(Problems.problem(HttpStatus.UNAUTHORIZED, "Invalid webhook signature", e.getMessage(),
                    Map.of("reason", e.reason().name())), "rejected");
        }
        DispatchResult result;
        try {
            result = registry.dispatcher().dispatch(body);
        } catch (EventParseException e) {
            return new Answer(Problems.problem(HttpStatus.BAD_REQUEST, "Malformed event", e.getMessage()), "invalid");
        }
        String eventType = result.event().eventType().wireName();
        HttpStatus status = HttpStatus.valueOf(result.httpStatus());
        if (status.is2xxSuccessful()) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("received", true);
            answer.put("eventId", result.event().id());
            answer.put("handlers", outcomes(result.outcomes()));
            boolean duplicate = !result.outcomes().isEmpty() && result.outcomes().stream()
                    .allMatch(outcome -> outcome.status() == HandlerOutcome.Status.SKIPPED_DUPLICATE);
            return new Answer(ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).body(answer),
                    duplicate ? "duplicate" : "success", eventType, result.event().id());
        }
        boolean inProgress = status == HttpStatus.SERVICE_UNAVAILABLE;
        String detail = inProgress
                ? "Another delivery of event " + result.event().id() + " is still being handled; redeliver later."
                : result.failures().size() + " handler(s) failed for event " + result.event().id()
                        + "; redeliver to retry them (handlers that succeeded are not run again).";
        return new Answer(Problems.problem(status, inProgress ? "Event in progress" : "Event handler failed", detail,
                Map.of("eventId", result.event().id(), "handlers", outcomes(result.outcomes()))), "failure", eventType, result.event().id());
    }

    private static List<Map<String, String>> outcomes(List<HandlerOutcome> outcomes) {
        return outcomes.stream()
                .map(outcome -> Map.of("id", outcome.handlerId(),
                        "status", outcome.status().name().toLowerCase(Locale.ROOT)))
                .toList();
    }

    /** A response with the tags to record for it; the event type is known only after parsing. */
    private record Answer(ServerResponse response, String outcome, String eventType, String eventId) {
        Answer(ServerResponse response, String outcome) {
            this(response, outcome, "unknown", null);
        }
    }
}
