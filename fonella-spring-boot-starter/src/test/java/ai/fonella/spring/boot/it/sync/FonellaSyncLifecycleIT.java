package ai.fonella.spring.boot.it.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.fonella.client.FonellaIoException;
import ai.fonella.support.FonellaJson;
import ai.fonella.model.Tool;
import ai.fonella.spring.boot.autoconfigure.FonellaStartupSync;
import ai.fonella.spring.boot.autoconfigure.FonellaSyncStatus;
import ai.fonella.spring.boot.registry.FonellaStartupException;
import ai.fonella.test.EmulatorAccount;
import ai.fonella.test.FonellaEmulator;
import ai.fonella.test.FonellaEmulatorTest;
import ai.fonella.test.RecordedRequest;
import ai.fonella.test.RecordedToolInvocation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.ConfigurableApplicationContext;

/** Start, restart and failure behaviour of the startup sync, against one emulator. */
@FonellaEmulatorTest
class FonellaSyncLifecycleIT {

    private static final String PUBLIC_URL = "https://shop.example.test";

    private final FonellaEmulator emulator;

    FonellaSyncLifecycleIT(FonellaEmulator emulator) {
        this.emulator = emulator;
    }

    @Test
    void aSecondStartWithNothingChangedSendsOneListAndNoWrites() {
        EmulatorAccount account = emulator.newAccount();
        try (ConfigurableApplicationContext first = SyncApp.start(properties(account, Map.of("app.handlers", "true")))) {
            assertThat(status(first).state()).isEqualTo(FonellaSyncStatus.State.SYNCED);
        }
        emulator.clearRecordings();

        try (ConfigurableApplicationContext second = SyncApp.start(properties(account, Map.of("app.handlers", "true")))) {
            assertThat(status(second).state()).isEqualTo(FonellaSyncStatus.State.SYNCED);
        }
        List<RecordedRequest> requests = requestsOf(account);
        assertThat(requests).extracting(RecordedRequest::method, RecordedRequest::path).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("GET", "/v1/tools"),
                org.assertj.core.groups.Tuple.tuple("GET", "/v1/webhooks"));
    }

    @Test
    void aToolRemovedFromTheCodeIsDeletedOnlyWithPrune() {
        EmulatorAccount account = emulator.newAccount();
        SyncApp.start(properties(account, Map.of("app.extra-tool", "true"))).close();
        assertThat(toolNames(account)).containsExactlyInAnyOrder("lookupOrder", "checkStock");

        try (ConfigurableApplicationContext withoutPrune = SyncApp.start(properties(account, Map.of()))) {
            assertThat(status(withoutPrune).plan()).contains("! keep checkStock");
        }
        assertThat(toolNames(account)).containsExactlyInAnyOrder("lookupOrder", "checkStock");

        SyncApp.start(properties(account, Map.of("fonella.tools.prune", "true"))).close();
        assertThat(toolNames(account)).containsExactly("lookupOrder");
    }

    @Test
    void validateModeReportsDriftWithoutWritingToolsAndStillRegistersTheSubscription() throws Exception {
        EmulatorAccount account = emulator.newAccount();
        try (ConfigurableApplicationContext context = SyncApp.start(properties(account,
                Map.of("fonella.tools.sync", "validate", "app.handlers", "true")))) {
            FonellaSyncStatus status = status(context);
            assertThat(status.state()).isEqualTo(FonellaSyncStatus.State.DRIFT);
            assertThat(status.message()).contains("+ create lookupOrder");
            assertThat(health(context)).contains("\"status\":\"DOWN\"").contains("DRIFT");
            // tool drift is no reason to miss events: the subscription is registered all the same
            assertThat(emulator.client(account.apiKey()).webhooks().list()).singleElement()
                    .satisfies(webhook -> assertThat(status.webhookId()).isEqualTo(webhook.webhookId()));
            assertThat(status.message()).contains("Webhook subscription " + status.webhookId() + " receives");
        }
        assertThat(toolNames(account)).isEmpty();
    }

    @Test
    void validateModeWithFailFastStopsTheStartOnDriftWritingNothing() {
        EmulatorAccount account = emulator.newAccount();

        assertThatThrownBy(() -> SyncApp.start(properties(account, Map.of("fonella.tools.sync", "validate",
                "fonella.tools.fail-fast", "true", "app.handlers", "true")))).satisfies(e ->
                        assertThat(causeOf(e, FonellaStartupException.class).getMessage())
                                .contains("Registered tools differ from the code").contains("+ create lookupOrder"));
        assertThat(toolNames(account)).isEmpty();
        assertThat(emulator.client(account.apiKey()).webhooks().list()).as("no subscription for an app that did not "
                + "start").isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"/, /, ''", "/shop/, /, /shop", "/shop, /api/, /shop/api", "/, /api, /api"})
    void withoutAPublicUrlALoopbackEmulatorCallsTheAppUnderItsContextAndServletPaths(String contextPath,
            String servletPath, String served) {
        EmulatorAccount account = emulator.newAccount();
        Map<String, String> properties = properties(account, Map.of("server.servlet.context-path", contextPath,
                "spring.mvc.servlet.path", servletPath));
        properties.remove("fonella.public-url");
        try (ConfigurableApplicationContext context = SyncApp.start(properties)) {
            assertThat(status(context).state()).isEqualTo(FonellaSyncStatus.State.SYNCED);
            String port = context.getEnvironment().getProperty("local.server.port");
            assertThat(emulator.client(account.apiKey()).tools().list()).extracting(Tool::url)
                    .containsExactly("http://127.0.0.1:" + port + served + "/fonella/tools/lookupOrder");
            RecordedToolInvocation call = emulator.invokeTool(account, "lookupOrder",
                    FonellaJson.mapper().readTree("{\"orderNumber\":\"A-1\"}"));
            assertThat(call.status()).isEqualTo(200);
            assertThat(call.result()).contains("Order A-1 has shipped.");
        }
    }

    @Test
    void failFastStopsTheStartWhenTheApiIsUnreachable() {
        Map<String, String> properties = properties(emulator.newAccount(), Map.of("fonella.tools.fail-fast", "true",
                "fonella.base-url", "http://127.0.0.1:1"));

        assertThatThrownBy(() -> SyncApp.start(properties)).satisfies(e -> {
            assertThat(causeOf(e, FonellaIoException.class)).hasMessageContaining("could not be reached");
            assertThat(causeOf(e, FonellaStartupException.class).action()).contains("fonella.base-url");
        });
    }

    @Test
    void failFastStopsTheStartWhenTheKeyIsRejected() {
        Map<String, String> properties = properties(emulator.newAccount(), Map.of("fonella.tools.fail-fast", "true",
                "fonella.api-key", "fon_live_unknown000000000000000000000"));

        assertThatThrownBy(() -> SyncApp.start(properties)).satisfies(e -> {
            FonellaStartupException failure = causeOf(e, FonellaStartupException.class);
            assertThat(failure.description()).contains("401");
            assertThat(failure.action()).contains("fonella.api-key");
            assertThat(failure.getMessage()).doesNotContain("fon_live_unknown000000000000000000000");
        });
    }

    @Test
    void withoutFailFastTheAppServesReportsAndSyncsOnceTheApiRecovers() throws Exception {
        EmulatorAccount account = emulator.newAccount();
        emulator.faults().failNext(3, 503, "GET", "/v1/tools");
        Map<String, String> properties = properties(account, Map.of(
                "fonella.tools.sync-retry-initial-delay", "300ms", "fonella.tools.secret", "test-secret"));
        try (ConfigurableApplicationContext context = SyncApp.start(properties)) {
            assertThat(status(context).state()).isEqualTo(FonellaSyncStatus.State.FAILED);
            assertThat(health(context)).contains("\"status\":\"DOWN\"");
            assertThat(invoke(context, "lookupOrder", "{\"orderNumber\":\"A-1\"}"))
                    .isEqualTo("{\"result\":\"Order A-1 has shipped.\"}");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(status(context).state()).isEqualTo(FonellaSyncStatus.State.SYNCED));
            assertThat(toolNames(account)).containsExactly("lookupOrder");
            assertThat(health(context)).contains("\"status\":\"UP\"");
        } finally {
            emulator.faults().clear();
        }
    }

    private Map<String, String> properties(EmulatorAccount account, Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>();
        properties.put("fonella.api-key", account.apiKey());
        properties.put("fonella.base-url", emulator.baseUrl());
        properties.put("fonella.public-url", PUBLIC_URL);
        properties.putAll(extra);
        return properties;
    }

    private List<String> toolNames(EmulatorAccount account) {
        return emulator.client(account.apiKey()).tools().list().stream().map(Tool::name).toList();
    }

    private List<RecordedRequest> requestsOf(EmulatorAccount account) {
        String prefix = account.apiKey().substring(0, 16);
        return emulator.requests().stream().filter(request -> prefix.equals(request.apiKeyPrefix())).toList();
    }

    private static FonellaSyncStatus status(ConfigurableApplicationContext context) {
        return context.getBean(FonellaStartupSync.class).status();
    }

    private static String health(ConfigurableApplicationContext context) throws Exception {
        return get(context, "/actuator/health/fonella");
    }

    private static String get(ConfigurableApplicationContext context, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + context.getEnvironment().getProperty("local.server.port") + path)).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String invoke(ConfigurableApplicationContext context, String tool, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + context.getEnvironment().getProperty("local.server.port") + "/fonella/tools/" + tool))
                .header("Content-Type", "application/json")
                .header("X-Fonella-Tool-Secret", "test-secret")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("No " + type.getSimpleName() + " in " + e);
    }
}
