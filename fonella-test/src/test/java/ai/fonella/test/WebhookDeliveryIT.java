package ai.fonella.test;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.client.FonellaClient;
import ai.fonella.support.FonellaJson;
import ai.fonella.model.CreateWebhookRequest;
import ai.fonella.model.EventType;
import ai.fonella.model.UpdateWebhookRequest;
import ai.fonella.model.Webhook;
import ai.fonella.test.support.HttpReceiver;
import ai.fonella.test.support.HttpReceiver.Received;
import ai.fonella.test.support.HttpReceiver.Reply;
import ai.fonella.webhook.WebhookVerifier;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Delivery retries, failure counting, disabling, re-enabling, redelivery and bulk delivery. */
class WebhookDeliveryIT {

    @RegisterExtension
    static final FonellaEmulatorExtension EMULATOR = new FonellaEmulatorExtension(() -> FonellaEmulator.builder()
            .deliveryBackoff(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20))
            .deliveryTimeout(Duration.ofMillis(500)));

    private FonellaEmulator emulator;
    private HttpReceiver receiver;
    private EmulatorAccount account;
    private FonellaClient client;

    @BeforeEach
    void setUp() {
        emulator = EMULATOR.emulator();
        receiver = HttpReceiver.ok();
        account = emulator.newAccount();
        client = emulator.client(account.apiKey());
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    @Test
    void aFailedDeliveryIsRetriedAndCounted() {
        receiver.answer(request -> Reply.status(500));
        Webhook webhook = subscribe(EventType.CALL_STARTED);

        BulkDelivery result = emulator.deliverEvents(account, EventType.CALL_STARTED, 1, 1);

        assertThat(result.attempts()).isEqualTo(4);
        assertThat(result.delivered()).isZero();
        assertThat(result.failed()).isEqualTo(1);
        List<RecordedDelivery> attempts = deliveriesTo(webhook);
        assertThat(attempts).extracting(RecordedDelivery::attempt).containsExactly(1, 2, 3, 4);
        assertThat(attempts).extracting(RecordedDelivery::eventId).containsOnly(result.eventIds().get(0));
        assertThat(attempts).allSatisfy(a -> {
            assertThat(a.succeeded()).isFalse();
            assertThat(a.status()).isEqualTo(500);
            assertThat(a.error()).isEqualTo("the receiver answered HTTP 500");
        });
        assertThat(receiver.requests()).hasSize(4)
                .extracting(Received::bodyText).containsOnly(attempts.get(0).body());
        Webhook after = current(webhook);
        assertThat(after.failureCount()).isEqualTo(4);
        assertThat(after.lastFailedAt()).isNotNull();
        assertThat(after.lastDeliveredAt()).isNull();
        assertThat(after.enabled()).isTrue();
    }

    @Test
    void aSuccessfulRetryResetsTheFailureCount() {
        AtomicInteger calls = new AtomicInteger();
        receiver.answer(request -> calls.incrementAndGet() <= 2 ? Reply.status(503) : Reply.status(204));
        Webhook webhook = subscribe(EventType.CALL_ENDED);

        BulkDelivery result = emulator.deliverEvents(account, EventType.CALL_ENDED, 1, 1);

        assertThat(result.attempts()).isEqualTo(3);
        assertThat(result.delivered()).isEqualTo(1);
        assertThat(deliveriesTo(webhook)).extracting(RecordedDelivery::status).containsExactly(503, 503, 204);
        Webhook after = current(webhook);
        assertThat(after.failureCount()).isZero();
        assertThat(after.lastDeliveredAt()).isNotNull();
        assertThat(after.lastFailedAt()).isNotNull();
    }

    @Test
    void unreachableAndSlowReceiversFailToo() {
        Webhook slow = subscribe(EventType.CALL_HANG);
        receiver.answer(request -> Reply.status(200).after(Duration.ofSeconds(1)));
        Webhook closed = client.webhooks().create(CreateWebhookRequest.of("http://127.0.0.1:1/nothing-listens",
                EventType.CALL_HANG));

        emulator.deliverEvents(account, EventType.CALL_HANG, 1, 1);

        assertThat(deliveriesTo(slow)).hasSize(4)
                .allSatisfy(a -> assertThat(a.error()).isEqualTo("no answer within 500 ms"));
        assertThat(deliveriesTo(closed)).hasSize(4)
                .allSatisfy(a -> assertThat(a.error()).startsWith("could not be delivered: ConnectException"));
        assertThat(current(closed).failureCount()).isEqualTo(4);
    }

    @Test
    void tenConsecutiveFailuresDisableTheSubscriptionAndReEnablingResetsTheCount() {
        receiver.answer(request -> Reply.status(500));
        Webhook webhook = subscribe(EventType.CALL_SUMMARY);

        emulator.deliverEvents(account, EventType.CALL_SUMMARY, 3, 1);

        assertThat(deliveriesTo(webhook)).hasSize(10);
        Webhook disabled = current(webhook);
        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.failureCount()).isEqualTo(10);

        emulator.deliverEvents(account, EventType.CALL_SUMMARY, 1, 1);
        assertThat(deliveriesTo(webhook)).hasSize(10);

        Webhook reEnabled = client.webhooks().update(webhook.webhookId(),
                UpdateWebhookRequest.builder().enabled(true).build());
        assertThat(reEnabled.enabled()).isTrue();
        assertThat(reEnabled.failureCount()).isZero();

        receiver.answer(request -> Reply.status(200));
        BulkDelivery afterwards = emulator.deliverEvents(account, EventType.CALL_SUMMARY, 1, 1);
        assertThat(afterwards.delivered()).isEqualTo(1);
        assertThat(current(webhook).failureCount()).isZero();
    }

    @Test
    void redeliverySendsTheSameEventWithTheSameIdAndBody() {
        Webhook webhook = subscribe(EventType.CALL_ENDED);
        String eventId = emulator.deliverEvents(account, EventType.CALL_ENDED, 1, 1).eventIds().get(0);

        List<RecordedDelivery> again = emulator.redeliver(eventId);

        assertThat(again).singleElement().satisfies(d -> {
            assertThat(d.eventId()).isEqualTo(eventId);
            assertThat(d.succeeded()).isTrue();
        });
        List<Received> received = receiver.requests();
        assertThat(received).hasSize(2);
        assertThat(received.get(1).body()).isEqualTo(received.get(0).body());
        assertThat(FonellaJson.mapper().readTree(received.get(1).body()).path("id").asString()).isEqualTo(eventId);
        WebhookVerifier verifier = WebhookVerifier.builder().secret(webhook.secret()).build();
        received.forEach(r -> verifier.verify(r.body(), r::header));
    }

    @Test
    void deliversManyEventsConcurrentlyAllSignedAndDistinct() {
        Webhook webhook = subscribe(EventType.CALL_TRANSCRIPT);

        BulkDelivery result = emulator.deliverEvents(account, EventType.CALL_TRANSCRIPT, 200, 8);

        assertThat(result.eventIds()).hasSize(200).doesNotHaveDuplicates();
        assertThat(result.delivered()).isEqualTo(200);
        assertThat(result.failed()).isZero();
        assertThat(result.attempts()).isEqualTo(200);
        List<Received> received = receiver.requests();
        assertThat(received).hasSize(200);
        Set<String> ids = received.stream().map(r -> FonellaJson.mapper().readTree(r.body()).path("id").asString())
                .collect(Collectors.toSet());
        assertThat(ids).isEqualTo(Set.copyOf(result.eventIds()));
        WebhookVerifier verifier = WebhookVerifier.builder().secret(webhook.secret()).build();
        received.forEach(r -> verifier.verify(r.body(), r::header));
        assertThat(received).allSatisfy(r -> assertThat(FonellaJson.mapper().readTree(r.body())
                .path("data").path("message").path("text").asString()).isNotEmpty());
        assertThat(current(webhook).failureCount()).isZero();
    }

    @Test
    void concurrentFailuresAreAllCounted() {
        receiver.answer(request -> Reply.status(500));
        Webhook webhook = subscribe(EventType.CALL_TOOL_CALL);

        BulkDelivery result = emulator.deliverEvents(account, EventType.CALL_TOOL_CALL, 2, 2);

        assertThat(result.attempts()).isEqualTo(8);
        assertThat(current(webhook).failureCount()).isEqualTo(8);
        assertThat(current(webhook).enabled()).isTrue();
    }

    @Test
    void subscriptionsOutsideLoopbackAreNotContacted() {
        Webhook external = client.webhooks().create(CreateWebhookRequest.of("https://crm.example.com/hook",
                EventType.CALL_STARTED));

        emulator.placeCall(account, CallScript.builder().build());

        assertThat(deliveriesTo(external)).singleElement().satisfies(d -> {
            assertThat(d.status()).isNull();
            assertThat(d.error()).startsWith("not sent: the emulator only delivers to loopback hosts");
        });
        assertThat(current(external).failureCount()).isZero();
    }

    private Webhook subscribe(EventType... events) {
        return client.webhooks().create(CreateWebhookRequest.of(receiver.url("/hook"), events));
    }

    private Webhook current(Webhook webhook) {
        return client.webhooks().list().stream().filter(w -> w.webhookId().equals(webhook.webhookId())).findFirst()
                .orElseThrow();
    }

    private List<RecordedDelivery> deliveriesTo(Webhook webhook) {
        return emulator.deliveries().stream().filter(d -> d.webhookId().equals(webhook.webhookId())).toList();
    }
}
