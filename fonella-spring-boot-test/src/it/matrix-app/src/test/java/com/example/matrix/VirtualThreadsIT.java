package com.example.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.model.Call;
import ai.fonella.test.CallScript;
import ai.fonella.test.RecordedDelivery;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Every test of {@link MatrixIT} again with {@code spring.threads.virtual.enabled=true} (JDK 21 and
 * newer), so requests run on virtual threads: among them, a tool past its deadline gets its fallback
 * in time and is interrupted. And a redelivered webhook is handled once.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "spring.threads.virtual.enabled=true")
class VirtualThreadsIT extends MatrixIT {

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
