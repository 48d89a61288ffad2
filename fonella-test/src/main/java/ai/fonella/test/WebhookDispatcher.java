package ai.fonella.test;

import ai.fonella.model.ApiRules;
import ai.fonella.model.EventType;
import ai.fonella.model.Webhook;
import ai.fonella.webhook.WebhookSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Delivers events to the subscriptions of an account: signed with {@link WebhookSigner}, posted as
 * JSON, retried with backoff, with {@code failureCount}, {@code lastFailedAt} and
 * {@code lastDeliveredAt} kept on the subscription and every attempt recorded. Keeps every event so
 * that it can be redelivered with the same id and bytes.
 */
final class WebhookDispatcher {

    static final String USER_AGENT = "Fonella-Emulator";

    /** The error of an attempt failed by {@link Faults#failNextDeliveries(String, int)}. */
    static final String INJECTED_FAILURE = "not sent: injected fault (Faults.failNextDeliveries)";

    private static final Logger log = LoggerFactory.getLogger(FonellaEmulator.class);

    private final EmulatorState state;
    private final Recorder recorder;
    private final EmulatorSettings settings;
    private final HttpClient http;
    private final ExecutorService executor;
    private final Faults faults;
    private final Map<String, StoredEvent> events = new ConcurrentHashMap<>();

    WebhookDispatcher(EmulatorState state, Recorder recorder, EmulatorSettings settings, HttpClient http,
            ExecutorService executor, Faults faults) {
        this.state = state;
        this.faults = faults;
        this.recorder = recorder;
        this.settings = settings;
        this.http = http;
        this.executor = executor;
    }

    /**
     * Creates an event and delivers it to every enabled subscription of the account subscribed to its
     * type; returns once every delivery succeeded or ran out of retries.
     */
    StoredEvent publish(AccountState account, EventType type, ObjectNode data) {
        StoredEvent event = Events.create(account.id(), type, state.now(), data);
        events.put(event.id(), event);
        deliver(account, event);
        return event;
    }

    /** Sends a stored event again, same id and body, to the subscriptions that want it now. */
    List<RecordedDelivery> redeliver(String eventId) {
        StoredEvent event = events.get(eventId);
        if (event == null) {
            throw new IllegalArgumentException("No event with id '" + eventId + "' was delivered by this emulator "
                    + "(since the last reset).");
        }
        AccountState account = state.account(event.accountId());
        if (account == null) {
            throw new IllegalArgumentException("The account of event '" + eventId + "' no longer exists.");
        }
        return deliver(account, event).stream().flatMap(List::stream).toList();
    }

    /**
     * Creates {@code count} events of one type around a synthetic call and delivers them with
     * {@code concurrency} threads at once.
     */
    BulkDelivery deliverMany(AccountState account, EventType type, int count, int concurrency) {
        if (count < 1 || concurrency < 1) {
            throw new IllegalArgumentException("count and concurrency must be at least 1, but were " + count + " and "
                    + concurrency);
        }
        if (type == null || type == EventType.UNKNOWN) {
            throw new IllegalArgumentException("type must be one of the eight documented event types");
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "fonella-emulator-bulk-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        long started = System.nanoTime();
        try {
            List<Future<Outcome>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> {
                    StoredEvent event = Events.create(account.id(), type, state.now(),
                            Events.synthetic(type, state.now()));
                    events.put(event.id(), event);
                    return new Outcome(event.id(), deliver(account, event));
                }));
            }
            List<String> ids = new ArrayList<>(count);
            int attempts = 0;
            int delivered = 0;
            int failed = 0;
            for (Future<Outcome> future : futures) {
                Outcome outcome = join(future);
                ids.add(outcome.eventId());
                for (List<RecordedDelivery> perSubscription : outcome.deliveries()) {
                    attempts += perSubscription.size();
                    if (!perSubscription.isEmpty() && perSubscription.get(perSubscription.size() - 1).succeeded()) {
                        delivered++;
                    } else {
                        failed++;
                    }
                }
            }
            return new BulkDelivery(ids, attempts, delivered, failed, Duration.ofNanos(System.nanoTime() - started));
        } finally {
            pool.shutdownNow();
        }
    }

    void clear() {
        events.clear();
    }

    /** Delivers to each subscriber, in parallel when there are several; one list of attempts per subscriber. */
    private List<List<RecordedDelivery>> deliver(AccountState account, StoredEvent event) {
        List<Webhook> subscribers = account.subscribers(event.type());
        if (subscribers.size() == 1) {
            return List.of(deliverTo(account, subscribers.get(0).webhookId(), event));
        }
        List<CompletableFuture<List<RecordedDelivery>>> futures = subscribers.stream()
                .map(w -> CompletableFuture.supplyAsync(() -> deliverTo(account, w.webhookId(), event), executor))
                .toList();
        return futures.stream().map(CompletableFuture::join).toList();
    }

    private List<RecordedDelivery> deliverTo(AccountState account, String webhookId, StoredEvent event) {
        List<RecordedDelivery> attempts = new ArrayList<>();
        List<Duration> backoff = settings.deliveryBackoff();
        for (int attempt = 1; attempt <= backoff.size() + 1; attempt++) {
            Webhook webhook = account.webhook(webhookId);
            if (webhook == null || !webhook.enabled()) {
                break; // deleted or disabled meanwhile: no further attempts
            }
            if (!settings.allowExternalRequests() && !isLoopbackUrl(webhook.url())) {
                attempts.add(record(event, webhook, attempt, null, "not sent: the emulator only delivers to loopback "
                        + "hosts unless built with allowExternalRequests(true)", state.now(), Duration.ZERO, Map.of()));
                break;
            }
            RecordedDelivery result = attempt(account, webhook, event, attempt);
            attempts.add(result);
            if (result.succeeded() || attempt > backoff.size()) {
                break;
            }
            try {
                Thread.sleep(backoff.get(attempt - 1).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return attempts;
    }

    private RecordedDelivery attempt(AccountState account, Webhook webhook, StoredEvent event, int attempt) {
        Instant at = state.now();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.putAll(WebhookSigner.of(settings.signatureScheme(), webhook.secret()).sign(event.id(), at,
                event.body()));
        if (faults.takeDeliveryFailure(webhook.webhookId())) {
            account.deliveryFailed(webhook.webhookId(), at);
            return record(event, webhook, attempt, null, INJECTED_FAILURE, at, Duration.ZERO, headers);
        }
        Integer status = null;
        String error;
        long started = System.nanoTime();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webhook.url()))
                    .timeout(settings.deliveryTimeout())
                    .header("User-Agent", USER_AGENT)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(event.body()));
            headers.forEach(request::header);
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            error = status >= 200 && status < 300 ? null : "the receiver answered HTTP " + status;
        } catch (HttpTimeoutException e) {
            error = "no answer within " + Durations.describe(settings.deliveryTimeout());
        } catch (IOException e) {
            error = "could not be delivered: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
        } catch (IllegalArgumentException e) {
            error = "the URL cannot be called: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted before the receiver answered";
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (error == null) {
            account.deliverySucceeded(webhook.webhookId(), at);
        } else {
            account.deliveryFailed(webhook.webhookId(), at);
            log.debug("Delivery of {} {} to webhook {} failed (attempt {}): {}", event.type().wireName(), event.id(),
                    webhook.webhookId(), attempt, error);
        }
        return record(event, webhook, attempt, status, error, at, took, headers);
    }

    private RecordedDelivery record(StoredEvent event, Webhook webhook, int attempt, Integer status, String error,
            Instant at, Duration took, Map<String, String> headers) {
        RecordedDelivery delivery = new RecordedDelivery(event.id(), event.type(), webhook.webhookId(), webhook.url(),
                attempt, status, error, at, took, new String(event.body(), StandardCharsets.UTF_8), headers);
        recorder.delivery(delivery);
        return delivery;
    }

    static boolean isLoopbackUrl(String url) {
        try {
            return ApiRules.isLoopback(URI.create(url).getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Outcome join(Future<Outcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while delivering events", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Delivering an event failed: " + e.getCause(), e.getCause());
        }
    }

    private record Outcome(String eventId, List<List<RecordedDelivery>> deliveries) {
    }
}
