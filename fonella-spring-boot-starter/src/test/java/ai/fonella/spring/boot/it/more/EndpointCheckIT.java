package ai.fonella.spring.boot.it.more;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Once the app is ready, the starter checks over loopback that a POST reaches its endpoint through the
 * app's filters, and warns with the remedy when Spring Security answers it instead.
 */
@ExtendWith(OutputCaptureExtension.class)
class EndpointCheckIT {

    private static final String WARNING = "Fonella's calls will not reach this app";

    @Test
    void warnsWhenSpringSecurityAnswersFonellasCallsAndSaysWhatToPermit(CapturedOutput output) {
        try (ConfigurableApplicationContext app = start(MoreApps.LockedApp.class)) {
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> output.getOut().contains(WARNING));

            assertThat(output.getOut()).containsPattern("a POST to /fonella/webhooks from this machine was answered "
                            + "40[13] before it reached the Fonella endpoint")
                    .contains("most likely by Spring Security")
                    .contains("Permit /fonella/** and exclude it from CSRF").contains("With Spring Security");
        }
    }

    @Test
    void staysQuietWhenTheReadmesRulesLetFonellaIn(CapturedOutput output) {
        try (ConfigurableApplicationContext app = start(MoreApps.SecuredApp.class)) {
            // the check ran and its request reached the endpoint (DEBUG), with no warning
            Awaitility.await().atMost(10, TimeUnit.SECONDS)
                    .until(() -> output.getOut().contains("reaches the Fonella endpoint"));

            assertThat(output.getOut()).doesNotContain(WARNING);
        }
    }

    @Test
    void runsNoHandlerForItsRequestSoNothingIsRejectedOrLogged(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext app = start(MoreApps.SecuredApp.class)) {
            Awaitility.await().atMost(10, TimeUnit.SECONDS)
                    .until(() -> output.getOut().contains("reaches the Fonella endpoint"));
            Thread.sleep(300);

            assertThat(output.getOut()).doesNotContain("Rejected a webhook delivery").doesNotContain("fonella.tool")
                    .doesNotContain("FonellaWebhookHandler");
        }
    }

    private static ConfigurableApplicationContext start(Class<?> app) {
        return new SpringApplicationBuilder(app).properties("server.port=0", "server.address=127.0.0.1",
                "fonella.webhooks.secrets=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "fonella.tools.secret=secured-secret",
                "logging.level.ai.fonella.spring.boot.web.FonellaEndpointCheck=DEBUG").run();
    }
}
