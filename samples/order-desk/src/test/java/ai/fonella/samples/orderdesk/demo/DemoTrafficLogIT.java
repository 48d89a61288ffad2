package ai.fonella.samples.orderdesk.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.samples.orderdesk.OrderDeskApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    void showsEachToolCallWithItsAnswerAndEachDeliveryWithItsType(CapturedOutput output) throws Exception {
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

            // a delivery without a signature is shown as the refusal it is
            HttpResponse<String> unsigned = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port")
                                    + "/fonella/webhooks"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"evt_x\",\"type\":\"call.ended\",\"data\":{}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unsigned.statusCode()).isEqualTo(401);
            assertThat(output.getOut()).contains("webhook call.ended REJECTED: signature did not verify (401)");
        }
    }
}
