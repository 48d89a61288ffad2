package ai.fonella.samples.orderdesk.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.samples.orderdesk.OrderDeskApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo as {@code -Pdemo} runs it, on a random port: its scripted call goes through the real
 * HTTP path, and the console shows each tool call with its arguments and answer and each webhook
 * delivery with its type. The starter reads bodies without blocking and may answer in a second
 * dispatch, which a body-caching filter does not see; this keeps the demo's log honest about it.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoTrafficLogIT {

    @Test
    void showsEachToolCallWithItsAnswerAndEachDeliveryWithItsType(CapturedOutput output) {
        SpringApplication application = new SpringApplication(OrderDeskApplication.class);
        application.addListeners(new DemoMode());
        try (ConfigurableApplicationContext context = application.run("--server.port=0",
                "--server.address=127.0.0.1", "--spring.main.banner-mode=off")) {
            assertThat(context.getBeansOfType(DemoCall.class)).hasSize(1);
            // the scripted call ran while the app became ready, before run() returned
            assertThat(output.getOut())
                    .contains("tool    lookupOrder({\"orderNumber\":\"A-1007\"}) -> \"I could not find order A-1007")
                    .containsPattern("tool    bookCallback\\(\\{.*\\}\\) -> \"")
                    .containsPattern("webhook call\\.[a-z]+ signature verified, handled -> 200")
                    .doesNotContain("rejected with")
                    .doesNotContain("webhook ? ");
        }
    }
}
