package ai.fonella.spring.boot.autoconfigure;

import java.time.Instant;

/**
 * The outcome of the latest startup sync (tools and webhook subscription), for the health indicator
 * and the actuator endpoint.
 *
 * @param state where the sync stands
 * @param message what happened, safe to show (no secrets)
 * @param plan the rendered tool plan of the latest attempt, or {@code null}
 * @param attempts attempts so far
 * @param lastAttempt when the latest attempt ended, or {@code null}
 * @param lastSuccess when the latest successful attempt ended, or {@code null}
 * @param webhookId the id of this app's webhook subscription, or {@code null}
 */
public record FonellaSyncStatus(State state, String message, String plan, int attempts, Instant lastAttempt,
        Instant lastSuccess, String webhookId) {

    /** Where the sync stands. */
    public enum State {
        /** Not attempted yet. */
        PENDING,
        /** Nothing to do: no API key, or sync and registration are off, or there is nothing to register. */
        DISABLED,
        /** Tools and subscription match the code. */
        SYNCED,
        /** Validate mode found registered tools that differ from the code. */
        DRIFT,
        /** The latest attempt failed; see the message. Retried in the background unless fail-fast. */
        FAILED
    }

    static FonellaSyncStatus pending() {
        return new FonellaSyncStatus(State.PENDING, "Sync has not run yet.", null, 0, null, null, null);
    }

    /**
     * @return whether the app's registration is known to be in order
     */
    public boolean isHealthy() {
        return state == State.SYNCED || state == State.DISABLED;
    }
}
