package ai.fonella.spring.boot.it.more;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.fonella.model.Call;
import ai.fonella.spring.boot.test.AutoConfigureFonellaEmulator;
import ai.fonella.test.CallScript;
import ai.fonella.test.FonellaEmulator;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** The Standard Webhooks preset end to end: the emulator signs with it, the app verifies with it. */
@SpringBootTest(classes = MoreApps.EchoApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "fonella.webhooks.signature-scheme=standard-webhooks")
@AutoConfigureFonellaEmulator
class StandardWebhooksIT {

    @Autowired
    FonellaEmulator emulator;

    @Autowired
    MoreApps.EchoBeans echo;

    @Test
    void receivesDeliveriesSignedWithStandardWebhooks() {
        Call call = emulator.placeCall(CallScript.builder().user("Hello").endedBy("customer-ended").build());

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(echo.endedCalls).contains(call.id()));
        assertThat(emulator.deliveries()).filteredOn(delivery -> delivery.body().contains(call.id()))
                .allSatisfy(delivery -> {
                    assertThat(delivery.headers()).containsKey("webhook-signature");
                    assertThat(delivery.succeeded()).isTrue();
                });
    }
}
