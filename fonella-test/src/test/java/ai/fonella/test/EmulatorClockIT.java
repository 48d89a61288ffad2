package ai.fonella.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.fonella.client.FonellaAuthenticationException;
import ai.fonella.client.FonellaClient;
import ai.fonella.model.ApiKey;
import ai.fonella.model.Call;
import ai.fonella.model.CreateApiKeyRequest;
import ai.fonella.model.CreateWebhookRequest;
import ai.fonella.model.EventType;
import ai.fonella.model.Webhook;
import ai.fonella.test.support.HttpReceiver;
import ai.fonella.test.support.MutableClock;
import ai.fonella.webhook.WebhookVerificationException;
import ai.fonella.webhook.WebhookVerifier;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulator's clock drives every timestamp, key expiry and signature. */
class EmulatorClockIT {

    private static final Instant START = Instant.parse("2026-11-24T10:15:30Z");

    private final MutableClock clock = new MutableClock(START);
    private FonellaEmulator emulator;
    private FonellaClient client;

    @BeforeEach
    void start() {
        emulator = FonellaEmulator.builder().clock(clock).start();
        client = emulator.client();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void timestampsComeFromTheClock() {
        Webhook webhook = client.webhooks().create(CreateWebhookRequest.of("https://crm.example.com/h",
                EventType.CALL_ENDED));
        clock.advance(Duration.ofMinutes(1));

        Call call = emulator.placeCall(CallScript.builder().user("Hi").duration(Duration.ofSeconds(90)).build());

        assertThat(webhook.createdAt()).isEqualTo(START);
        assertThat(call.startedAt()).isEqualTo(START.plusSeconds(60));
        assertThat(call.endedAt()).isEqualTo(START.plusSeconds(150));
        assertThat(call.durationFormatted()).isEqualTo("1:30");
        assertThat(emulator.requests()).extracting(RecordedRequest::timestamp).containsOnly(START);
    }

    @Test
    void keysExpireByTheClock() {
        ApiKey key = client.apiKeys().create(new CreateApiKeyRequest("One hour", null, START.plusSeconds(3600)));
        FonellaClient expiring = emulator.client(key.token());
        assertThat(expiring.tools().list()).isEmpty();

        clock.advance(Duration.ofHours(1));

        assertThatThrownBy(() -> expiring.tools().list())
                .isInstanceOfSatisfying(FonellaAuthenticationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.errorMessage()).contains("expired at 2026-11-24T11:15:30Z");
                });
    }

    @Test
    void signaturesCarryTheClocksTimeAndVerifyWithTheSameClock() {
        try (HttpReceiver receiver = HttpReceiver.ok()) {
            Webhook webhook = client.webhooks().create(CreateWebhookRequest.of(receiver.url("/h"),
                    EventType.CALL_STARTED));

            emulator.placeCall(CallScript.builder().build());

            HttpReceiver.Received delivery = receiver.requests().get(0);
            assertThat(delivery.header("X-Fonella-Signature")).startsWith("t=" + START.getEpochSecond() + ",v1=");
            WebhookVerifier.builder().secret(webhook.secret()).clock(clock).build()
                    .verify(delivery.body(), delivery::header);
            clock.advance(Duration.ofMinutes(6));
            assertThatThrownBy(() -> WebhookVerifier.builder().secret(webhook.secret()).clock(clock).build()
                    .verify(delivery.body(), delivery::header))
                    .isInstanceOfSatisfying(WebhookVerificationException.class, e -> assertThat(e.reason())
                            .isEqualTo(WebhookVerificationException.Reason.TIMESTAMP_OUT_OF_TOLERANCE));
        }
    }
}
