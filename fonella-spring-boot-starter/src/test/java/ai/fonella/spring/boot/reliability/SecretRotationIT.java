package ai.fonella.spring.boot.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.fonella.spring.boot.registry.FonellaStartupException;
import ai.fonella.webhook.SignatureScheme;
import ai.fonella.webhook.WebhookSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 8, item 5: with two secrets configured deliveries signed with either verify; once the old one
 * is removed, its signatures fail. An empty or blank secret stops the start with a message naming the
 * entry. Apps are started by hand with exact property values (no trimming on the way in).
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretRotationIT {

    private static final String NEW_SECRET = "whsec_rotationNewSecret000000000000000000000=";
    private static final String OLD_SECRET = "whsec_rotationOldSecret000000000000000000000=";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void acceptsBothSecretsDuringRotationAndOnlyTheNewOneAfterwards() throws Exception {
        try (ConfigurableApplicationContext during = start(Map.of("fonella.webhooks.secrets[0]", NEW_SECRET,
                "fonella.webhooks.secrets[1]", OLD_SECRET))) {
            assertThat(deliver(during, NEW_SECRET).statusCode()).isEqualTo(200);
            assertThat(deliver(during, OLD_SECRET).statusCode()).isEqualTo(200);
        }
        try (ConfigurableApplicationContext after = start(Map.of("fonella.webhooks.secrets[0]", NEW_SECRET))) {
            HttpResponse<String> old = deliver(after, OLD_SECRET);

            assertThat(old.statusCode()).isEqualTo(401);
            assertThat(old.body()).contains("SIGNATURE_MISMATCH").doesNotContain(NEW_SECRET, OLD_SECRET);
            assertThat(deliver(after, NEW_SECRET).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void refusesToStartWithAnEmptyOrBlankSecretNamingTheEntry(CapturedOutput output) {
        for (String blank : List.of("", "   ", " \t\n ")) {
            Map<String, Object> properties = Map.of("fonella.webhooks.secrets[0]", NEW_SECRET,
                    "fonella.webhooks.secrets[1]", blank);

            assertThatThrownBy(() -> start(properties, WebApplicationType.NONE)).as("secret '%s'", blank)
                    .satisfies(failure -> {
                        FonellaStartupException cause = causeOf(failure, FonellaStartupException.class);
                        assertThat(cause.description()).contains("fonella.webhooks.secrets[1]")
                                .contains("empty or blank").doesNotContain(NEW_SECRET);
                        assertThat(cause.action()).contains("fonella.webhooks.secrets[1]");
                    });
        }
        // Spring Boot's failure analysis prints it as the reason the application did not start
        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
                .contains("fonella.webhooks.secrets[1] contains an empty or blank secret")
                .doesNotContain(NEW_SECRET);
    }

    @Test
    void refusesToStartWithABlankSecretInACommaSeparatedList() {
        Map<String, Object> properties = Map.of("fonella.webhooks.secrets", NEW_SECRET + ", ," + OLD_SECRET);

        assertThatThrownBy(() -> start(properties, WebApplicationType.NONE))
                .satisfies(failure -> assertThat(causeOf(failure, FonellaStartupException.class).description())
                        .contains("fonella.webhooks.secrets[1]"));
    }

    @Test
    void refusesToStartWithABlankToolSecret() {
        for (String blank : List.of("", "  ")) {
            assertThatThrownBy(() -> start(Map.of("fonella.tools.secret", blank), WebApplicationType.NONE))
                    .satisfies(failure -> assertThat(causeOf(failure, FonellaStartupException.class).description())
                            .contains("fonella.tools.secret"));
        }
    }

    private HttpResponse<String> deliver(ConfigurableApplicationContext context, String secret) throws Exception {
        String id = "evt_" + UUID.randomUUID();
        byte[] body = ("{\"id\":\"" + id + "\",\"type\":\"call.ended\",\"data\":{\"call\":{\"id\":\"c\"}}}")
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + context.getEnvironment().getProperty("local.server.port") + "/fonella/webhooks"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        WebhookSigner.of(SignatureScheme.FONELLA, secret).sign(id, FixedClockApp.NOW, body).forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
            assertThat(context.getBean(ProbeHandlers.class).endedRuns.get(id)).hasValue(1);
        }
        return response;
    }

    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        return start(properties, WebApplicationType.SERVLET);
    }

    private static ConfigurableApplicationContext start(Map<String, Object> properties, WebApplicationType type) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("server.port", "0");
        all.put("spring.main.banner-mode", "off");
        return new SpringApplicationBuilder(FixedClockApp.class).web(type).properties(all).run();
    }

    static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("No " + type.getSimpleName() + " in " + e, e);
    }
}
