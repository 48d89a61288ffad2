package ai.fonella.spring.boot.web;

import ai.fonella.event.DispatchResult;
import ai.fonella.event.EventParseException;
import ai.fonella.event.HandlerOutcome;
import ai.fonella.spring.boot.registry.FonellaHandlerRegistry;
import ai.fonella.webhook.WebhookVerificationException;
import ai.fonella.webhook.WebhookVerifier;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.HttpRequestHandler;

/**
 * Serves {@code POST {base-path}/webhooks}. A request that cannot be genuine is refused before its
 * body is read: a missing or malformed signature header, or a signed timestamp outside the
 * tolerance, gets 401 at once and its connection closed. The body is then read within
 * {@code fonella.body-read-timeout} of arrival without holding a thread while it arrives, and its
 * signature verified over the raw bytes before anything parses them (401 on failure, without a hint
 * of the expected value). The event is then dispatched to every matching {@code @OnFonellaEvent}
 * method. Answers 200 when every handler succeeded (now or on an earlier delivery) or none applies,
 * 500 when a handler failed, and 503 while a concurrent delivery of the same event is still being
 * handled, so that Fonella redelivers; handlers that already succeeded are not run again.
 */
public final class FonellaWebhookHandler implements HttpRequestHandler {

    private static final Logger log = LoggerFactory.getLogger(FonellaWebhookHandler.class);

    private final FonellaHandlerRegistry registry;
    private final WebhookVerifier verifier;
    private final long maxBodyBytes;
    private final Duration bodyReadTimeout;
    private final FonellaObservations observations;
    private final BooleanSupplier signatureMismatch;

    /**
     * @param registry the discovered handlers and their dispatcher
     * @param verifier checks signatures
     * @param maxBodyBytes the largest accepted body
     * @param bodyReadTimeout the longest time from a request's arrival to the last byte of its body
     * @param observations records deliveries
     * @param signatureMismatch told when a well-formed, timely delivery matches no accepted secret
     *     (the subscription's secret may have changed since this app last learned it); answers
     *     whether it started a check of the subscription
     */
    public FonellaWebhookHandler(FonellaHandlerRegistry registry, WebhookVerifier verifier, long maxBodyBytes,
            Duration bodyReadTimeout, FonellaObservations observations, BooleanSupplier signatureMismatch) {
        this.registry = registry;
        this.verifier = verifier;
        this.maxBodyBytes = maxBodyBytes;
        this.bodyReadTimeout = bodyReadTimeout;
        this.observations = observations;
        this.signatureMismatch = signatureMismatch;
    }

    /**
     * At most one WARN per reason a minute: anyone on the internet can send unsigned requests, and
     * each would otherwise be a log line. The rest go to DEBUG and are counted in the next WARN.
     */
    private final RejectionLog<WebhookVerificationException.Reason> rejectionLog = new RejectionLog<>(Duration.ofMinutes(1));

    @Override
    public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long arrival = RequestBodies.arrival(request);
        if (!HttpMethod.POST.matches(request.getMethod())) {
            RequestBodies.sendUnread(request, response,
                    Problems.methodNotAllowed(HttpMethod.POST.name(), "Fonella delivers webhooks with POST."),
                    bodyReadTimeout);
            return;
        }
        WebhookVerificationException refused = null;
        try {
            verifier.verifyHeaders(request::getHeader);
        } catch (WebhookVerificationException e) {
            refused = e;
        }
        byte[] body = null;
        if (refused == null) {
            body = RequestBodies.read(request, response, maxBodyBytes, bodyReadTimeout);
            if (body == null) {
                return; // answered, or dispatched here again once the body is in
            }
        }
        WebhookVerificationException early = refused;
        byte[] received = body;
        Answer answer = observations.observe(FonellaObservations.WEBHOOK_DELIVERY,
                () -> early != null ? rejected(early) : receive(request, received),
                result -> Map.of("fonella.event.type", result.eventType(), "outcome", result.outcome()));
        if (early != null) {
            RequestBodies.sendUnread(request, response, answer.reply(), bodyReadTimeout);
        } else {
            answer.reply().send(response);
        }
        if (log.isDebugEnabled()) {
            log.debug("Fonella webhook {} {} -> {} in {} ms", answer.eventType(),
                    answer.eventId() == null ? "(not parsed)" : answer.eventId(), answer.outcome(),
                    (System.nanoTime() - arrival) / 1_000_000);
        }
    }

    private Answer rejected(WebhookVerificationException e) {
        long quieted = rejectionLog.admit(e.reason());
        if (quieted >= 0) {
            log.warn("Rejected a webhook delivery: {} ({}){}", e.reason(), e.getMessage(), quieted == 0 ? ""
                    : " [" + quieted + " more for this reason since the last warning, logged at DEBUG]");
        } else {
            log.debug("Rejected a webhook delivery: {} ({})", e.reason(), e.getMessage());
        }
        return unauthorized(e);
    }

    private static Answer unauthorized(WebhookVerificationException e) {
        return new Answer(Problems.problem(HttpStatus.UNAUTHORIZED, "Invalid webhook signature", e.getMessage(),
                Map.of("reason", e.reason().name())), "rejected");
    }

    private Answer receive(HttpServletRequest servlet, byte[] body) {
        try {
            verifier.verify(body, servlet::getHeader);
        } catch (WebhookVerificationException e) {
            if (e.reason() == WebhookVerificationException.Reason.SIGNATURE_MISMATCH
                    && signatureMismatch.getAsBoolean()) {
                log.info("A webhook delivery's signature matched no accepted secret; checking whether the "
                        + "subscription has a new one (another instance may have re-created it), so that Fonella's "
                        + "retry verifies");
                return unauthorized(e);
            }
            return rejected(e);
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
            return new Answer(Problems.json(status.value(), answer), duplicate ? "duplicate" : "success", eventType,
                    result.event().id());
        }
        boolean inProgress = status == HttpStatus.SERVICE_UNAVAILABLE;
        Map<String, Object> properties = Map.of("eventId", result.event().id(), "handlers",
                outcomes(result.outcomes()));
        if (result.retryAfter().isPresent()) {
            // The deduplication store cannot be reached: no handler ran without its claim.
            Problems.Reply problem = Problems.problem(status, "Deduplication store unavailable", "The store that "
                    + "keeps handlers from running twice cannot be reached, so no handler ran for event "
                    + result.event().id() + "; redeliver later.", properties);
            String retryAfter = String.valueOf(result.retryAfter().get().toSeconds());
            return new Answer(response -> {
                response.setHeader(HttpHeaders.RETRY_AFTER, retryAfter);
                problem.send(response);
            }, "failure", eventType, result.event().id());
        }
        String detail = inProgress
                ? "Another delivery of event " + result.event().id() + " is still being handled; redeliver later."
                : result.failures().size() + " handler(s) failed for event " + result.event().id()
                        + "; redeliver to retry them (handlers that succeeded are not run again).";
        return new Answer(Problems.problem(status, inProgress ? "Event in progress" : "Event handler failed", detail,
                properties), "failure", eventType, result.event().id());
    }

    private static List<Map<String, String>> outcomes(List<HandlerOutcome> outcomes) {
        return outcomes.stream()
                .map(outcome -> Map.of("id", outcome.handlerId(),
                        "status", outcome.status().name().toLowerCase(Locale.ROOT)))
                .toList();
    }

    /** An answer with the tags to record for it; the event type is known only after parsing. */
    private record Answer(Problems.Reply reply, String outcome, String eventType, String eventId) {
        Answer(Problems.Reply reply, String outcome) {
            this(reply, outcome, "unknown", null);
        }
    }
}
