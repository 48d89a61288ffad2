package ai.fonella.spring.boot.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.fonella.client.FonellaClient;
import ai.fonella.model.EventType;
import ai.fonella.model.Webhook;
import ai.fonella.spring.boot.autoconfigure.FonellaStartupSync;
import ai.fonella.spring.boot.autoconfigure.FonellaSyncStatus;
import ai.fonella.spring.boot.registry.FonellaStartupException;
import ai.fonella.test.BulkDelivery;
import ai.fonella.test.EmulatorAccount;
import ai.fonella.test.FonellaEmulator;
import ai.fonella.test.FonellaEmulatorTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
                    .contains("Fonella had disabled webhook subscription").contains("after 10 failed deliveries"));
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
            assertThat(output.getOut()).contains("Webhook subscription " + original.webhookId()
                    + " no longer existed");

            BulkDelivery resumed = emulator.deliverEvents(account, EventType.CALL_TRANSCRIPT, 3, 1);
            assertThat(resumed.delivered()).as("deliveries signed with the new subscription's secret").isEqualTo(3);
            assertThat(app.getBean(ProbeHandlers.class).transcriptHandled.keySet()).containsAll(resumed.eventIds());
        }
    }

    @Test
    void anUnreachableApiIsLoggedOnceAndTheCheckGoesOn(CapturedOutput output) throws InterruptedException {
        EmulatorAccount account = emulator.newAccount();
        try (ConfigurableApplicationContext app = start(account, "200ms")) {
            emulator.stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut()
                    .contains("could not check the webhook subscription"));
            Thread.sleep(800); // several more failed checks
            assertThat(output.getOut().split("could not check the webhook subscription", -1)).hasSize(2);

            emulator.restart();
            client(account).webhooks().delete(subscription(account).webhookId());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(client(account).webhooks().list()).hasSize(1));
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

    private Webhook subscription(EmulatorAccount account) {
        List<Webhook> webhooks = client(account).webhooks().list();
        assertThat(webhooks).hasSize(1);
        return webhooks.get(0);
    }

    private FonellaClient client(EmulatorAccount account) {
        return emulator.client(account.apiKey());
    }

    private ConfigurableApplicationContext start(EmulatorAccount account, String reconcileInterval) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        properties.put("fonella.api-key", account.apiKey());
        properties.put("fonella.base-url", emulator.baseUrl());
        properties.put("fonella.tools.sync", "none");
        properties.put("fonella.webhooks.reconcile-interval", reconcileInterval);
        return new SpringApplicationBuilder(ReliabilityApp.class).properties(properties).run();
    }
}
