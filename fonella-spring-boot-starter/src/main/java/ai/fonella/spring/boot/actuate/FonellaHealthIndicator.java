package ai.fonella.spring.boot.actuate;

import ai.fonella.client.FonellaApiException;
import ai.fonella.client.FonellaAuthenticationException;
import ai.fonella.client.FonellaClient;
import ai.fonella.support.Secrets;
import ai.fonella.spring.boot.registry.FonellaHandlerRegistry;
import ai.fonella.spring.boot.autoconfigure.FonellaProperties;
import ai.fonella.spring.boot.autoconfigure.FonellaStartupSync;
import ai.fonella.spring.boot.autoconfigure.FonellaSyncStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the app's link to Fonella: whether the API is reachable and accepts the key (checked at
 * most every 30 seconds, so health probes do not turn into API traffic; a sync that succeeds after a
 * failed check counts as a successful one), and the outcome of the latest tool sync and webhook
 * registration. {@code DOWN} when the key is rejected, the API is
 * unreachable or the latest sync failed or found drift; {@code UNKNOWN} before the first sync.
 */
public class FonellaHealthIndicator implements HealthIndicator {

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
    public FonellaHealthIndicator(FonellaClient client, FonellaStartupSync sync, FonellaHandlerRegistry registry,
            FonellaProperties properties) {
        this(client, sync, registry, properties, Clock.systemUTC());
    }

    FonellaHealthIndicator(FonellaClient client, FonellaStartupSync sync, FonellaHandlerRegistry registry,
            FonellaProperties properties, Clock clock) {
        this.client = client;
        this.sync = sync;
        this.registry = registry;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Health health() {
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
        if (client == null) {
            details.put("apiKey", "not set");
            return Health.up().withDetails(details).build();
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
        Health.Builder health;
        if (!check.ok() || status.state() == FonellaSyncStatus.State.FAILED
                || status.state() == FonellaSyncStatus.State.DRIFT) {
            health = Health.down();
        } else if (status.state() == FonellaSyncStatus.State.PENDING) {
            health = Health.unknown();
        } else {
            health = Health.up();
        }
        return health.withDetails(details).build();
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

    /** One look at the API: whether it answered, whether it accepted the key, and what went wrong. */
    private record ApiCheck(Instant at, boolean reachable, boolean keyValid, String error) {

        boolean ok() {
            return error == null;
        }
    }
}
