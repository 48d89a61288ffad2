package ai.fonella.spring.boot.it.more;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.fonella.model.EventType;
import ai.fonella.spring.boot.registry.FonellaStartupException;
import ai.fonella.spring.boot.test.FonellaTestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A request to a Fonella endpoint that something in front of the SDK refuses (Spring Security left
 * with its defaults for the Fonella paths) is logged as a WARN that says what to permit; requests the
 * SDK itself answers, refusals included, are not.
 */
@ExtendWith(OutputCaptureExtension.class)
class EndpointCheckIT {

    private static final String WARNING = "Fonella's calls cannot reach this app";

    @Test
    void warnsOnceWhenSpringSecurityRefusesFonellasCallsAndSaysWhatToPermit(CapturedOutput output)
            throws Exception {
        try (ConfigurableApplicationContext app = start(MoreApps.LockedApp.class)) {
            FonellaTestClient fonella = new FonellaTestClient(app);

            int delivery = fonella.sendEvent(EventType.CALL_ENDED, Map.of("call", Map.of("id", "c-1"))).status();
            int second = fonella.sendEvent(EventType.CALL_ENDED, Map.of("call", Map.of("id", "c-2"))).status();

            assertThat(delivery).isEqualTo(403); // CSRF, before the SDK
            assertThat(second).isEqualTo(403);
            Awaitility.await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(output.getOut())
                    .contains(WARNING + ": a POST to /fonella/webhooks was refused with 403 before it reached the "
                            + "Fonella endpoint").contains("most likely by Spring Security. Permit /fonella/** and "
                            + "/error, and exclude /fonella/** from CSRF"));
            assertThat(output.getOut().split(WARNING, -1)).hasSize(2); // one warning a minute per status
        }
    }

    @Test
    void namesThePathsOfARootBasePathNotTheWholeApp(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext app = start(MoreApps.LockedApp.class, "fonella.base-path=/")) {
            assertThat(post(app, "/webhooks", null).statusCode()).isEqualTo(403);

            Awaitility.await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(output.getOut())
                    .contains(WARNING).contains("Permit /tools/** and /webhooks and /error, and exclude /tools/** "
                            + "and /webhooks from CSRF").doesNotContain("Permit /**"));
        }
    }

    @Test
    void seesBehindADispatcherServletPath(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext app = start(MoreApps.LockedApp.class, "spring.mvc.servlet.path=/api")) {
            assertThat(post(app, "/api/fonella/tools/echo", "secured-secret").statusCode()).isEqualTo(403);

            // with Boot's security auto-configuration, Spring Security's matchers are below the servlet path
            Awaitility.await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(output.getOut())
                    .contains(WARNING + ": a POST to /api/fonella/tools/echo was refused with 403")
                    .contains("Permit /fonella/** and /error, and exclude /fonella/** from CSRF"));
        }
    }

    @Test
    void staysQuietWhenTheSdkAnswersItsOwnRefusalsWarnedOfOnceAMinute(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext app = start(MoreApps.SecuredApp.class)) {
            FonellaTestClient fonella = new FonellaTestClient(app);

            assertThat(fonella.invokeTool("echo", "{\"text\":\"hi\"}").result()).isEqualTo("hi");
            assertThat(post(app, "/fonella/tools/echo", "not-the-secret").statusCode()).isEqualTo(401);
            assertThat(post(app, "/fonella/tools/echo", "nor-this-one").statusCode()).isEqualTo(401);
            assertThat(post(app, "/fonella/webhooks", null).statusCode()).isEqualTo(401);

            // the SDK's own refusals have warnings of their own, one a minute, naming no secret
            String refusal = "Refused a call of tool 'echo' without the right X-Fonella-Tool-Secret header";
            Awaitility.await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(output.getOut())
                    .contains(refusal).contains("set fonella.tools.secret to the same value on both sides")
                    .contains("Rejected a webhook delivery"));
            assertThat(output.getOut().split(refusal, -1)).hasSize(2);
            assertThat(output.getOut()).doesNotContain(WARNING).doesNotContain("not-the-secret")
                    .doesNotContain("nor-this-one").doesNotContain("secured-secret");
        }
    }

    /**
     * The check is a servlet filter, so it is created while the web server starts. Were the SDK's
     * other beans created with it, a store that cannot be set up would fail the server's start:
     * Tomcat's "Error starting Tomcat context", and its warning that the tool watchdog's thread leaked,
     * around the starter's own report.
     */
    @Test
    void aStoreThatCannotBeSetUpFailsTheStartAloneNotTomcatsStart(CapturedOutput output) {
        assertThat(starterReport(catchThrowable(() -> start(MoreApps.EchoApp.class,
                "fonella.webhooks.deduplication.store=jdbc",
                "fonella.webhooks.deduplication.jdbc.table-name=claims; drop table orders"))))
                .hasMessageContaining("table-name");

        assertThat(output.getOut()).doesNotContain("Error starting Tomcat context")
                .doesNotContain("fonella-tool-watchdog] but has failed to stop it");
    }

    @Test
    void anInvalidBasePathFailsTheStartAloneNotTomcatsStart(CapturedOutput output) {
        assertThat(starterReport(catchThrowable(() -> start(MoreApps.EchoApp.class, "fonella.base-path=/my path"))))
                .hasMessageContaining("base-path");

        assertThat(output.getOut()).doesNotContain("Error starting Tomcat context");
    }

    /** The starter's {@link FonellaStartupException} among a failed start's causes. */
    private static FonellaStartupException starterReport(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof FonellaStartupException report) {
                return report;
            }
        }
        throw new AssertionError("No FonellaStartupException among the causes of " + failure, failure);
    }

    private static HttpResponse<String> post(ConfigurableApplicationContext app, String path, String toolSecret)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + app.getEnvironment().getProperty("local.server.port") + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (toolSecret != null) {
            request.header("X-Fonella-Tool-Secret", toolSecret);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ConfigurableApplicationContext start(Class<?> app, String... properties) {
        return new SpringApplicationBuilder(app).properties("server.port=0", "server.address=127.0.0.1",
                "fonella.webhooks.secrets=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "fonella.tools.secret=secured-secret").properties(properties).run();
    }
}
