package ai.fonella.spring.boot.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.fonella.model.Tool;
import ai.fonella.spring.boot.autoconfigure.FonellaStartupSync;
import ai.fonella.spring.boot.autoconfigure.FonellaSyncStatus;
import ai.fonella.spring.boot.registry.FonellaStartupException;
import ai.fonella.support.FonellaJson;
import ai.fonella.test.EmulatorAccount;
import ai.fonella.test.FonellaEmulator;
import ai.fonella.test.FonellaEmulatorTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Issue 8, item 15: the API down at startup, slower than the client's timeout, answering 500s, or
 * rate limiting with {@code Retry-After}. Without fail-fast the app starts, serves its tools, reports
 * the problem on its health indicator, and syncs in the background once the API recovers; with
 * fail-fast the start fails with a message that says what happened and what to do. (Fail-fast with
 * the API unreachable, and background recovery from 503s, are in {@code FonellaSyncLifecycleIT}; the
 * client's bounded retries and Retry-After in fonella-test's {@code RetryIT} and
 * {@code ClientTimeoutRetryIT}.)
 */
@FonellaEmulatorTest
class StartupFaultsIT {

    private static final String TOOL_SECRET = "startup-faults-tool-secret";

    private final FonellaEmulator emulator;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    StartupFaultsIT(FonellaEmulator emulator) {
        this.emulator = emulator;
    }

    /** A fault of the API, and how it ends. */
    enum ApiFault {
        DOWN("could not be reached") {
            @Override
            void inject(FonellaEmulator emulator) {
                emulator.stop();
            }
        },
        SLOWER_THAN_THE_CLIENT_TIMEOUT("did not answer") {
            @Override
            void inject(FonellaEmulator emulator) {
                emulator.faults().latency(Duration.ofMillis(1000));
            }
        },
        ANSWERING_500("500") {
            @Override
            void inject(FonellaEmulator emulator) {
                emulator.faults().failNext(10_000, 500);
            }
        },
        RATE_LIMITED("429") {
            @Override
            void inject(FonellaEmulator emulator) {
                emulator.faults().rateLimitNext(10_000, Duration.ofSeconds(1));
            }
        };

        /** What the failure message says. */
        final String says;

        ApiFault(String says) {
            this.says = says;
        }

        abstract void inject(FonellaEmulator emulator);
    }

    @AfterEach
    void recover() {
        emulator.faults().clear();
        if (!emulator.isRunning()) {
            emulator.restart();
        }
    }

    @ParameterizedTest
    @EnumSource(ApiFault.class)
    void withoutFailFastStartsServesReportsAndSyncsOnceTheApiRecovers(ApiFault fault) throws Exception {
        EmulatorAccount account = emulator.newAccount();
        fault.inject(emulator);

        try (ConfigurableApplicationContext app = start(account, false)) {
            FonellaSyncStatus failed = status(app);
            assertThat(failed.state()).isEqualTo(FonellaSyncStatus.State.FAILED);
            assertThat(failed.message()).contains(fault.says);
            JsonNode health = health(app);
            assertThat(health.get("status").asString()).isEqualTo("DOWN");
            assertThat(health.toString()).contains("FAILED");
            assertThat(invokeEcho(app)).isEqualTo("{\"result\":\"still here\"}");

            recover();

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(status(app).state()).isEqualTo(FonellaSyncStatus.State.SYNCED));
            assertThat(emulator.client(account.apiKey()).tools().list()).extracting(Tool::name)
                    .containsExactlyInAnyOrder("echo", "fast", "gate", "slow", "book", "near");
            assertThat(emulator.client(account.apiKey()).webhooks().list()).hasSize(1);
            assertThat(health(app).get("status").asString()).isEqualTo("UP");
        }
    }

    @ParameterizedTest
    @EnumSource(value = ApiFault.class, names = "DOWN", mode = EnumSource.Mode.EXCLUDE)
    void withFailFastTheStartFailsSayingWhatHappenedAndWhatToDo(ApiFault fault) {
        EmulatorAccount account = emulator.newAccount();
        fault.inject(emulator);
        long start = System.nanoTime();

        assertThatThrownBy(() -> start(account, true)).satisfies(failure -> {
            FonellaStartupException cause = SecretRotationIT.causeOf(failure, FonellaStartupException.class);
            assertThat(cause.description()).startsWith("Fonella sync failed at startup: ").contains(fault.says);
            assertThat(cause.action()).contains("fonella.base-url").contains("fonella.tools.fail-fast=false");
            assertThat(cause.getMessage()).doesNotContain(account.apiKey());
        });
        // the client's retries are bounded: the start does not hang on a broken API
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aRejectedKeyIsReportedAsRejectedNotAsAnUnreachableApi() throws Exception {
        try (ConfigurableApplicationContext app = start("fon_live_revoked00000000000000000000", false)) {
            JsonNode health = health(app);

            assertThat(health.get("status").asString()).isEqualTo("DOWN");
            JsonNode details = health.get("details");
            assertThat(details.get("apiReachable").asBoolean()).isTrue();
            assertThat(details.get("apiKeyValid").asBoolean()).isFalse();
            assertThat(details.get("apiError").asString()).contains("was rejected")
                    .doesNotContain("fon_live_revoked00000000000000000000");
            assertThat(invokeEcho(app)).isEqualTo("{\"result\":\"still here\"}");
        }
    }

    private ConfigurableApplicationContext start(EmulatorAccount account, boolean failFast) {
        return start(account.apiKey(), failFast);
    }

    private ConfigurableApplicationContext start(String apiKey, boolean failFast) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        properties.put("fonella.api-key", apiKey);
        properties.put("fonella.base-url", emulator.baseUrl());
        properties.put("fonella.public-url", "https://shop.example.test");
        properties.put("fonella.request-timeout", "300ms");
        properties.put("fonella.tools.secret", TOOL_SECRET);
        properties.put("fonella.tools.fail-fast", Boolean.toString(failFast));
        properties.put("fonella.tools.sync-retry-initial-delay", "200ms");
        properties.put("fonella.tools.sync-retry-max-delay", "1s");
        properties.put("management.endpoints.web.exposure.include", "health");
        properties.put("management.endpoint.health.show-details", "always");
        return new SpringApplicationBuilder(ReliabilityApp.class).properties(properties).run();
    }

    private static FonellaSyncStatus status(ConfigurableApplicationContext app) {
        return app.getBean(FonellaStartupSync.class).status();
    }

    private JsonNode health(ConfigurableApplicationContext app) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base(app) + "/actuator/health/fonella")).GET().build();
        return FonellaJson.mapper().readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    private String invokeEcho(ConfigurableApplicationContext app) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base(app) + "/fonella/tools/echo"))
                .header("Content-Type", "application/json")
                .header("X-Fonella-Tool-Secret", TOOL_SECRET)
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"still here\"}"))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String base(ConfigurableApplicationContext app) {
        return "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    }
}
