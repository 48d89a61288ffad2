package ai.fonella.spring.boot.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.fonella.client.FonellaClient;
import ai.fonella.model.EventType;
import ai.fonella.model.UpdateWebhookRequest;
import ai.fonella.model.Webhook;
import ai.fonella.spring.boot.autoconfigure.FonellaStartupSync;
import ai.fonella.spring.boot.autoconfigure.FonellaSyncStatus;
import ai.fonella.spring.boot.registry.FonellaStartupException;
import ai.fonella.test.BulkDelivery;
import ai.fonella.test.EmulatorAccount;
import ai.fonella.test.FonellaEmulator;
import ai.fonella.test.FonellaEmulatorTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The running app keeps its webhook subscription: Fonella disables a subscription after repeated
 * failed deliveries (a handler or deduplication store outage long enough does it), and a
 * subscription may be deleted in the console. Either would stop every delivery until the next
 * restart; the starter's periodic check ({@code fonella.webhooks.reconcile-interval}) repairs it,
 * and deliveries resume, signed with whatever secret the subscription has now. Real deliveries from
 * the emulator, which disables a subscription after 10 consecutive failed attempts.
 */
@FonellaEmulatorTest
@ExtendWith(OutputCaptureExtension.class)
class SubscriptionReconcileIT {

    private final FonellaEmulator emulator;

    SubscriptionReconcileIT(FonellaEmulator emulator) {
        this.emulator = emulator;
    }

    @AfterEach
    void recover() {
        emulator.faults().clear();
        if (!emulator.isRunning()) {
            emulator.restart();
        }
    }

    @Test
    void aSubscriptionFonellaDisabledAfterFailedDeliveriesIsReEnabledAndDeliveriesResume(CapturedOutput output) {
        EmulatorAccount account = emulator.newAccount();
        try (ConfigurableApplicationContext app = start(account, "300ms")) {
            ProbeHandlers probe = app.getBean(ProbeHandlers.class);
            probe.transcriptFailurePercent = 100;

            // 3 events x 4 attempts each, all answered 500: the emulator disables at the 10th
            BulkDelivery failing = emulator.deliverEvents(account, EventType.CALL_TRANSCRIPT, 3, 1);
            assertThat(failing.delivered()).isZero();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output.getOut())
                    .contains("was disabled after 10 failed deliveries in a row"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(subscription(account).enabled()).isTrue());
            FonellaSyncStatus status = app.getBean(FonellaStartupSync.class).status();
            assertThat(status.state()).isEqualTo(FonellaSyncStatus.State.SYNCED);
            assertThat(status.message()).contains("re-enabled");

            probe.transcriptFailurePercent = 0;
            BulkDelivery resumed = emulator.deliverEvents(account, EventType.CALL_TRANSCRIPT, 5, 2);
            assertThat(resumed.delivered()).isEqualTo(5);
            assertThat(probe.transcriptHandled.keySet()).containsAll(resumed.eventIds());
        }
    }

    @Test
    void aDeletedSubscriptionIsCreatedAgainAndItsNewSecretAccepted(CapturedOutput output) {
        EmulatorAccount account = emulator.newAccount();
        try (ConfigurableApplicationContext app = start(account, "300ms")) {
            Webhook original = subscription(account);
            client(account).webhooks().delete(original.webhookId());

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(client(account).webhooks().list())
                    .singleElement().satisfies(webhook -> {
                        assertThat(webhook.webhookId()).isNotEqualTo(original.webhookId());
                        assertThat(webhook.url()).isEqualTo(original.url());
                    }));
            assertThat(subscription(account).secret()).isNotEqualTo(original.secret());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output.getOut())
                    .contains("Webhook subscription " + original.webhookId() + " no longer existed"));

            BulkDelivery resumed = emulator.deliverEvents(account, EventType.CALL_TRANSCRIPT, 3, 1);
            assertThat(resumed.delivered()).as("deliveries signed with the new subscription's secret").isEqualTo(3);
            assertThat(app.getBean(ProbeHandlers.class).transcriptHandled.keySet()).containsAll(resumed.eventIds());
        }
    }

    @Test
    void aSubscriptionDisabledByHandIsReEnabledSayingSo(CapturedOutput output) {
        EmulatorAccount account = emulator.newAccount();
        try (ConfigurableApplicationContext app = start(account, "300ms")) {
            client(account).webhooks().update(subscription(account).webhookId(),
                    UpdateWebhookRequest.builder().enabled(false).build());

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output.getOut())
                    .contains("was disabled with no failed deliveries (in the Fonella console or through the API); "
                            + "re-enabled it"));
            assertThat(subscription(account).enabled()).isTrue();
        }
    }

    @Test
    void theCheckAddsMissingEventTypesAndRemovesNoneAnotherVersionOfTheAppTakes(CapturedOutput output) {
        EmulatorAccount account = emulator.newAccount();
        try (ConfigurableApplicationContext app = start(account, "300ms")) {
            Webhook registered = subscription(account);
            assertThat(registered.events()).contains(EventType.CALL_TRANSCRIPT).doesNotContain(EventType.CALL_STARTED);
            // as a newer version with one more handler, and one fewer, would leave it during a rolling deploy
            List<EventType> other = new ArrayList<>(registered.events());
            other.remove(EventType.CALL_TRANSCRIPT);
            other.add(EventType.CALL_STARTED);
            client(account).webhooks().update(registered.webhookId(), UpdateWebhookRequest.builder().events(other)
                    .build());

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(subscription(account).events())
                    .contains(EventType.CALL_TRANSCRIPT, EventType.CALL_STARTED));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output.getOut())
                    .contains("lacked event types this app handles; added them"));
        }
    }

    @Test
    void anUnreachableApiIsLoggedOnceAndTheCheckGoesOn(CapturedOutput output) {
        EmulatorAccount account = emulator.newAccount();
        try (ConfigurableApplicationContext app = start(account, "200ms",
                Map.of("logging.level.ai.fonella.spring.boot.autoconfigure.FonellaStartupSync", "debug"))) {
            emulator.stop();
            // the first failed check, then at least two more
            await().atMost(Duration.ofSeconds(30)).until(() -> count(output.getOut(),
                    "the webhook subscription check failed again") >= 2);
            assertThat(count(output.getOut(), "could not check the webhook subscription")).isEqualTo(1);

            emulator.restart();
            await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut()
                    .contains("the webhook subscription check works again"));
            client(account).webhooks().delete(subscription(account).webhookId());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(client(account).webhooks().list()).hasSize(1));
        }
    }

    @Test
    void anInstanceThatDidNotReCreateTheSubscriptionLearnsItsSecretFromTheFirstDeliveryItCannotVerify(
            CapturedOutput output) {
        EmulatorAccount account = emulator.newAccount();
        // B receives the deliveries and checks only hourly; A shares B's URL and checks often
        try (ConfigurableApplicationContext b = start(account, "1h");
                ConfigurableApplicationContext a = start(account, "300ms", Map.of("fonella.public-url",
                        "http://127.0.0.1:" + b.getEnvironment().getProperty("local.server.port")))) {
            Webhook original = subscription(account);
            client(account).webhooks().delete(original.webhookId());
            await().atMost(Duration.ofSeconds(10)).until(() -> !client(account).webhooks().list().isEmpty());
            Webhook recreated = subscription(account);
            assertThat(recreated.webhookId()).isNotEqualTo(original.webhookId());

            // B's first attempt fails (401: it knows only the old secret) and asks for a check at once;
            // the emulator's retry after 200 ms verifies
            BulkDelivery delivered = emulator.deliverEvents(account, EventType.CALL_TRANSCRIPT, 3, 1);
            assertThat(delivered.delivered()).isEqualTo(3);
            assertThat(b.getBean(ProbeHandlers.class).transcriptHandled.keySet()).containsAll(delivered.eventIds());
            FonellaSyncStatus status = b.getBean(FonellaStartupSync.class).status();
            assertThat(status.webhookId()).isEqualTo(recreated.webhookId());
            assertThat(status.message()).contains("was replaced by " + recreated.webhookId());
            // an expected hand-over, said at INFO, not a warning about a forged or mangled delivery
            assertThat(output.getOut()).contains("checking whether the subscription has a new one")
                    .doesNotContain("Rejected a webhook delivery: SIGNATURE_MISMATCH");
        }
    }

    @Test
    void stoppingDoesNotWaitForACheckTheApiIsSlowToAnswer() throws InterruptedException {
        EmulatorAccount account = emulator.newAccount();
        ConfigurableApplicationContext app = start(account, "100ms", Map.of("fonella.request-timeout", "30s"));
        emulator.faults().latency(Duration.ofSeconds(10));
        try {
            Thread.sleep(500); // a check is now waiting for the API
            long closing = System.nanoTime();
            app.close();
            assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(3));
        } finally {
            emulator.faults().clear();
            app.close();
        }
    }

    @Test
    void aNegativeIntervalStopsTheStartSayingWhatToSet() {
        EmulatorAccount account = emulator.newAccount();

        assertThatThrownBy(() -> start(account, "-1s")).satisfies(failure -> {
            FonellaStartupException cause = SecretRotationIT.causeOf(failure, FonellaStartupException.class);
            assertThat(cause.description()).contains("fonella.webhooks.reconcile-interval").contains("but is -1s");
            assertThat(cause.action()).contains("0 to turn the subscription check off");
        });
    }

    private static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }

    private Webhook subscription(EmulatorAccount account) {
        List<Webhook> webhooks = client(account).webhooks().list();
        assertThat(webhooks).hasSize(1);
        return webhooks.get(0);
    }

    private FonellaClient client(EmulatorAccount account) {
        return emulator.client(account.apiKey());
    }

    private ConfigurableApplicationContext start(EmulatorAccount account, String reconcileInterval) {
        return start(account, reconcileInterval, Map.of());
    }

    private ConfigurableApplicationContext start(EmulatorAccount account, String reconcileInterval,
            Map<String, Object> more) {
        Map<String, Object> properties = new HashMap<>(more);
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        properties.put("fonella.api-key", account.apiKey());
        properties.put("fonella.base-url", emulator.baseUrl());
        properties.put("fonella.tools.sync", "none");
        properties.put("fonella.webhooks.reconcile-interval", reconcileInterval);
        return new SpringApplicationBuilder(ReliabilityApp.class).properties(properties).run();
    }
}
