package ai.fonella.spring.boot.actuate;

import ai.fonella.client.FonellaApiException;
import ai.fonella.client.FonellaAuthenticationException;
import ai.fonella.client.FonellaClient;
import ai.fonella.event.EventDeduplicationStore;
import ai.fonella.spring.boot.autoconfigure.FonellaProperties;
import ai.fonella.spring.boot.autoconfigure.FonellaStartupSync;
import ai.fonella.spring.boot.autoconfigure.FonellaSyncStatus;
import ai.fonella.spring.boot.registry.FonellaHandlerRegistry;
import ai.fonella.support.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Health of the app's link to Fonella: whether the API is reachable and accepts the key (checked at
 * most every 30 seconds, so health probes do not turn into API traffic; a sync that succeeds after a
 * failed check counts as a successful one), and the outcome of the latest tool sync and webhook
 * registration, and whether the webhook deduplication store answers. {@code DOWN} when the key is
 * rejected, the API is unreachable, the latest sync failed or found drift, or the deduplication
 * store cannot be reached (deliveries are answered 503 meanwhile); {@code UNKNOWN} before the first
 * sync.
 *
 * <p>Free of Spring Boot's health types, which Boot 4 moved: {@link FonellaHealthIndicator} reports it
 * on Boot 4, {@code FonellaBoot3HealthIndicator} on Boot 3.5.
 */
public final class FonellaHealth {

    static final Duration CHECK_INTERVAL = Duration.ofSeconds(30);

    private final FonellaClient client;
    private final FonellaStartupSync sync;
    private final FonellaHandlerRegistry registry;
    private final FonellaProperties properties;
    private final Clock clock;
    private volatile ApiCheck lastCheck;

    /**
     * @param client the API client, or {@code null} without an API key
     * @param sync the startup sync
     * @param registry the discovered handlers
     * @param properties the configuration
     */
    public FonellaHealth(FonellaClient client, FonellaStartupSync sync, FonellaHandlerRegistry registry,
            FonellaProperties properties) {
        this(client, sync, registry, properties, Clock.systemUTC());
    }

    FonellaHealth(FonellaClient client, FonellaStartupSync sync, FonellaHandlerRegistry registry,
            FonellaProperties properties, Clock clock) {
        this.client = client;
        this.sync = sync;
        this.registry = registry;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Looks at the link now; calls the API at most every 30 seconds.
     *
     * @return the status and its details
     */
    public Report report() {
        FonellaSyncStatus status = sync.status();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("baseUrl", properties.getBaseUrl());
        details.put("tools", registry.tools().size());
        details.put("eventHandlers", registry.eventHandlers().size());
        details.put("sync", status.state().name());
        details.put("syncMessage", status.message());
        if (status.lastAttempt() != null) {
            details.put("lastSyncAttempt", status.lastAttempt().toString());
        }
        if (status.lastSuccess() != null) {
            details.put("lastSyncSuccess", status.lastSuccess().toString());
        }
        if (status.webhookId() != null) {
            details.put("webhookId", status.webhookId());
        }
        String storeError = deduplicationStoreError(details);
        if (client == null) {
            details.put("apiKey", "not set");
            return new Report(storeError == null ? Status.UP : Status.DOWN, details);
        }
        details.put("apiKey", Secrets.maskApiKey(properties.getApiKey().strip()));
        ApiCheck check = check(status);
        details.put("apiReachable", check.reachable());
        if (check.reachable()) {
            details.put("apiKeyValid", check.keyValid());
        }
        if (!check.ok()) {
            details.put("apiError", check.error());
        }
        Status health;
        if (!check.ok() || storeError != null || status.state() == FonellaSyncStatus.State.FAILED
                || status.state() == FonellaSyncStatus.State.DRIFT) {
            health = Status.DOWN;
        } else if (status.state() == FonellaSyncStatus.State.PENDING) {
            health = Status.UNKNOWN;
        } else {
            health = Status.UP;
        }
        return new Report(health, details);
    }

    /**
     * Adds the deduplication store and whether it answers; a shared store is asked on every health
     * call (one cheap query), so that recovery shows as soon as it is back.
     *
     * @return what went wrong, or {@code null} when the store answered
     */
    private String deduplicationStoreError(Map<String, Object> details) {
        if (!registry.hasEventHandlers()) {
            return null;
        }
        EventDeduplicationStore store = registry.dispatcher().deduplicationStore();
        details.put("deduplicationStore", store.toString());
        try {
            store.ping();
            details.put("deduplicationStoreReachable", true);
            return null;
        } catch (RuntimeException e) {
            details.put("deduplicationStoreReachable", false);
            details.put("deduplicationStoreError", e.getMessage());
            return e.getMessage();
        }
    }

    private ApiCheck check(FonellaSyncStatus status) {
        Instant now = clock.instant();
        ApiCheck previous = lastCheck;
        if (previous != null && !previous.ok() && status.lastSuccess() != null
                && status.lastSuccess().isAfter(previous.at())) {
            // a sync has succeeded since the failed check: the API answered and accepted the key
            previous = new ApiCheck(status.lastSuccess(), true, true, null);
            lastCheck = previous;
        }
        if (previous != null && previous.at().plus(CHECK_INTERVAL).isAfter(now)) {
            return previous;
        }
        ApiCheck next;
        try {
            client.apiKeys().list();
            next = new ApiCheck(now, true, true, null);
        } catch (FonellaAuthenticationException e) {
            next = new ApiCheck(now, true, false, e.getMessage()); // it answered, and refused the key
        } catch (FonellaApiException e) {
            next = new ApiCheck(now, true, true, e.getMessage());
        } catch (RuntimeException e) {
            next = new ApiCheck(now, false, false, e.getMessage());
        }
        lastCheck = next;
        return next;
    }

    /** The health states Fonella reports, named as Spring Boot's status codes. */
    public enum Status {
        /** Linked and in sync. */
        UP,
        /** The key is refused, the API unreachable, or the sync failed or found drift. */
        DOWN,
        /** Before the first sync. */
        UNKNOWN
    }

    /**
     * One report.
     *
     * @param status the state, as Boot's status code of the same name
     * @param details the details, in a stable order
     */
    public record Report(Status status, Map<String, Object> details) {
    }

    /** One look at the API: whether it answered, whether it accepted the key, and what went wrong. */
    private record ApiCheck(Instant at, boolean reachable, boolean keyValid, String error) {

        boolean ok() {
            return error == null;
        }
    }
}
