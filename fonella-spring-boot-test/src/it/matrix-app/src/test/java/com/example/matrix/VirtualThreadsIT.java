package com.example.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.model.Call;
import ai.fonella.spring.boot.test.AutoConfigureFonellaEmulator;
import ai.fonella.spring.boot.test.FonellaTestClient;
import ai.fonella.test.CallScript;
import ai.fonella.test.FonellaEmulator;
import ai.fonella.test.RecordedDelivery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * With {@code spring.threads.virtual.enabled=true} (JDK 21 and newer), requests run on virtual
 * threads: the deadline, the interrupt and the webhook deduplication still hold.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "spring.threads.virtual.enabled=true")
@AutoConfigureFonellaEmulator
class VirtualThreadsIT {

    @Autowired
    FonellaEmulator emulator;

    @Autowired
    FonellaTestClient fonella;

    @Autowired
    ShopTools tools;

    @Autowired
    CallEvents events;

    @Test
    void aToolPastItsDeadlineGetsItsFallbackInTimeAndIsInterruptedOnAVirtualThread() throws Exception {
        tools.interrupted = new CountDownLatch(1);
        Instant start = Instant.now();

        FonellaTestClient.Response response = fonella.invokeTool("slowStockCheck", "{}");

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofMillis(300 + 1200));
        assertThat(response.result()).isEqualTo("Still checking, one moment.");
        assertThat(tools.interrupted.await(5, TimeUnit.SECONDS)).as("the handler was interrupted").isTrue();
    }

    @Test
    void aRedeliveredWebhookIsHandledOnceOnAVirtualThread() {
        Call call = emulator.placeCall(CallScript.builder().user("Bye").endedBy("customer-ended").build());
        String eventId = emulator.deliveries().stream()
                .filter(delivery -> delivery.body().contains(call.id()) && delivery.body().contains("call.ended"))
                .map(RecordedDelivery::eventId).findFirst().orElseThrow();

        List<RecordedDelivery> again = emulator.redeliver(eventId);

        assertThat(again).isNotEmpty().allSatisfy(delivery -> assertThat(delivery.succeeded()).isTrue());
        assertThat(events.ended).containsOnlyOnce(call.id());
        assertThat(events.threads).last().asString().startsWith("VirtualThread");
    }
}
