package ai.fonella.test;

import ai.fonella.webhook.SignatureScheme;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The options of one emulator, fixed when it is built.
 *
 * @param allowLoopbackHttp whether {@code http://} URLs to loopback hosts are accepted for tools and webhooks
 * @param signatureScheme how deliveries are signed
 * @param deliveryBackoff the waits before the retries of a failed delivery; its size is the number of retries
 * @param deliveryTimeout how long a webhook receiver may take to answer
 * @param toolTimeout how long a tool may take to answer
 * @param allowExternalRequests whether deliveries and tool invocations may go to non-loopback hosts
 * @param clock the clock for every timestamp
 */
record EmulatorSettings(
        boolean allowLoopbackHttp,
        SignatureScheme signatureScheme,
        List<Duration> deliveryBackoff,
        Duration deliveryTimeout,
        Duration toolTimeout,
        boolean allowExternalRequests,
        Clock clock) {

    /** Consecutive failed delivery attempts after which a subscription is disabled. */
    static final int MAX_CONSECUTIVE_FAILURES = 10;

    EmulatorSettings {
        deliveryBackoff = List.copyOf(deliveryBackoff);
    }
}
