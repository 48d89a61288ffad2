package ai.fonella.spring.boot.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.model.Tool;
import ai.fonella.model.Webhook;
import ai.fonella.spring.boot.autoconfigure.FonellaStartupSync;
import ai.fonella.spring.boot.autoconfigure.FonellaSyncStatus;
import ai.fonella.spring.boot.registry.FonellaSecrets;
import ai.fonella.test.EmulatorAccount;
import ai.fonella.test.FonellaEmulator;
import ai.fonella.test.FonellaEmulatorTest;
import ai.fonella.webhook.SignatureScheme;
import ai.fonella.webhook.WebhookSigner;
import ai.fonella.webhook.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 8, item 16: three instances of one app (same key, same public URL, as behind a load balancer)
 * started at the same moment end with exactly one registered tool per name and one webhook
 * subscription, without errors, and every instance accepts deliveries signed with the secret of the
 * subscription that remains. Repeated, since races do not show every time.
 */
@FonellaEmulatorTest
class ConcurrentStartsIT {

    private final FonellaEmulator emulator;

    ConcurrentStartsIT(FonellaEmulator emulator) {
        this.emulator = emulator;
    }

    @BeforeAll
    static void plainLogging() {
        // Boot's logging system cannot be initialized by several applications at once in one JVM
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
    }

    @AfterAll
    static void bootLogging() {
        System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
    }

    @RepeatedTest(5)
    void threeInstancesStartedAtOnceEndWithOneRegistrationOfEachThing() throws Exception {
        EmulatorAccount account = emulator.newAccount();
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<ConfigurableApplicationContext>> starts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            starts.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return start(account);
            }));
        }
        go.countDown();
        List<ConfigurableApplicationContext> apps = new ArrayList<>();
        try {
            for (CompletableFuture<ConfigurableApplicationContext> start : starts) {
                apps.add(start.get(60, TimeUnit.SECONDS));
            }

            assertThat(apps).allSatisfy(app -> assertThat(app.getBean(FonellaStartupSync.class).status())
                    .satisfies(status -> assertThat(status.state()).as(status.message())
                            .isEqualTo(FonellaSyncStatus.State.SYNCED)));
            List<Tool> tools = emulator.client(account.apiKey()).tools().list();
            Map<String, Long> perName = tools.stream().collect(Collectors.groupingBy(Tool::name,
                    Collectors.counting()));
            assertThat(perName).containsOnlyKeys("echo", "fast", "gate", "slow", "book", "near")
                    .allSatisfy((name, count) -> assertThat(count).as(name).isEqualTo(1L));
            List<Webhook> webhooks = emulator.client(account.apiKey()).webhooks().list();
            assertThat(webhooks).hasSize(1);
            String secret = webhooks.get(0).secret();
            byte[] body = "{\"id\":\"evt_1\",\"type\":\"call.ended\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
            Map<String, String> headers = WebhookSigner.of(SignatureScheme.FONELLA, secret)
                    .sign("evt_1", Instant.now(), body);
            for (ConfigurableApplicationContext app : apps) {
                assertThat(app.getBean(FonellaSecrets.class).webhookSecrets()).contains(secret);
                // and so its verifier accepts what the remaining subscription delivers
                app.getBean(WebhookVerifier.class).verify(body, ai.fonella.webhook.HeaderLookup.of(headers));
            }
        } finally {
            apps.forEach(ConfigurableApplicationContext::close);
        }
    }

    private ConfigurableApplicationContext start(EmulatorAccount account) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        properties.put("fonella.api-key", account.apiKey());
        properties.put("fonella.base-url", emulator.baseUrl());
        properties.put("fonella.public-url", "https://shop.example.test");
        // three apps in one JVM share Logback's context, whose listener list Micrometer's Logback metrics
        // cannot join concurrently (separate processes, as real instances are, have no such problem)
        properties.put("spring.autoconfigure.exclude", "org.springframework.boot.micrometer.metrics.autoconfigure"
                + ".logging.logback.LogbackMetricsAutoConfiguration");
        return new SpringApplicationBuilder(ReliabilityApp.class).properties(properties).run();
    }

}
