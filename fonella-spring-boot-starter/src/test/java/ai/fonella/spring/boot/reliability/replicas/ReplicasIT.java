package ai.fonella.spring.boot.reliability.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.spring.boot.dedup.Engines;
import ai.fonella.spring.boot.dedup.TcpProxy;
import ai.fonella.webhook.SignatureScheme;
import ai.fonella.webhook.WebhookSigner;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 12, item 6: three instances of one app share one deduplication store (PostgreSQL, then
 * Redis, both real servers started here) and receive {@value #EVENTS_DEFAULT} signed deliveries over
 * HTTP, {@value #CONCURRENCY} at a time, each at a random instance:
 * <ul>
 *   <li>every tenth event is delivered again to a different instance, half at once and half after
 *       the first delivery succeeded;</li>
 *   <li>every hundredth handler call fails (answered 500, redelivered until it succeeds);</li>
 *   <li>at 30 % one instance hangs in the middle of a handler and is killed (its link to the store
 *       cut, its context closed), leaving its claim behind, which another instance takes over once
 *       the {@value #LEASE_SECONDS} s lease has passed;</li>
 *   <li>at 60 % the store cannot be reached for {@value #OUTAGE_MILLIS} ms: deliveries are answered
 *       503 with Retry-After and health is DOWN, then everything recovers without a restart.</li>
 * </ul>
 * Every handler effect happens exactly once and none is lost. Each instance reaches the store
 * through its own {@link TcpProxy}, so that one instance, or all, can lose the store.
 * {@code -Dfonella.replicas.events=N} changes the number of events.
 */
class ReplicasIT {

    static final int EVENTS_DEFAULT = 10_000;
    static final int EVENTS = Integer.getInteger("fonella.replicas.events", EVENTS_DEFAULT);
    static final int CONCURRENCY = 32;
    static final int LEASE_SECONDS = 5;
    static final int OUTAGE_MILLIS = 1500;
    static final String SECRET = "replicas-test-signing-secret-0123456789";
    static final String VICTIM = "r3";

    private final WebhookSigner signer = WebhookSigner.of(SignatureScheme.FONELLA, SECRET);

    @Test
    void threeInstancesSharingOnePostgresRunEveryHandlerExactlyOnce() throws Exception {
        try (EmbeddedPostgres postgres = Engines.postgres()) {
            Figures figures = run("PostgreSQL", postgres.getPort(), port -> Map.of(
                    "fonella.webhooks.deduplication.store", "jdbc",
                    "fonella.webhooks.deduplication.jdbc.initialize-schema", "always",
                    "spring.datasource.url", Engines.jdbcUrl(port) + "?connectTimeout=1&socketTimeout=5",
                    "spring.datasource.username", "postgres",
                    "spring.datasource.hikari.connection-timeout", "1000",
                    "spring.datasource.hikari.validation-timeout", "500",
                    "spring.datasource.hikari.maximum-pool-size", "16"));
            figures.check();
        }
    }

    @Test
    void threeInstancesSharingOneRedisRunEveryHandlerExactlyOnce() throws Exception {
        try (Engines.Redis redis = Engines.redis()) {
            Figures figures = run("Redis", redis.port(), port -> Map.of(
                    "fonella.webhooks.deduplication.store", "redis",
                    "spring.data.redis.host", "127.0.0.1",
                    "spring.data.redis.port", Integer.toString(port),
                    "spring.data.redis.timeout", "500ms",
                    "spring.data.redis.connect-timeout", "500ms"));
            figures.check();
        }
    }

    private Figures run(String engine, int enginePort, IntFunction<Map<String, String>> storeProperties)
            throws Exception {
        Scenario scenario = new Scenario(VICTIM);
        Scenario.current = scenario;
        List<Instance> instances = new ArrayList<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ExecutorService workers = Executors.newFixedThreadPool(CONCURRENCY);
        ExecutorService duplicates = Executors.newCachedThreadPool();
        Figures figures = new Figures(engine, scenario);
        try {
            for (String name : List.of("r1", "r2", VICTIM)) {
                instances.add(Instance.start(name, enginePort, storeProperties));
            }
            String runTag = Long.toString(System.nanoTime(), 36);
            long start = System.nanoTime();
            AtomicInteger done = new AtomicInteger();
            Disruptions disruptions = new Disruptions(http, instances, scenario, figures, done);
            // Each disruption starts when the worker picks up its event, so the events after it meet it
            // however fast the machine is.
            List<Future<?>> started = new CopyOnWriteArrayList<>();
            List<Future<?>> tasks = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                int index = i;
                tasks.add(workers.submit(() -> {
                    if (index == EVENTS * 3 / 10) {
                        started.add(duplicates.submit(() -> {
                            disruptions.killVictim();
                            return null;
                        }));
                    } else if (index == EVENTS * 6 / 10) {
                        started.add(duplicates.submit(() -> {
                            disruptions.storeOutage();
                            return null;
                        }));
                    }
                    deliverEvent(http, instances, figures, duplicates, "evt_" + runTag + "_" + index, index);
                    done.incrementAndGet();
                    return null;
                }));
            }
            for (Future<?> task : tasks) {
                task.get(120, TimeUnit.SECONDS);
            }
            for (Future<?> disruption : List.copyOf(started)) {
                disruption.get(60, TimeUnit.SECONDS);
            }
            figures.elapsed = Duration.ofNanos(System.nanoTime() - start);
            System.out.println(figures);
            return figures;
        } finally {
            Scenario.current.killed.countDown();
            workers.shutdownNow();
            duplicates.shutdownNow();
            for (Instance instance : instances) {
                instance.stop();
            }
        }
    }

    private void deliverEvent(HttpClient http, List<Instance> instances, Figures figures, ExecutorService pool,
            String eventId, int index) throws Exception {
        byte[] body = envelope(eventId, index);
        Random random = new Random(index);
        Instance first = live(instances, random, null);
        if (index % 10 != 0) {
            deliverUntilAccepted(http, instances, figures, eventId, body, first, random);
            return;
        }
        figures.duplicatesSent.incrementAndGet();
        Instance second = live(instances, random, first);
        if ((index / 10) % 2 == 0) { // at once: both deliveries in flight together
            CompletableFuture<Void> again = CompletableFuture.runAsync(() -> deliverUntilAccepted(http, instances,
                    figures, eventId, body, second, new Random(-index)), pool);
            deliverUntilAccepted(http, instances, figures, eventId, body, first, random);
            again.get(60, TimeUnit.SECONDS);
        } else { // later: after the first delivery succeeded
            deliverUntilAccepted(http, instances, figures, eventId, body, first, random);
            deliverUntilAccepted(http, instances, figures, eventId, body, second, random);
        }
    }

    /** Delivers as Fonella does: until a 2xx, each retry to a random live instance. */
    private void deliverUntilAccepted(HttpClient http, List<Instance> instances, Figures figures, String eventId,
            byte[] body, Instance target, Random random) {
        for (int attempt = 1; attempt <= 300; attempt++) {
            if (!target.alive) {
                target = live(instances, random, null);
            }
            figures.attempts.incrementAndGet();
            HttpRequest.Builder request = HttpRequest.newBuilder(target.webhooks)
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            signer.sign(eventId, Instant.now(), body).forEach(request::header);
            long pauseMillis = 10;
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return;
                }
                if (status == 500) {
                    figures.answered500.incrementAndGet();
                } else if (status == 503) {
                    if (response.headers().firstValue("Retry-After").isPresent()) {
                        figures.answered503StoreUnavailable.incrementAndGet();
                        // Fonella would wait the 5 s asked; the test waits less to stay short
                        pauseMillis = 500;
                    } else {
                        figures.answered503InProgress.incrementAndGet();
                    }
                } else {
                    throw new AssertionError("Unexpected " + status + " for " + eventId + ": " + response.body());
                }
            } catch (IOException e) {
                figures.connectionFailures.incrementAndGet(); // the killed instance
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            sleep(pauseMillis);
            target = live(instances, random, null);
        }
        throw new AssertionError("Event " + eventId + " was not accepted after 300 attempts");
    }

    private static Instance live(List<Instance> instances, Random random, Instance other) {
        List<Instance> candidates = instances.stream().filter(i -> i.alive && i != other).toList();
        return candidates.get(random.nextInt(candidates.size()));
    }

    private static byte[] envelope(String eventId, int index) {
        String now = Instant.now().toString();
        return ("{\"id\":\"" + eventId + "\",\"type\":\"call.started\",\"createdAt\":\"" + now + "\",\"data\":{"
                + "\"call\":{\"id\":\"call_" + index + "\",\"type\":\"inboundPhoneCall\",\"status\":\"in-progress\","
                + "\"startedAt\":\"" + now + "\",\"customerPhone\":\"+4915112345678\","
                + "\"calledPhoneNumber\":\"+4930123456\",\"transcriptMessages\":[]}}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One instance of the app, reaching the store through its own proxy. */
    static final class Instance {
        final String name;
        final TcpProxy proxy;
        final ConfigurableApplicationContext context;
        final URI webhooks;
        final URI health;
        volatile boolean alive = true;

        private Instance(String name, TcpProxy proxy, ConfigurableApplicationContext context) {
            this.name = name;
            this.proxy = proxy;
            this.context = context;
            String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
            this.webhooks = URI.create(base + "/fonella/webhooks");
            this.health = URI.create(base + "/actuator/health/fonella");
        }

        static Instance start(String name, int enginePort, IntFunction<Map<String, String>> storeProperties)
                throws IOException {
            TcpProxy proxy = new TcpProxy(enginePort);
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("replica.name", name);
            properties.put("server.address", "127.0.0.1");
            properties.put("server.port", "0");
            properties.put("server.shutdown", "immediate");
            properties.put("spring.main.banner-mode", "off");
            properties.put("spring.jmx.enabled", "false");
            properties.put("fonella.webhooks.secrets", SECRET);
            properties.put("fonella.webhooks.deduplication.lease", LEASE_SECONDS + "s");
            properties.put("management.endpoint.health.show-details", "always");
            properties.put("management.endpoints.web.exposure.include", "health");
            // deliberate handler failures and the outage would fill the log
            properties.put("logging.level.ai.fonella.event", "OFF");
            properties.put("logging.level.com.zaxxer.hikari", "OFF");
            properties.put("logging.level.io.lettuce", "OFF");
            properties.put("logging.level.org.springframework.boot.actuate", "OFF");
            properties.put("logging.level.org.springframework.boot.health", "OFF");
            properties.putAll(storeProperties.apply(proxy.port()));
            ConfigurableApplicationContext context = new SpringApplicationBuilder(ReplicaApp.class)
                    .properties(properties).run();
            return new Instance(name, proxy, context);
        }

        void stop() throws IOException {
            alive = false;
            context.close();
            proxy.close();
        }
    }

    /** The kill and the outage, each started when the run reaches its share of the events. */
    final class Disruptions {
        private final HttpClient http;
        private final List<Instance> instances;
        private final Scenario scenario;
        private final Figures figures;
        private final AtomicInteger done;
        private final CountDownLatch victimGone = new CountDownLatch(1);

        Disruptions(HttpClient http, List<Instance> instances, Scenario scenario, Figures figures,
                AtomicInteger done) {
            this.http = http;
            this.instances = instances;
            this.scenario = scenario;
            this.figures = figures;
            this.done = done;
        }

        void killVictim() throws Exception {
            scenario.hangArmed.set(true);
            assertThat(scenario.hanging.await(30, TimeUnit.SECONDS)).as("a handler hangs on " + VICTIM).isTrue();
            Instance victim = instances.stream().filter(i -> i.name.equals(VICTIM)).findFirst().orElseThrow();
            victim.alive = false; // the load balancer stops sending it deliveries
            sleep(300); // its other deliveries finish; the hung one does not
            victim.proxy.cut(); // the process dies: it never reaches the store again
            scenario.killed.countDown(); // the hung handler ends without an effect
            victim.context.close();
            figures.killedAfterEvents = done.get();
            victimGone.countDown();
        }

        void storeOutage() throws Exception {
            // the outage is of the survivors' store; the dead instance must never reach it again
            assertThat(victimGone.await(60, TimeUnit.SECONDS)).isTrue();
            List<Instance> live = instances.stream().filter(i -> i.alive).toList();
            figures.outageAfterEvents = done.get();
            live.forEach(i -> i.proxy.cut());
            sleep(OUTAGE_MILLIS / 2);
            figures.healthDuringOutage = health(live.get(0));
            sleep(OUTAGE_MILLIS / 2);
            live.forEach(i -> i.proxy.restore());
            long recovering = System.nanoTime();
            String health;
            do {
                sleep(100);
                health = health(live.get(0));
            } while (!health.startsWith("200") && System.nanoTime() - recovering < TimeUnit.SECONDS.toNanos(20));
            figures.healthAfterOutage = health;
            figures.healthRecovery = Duration.ofNanos(System.nanoTime() - recovering);
        }

        private String health(Instance instance) throws Exception {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(instance.health)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        }

    }

    /** What one run did, printed and checked. */
    static final class Figures {
        final String engine;
        final Scenario scenario;
        final AtomicInteger attempts = new AtomicInteger();
        final AtomicInteger duplicatesSent = new AtomicInteger();
        final AtomicInteger answered500 = new AtomicInteger();
        final AtomicInteger answered503StoreUnavailable = new AtomicInteger();
        final AtomicInteger answered503InProgress = new AtomicInteger();
        final AtomicInteger connectionFailures = new AtomicInteger();
        volatile int killedAfterEvents;
        volatile int outageAfterEvents;
        volatile String healthDuringOutage = "";
        volatile String healthAfterOutage = "";
        volatile Duration healthRecovery = Duration.ZERO;
        volatile Duration elapsed = Duration.ZERO;

        Figures(String engine, Scenario scenario) {
            this.engine = engine;
            this.scenario = scenario;
        }

        Duration takeoverDelay() {
            Long effectAt = scenario.effectNanos.get(scenario.hungEvent);
            return effectAt == null ? Duration.ZERO : Duration.ofNanos(effectAt - scenario.hungAtNanos);
        }

        void check() {
            Map<String, AtomicInteger> effects = scenario.effects;
            assertThat(effects).as("every event's effect happened").hasSize(EVENTS);
            assertThat(effects.values()).as("and exactly once").allSatisfy(count -> assertThat(count).hasValue(1));
            assertThat(duplicatesSent).hasValue(EVENTS / 10);
            assertThat(scenario.injectedFailures.get()).isPositive();
            // every failed handler call was answered 500 and redelivered (the killed one may have answered too)
            assertThat(answered500.get()).isBetween(scenario.injectedFailures.get(),
                    scenario.injectedFailures.get() + 1);
            // the orphaned claim was taken over by another instance after its lease, not before
            assertThat(scenario.hungEvent).isNotNull();
            assertThat(scenario.effectReplica.get(scenario.hungEvent)).isNotEqualTo(VICTIM);
            assertThat(takeoverDelay()).isGreaterThanOrEqualTo(Duration.ofSeconds(LEASE_SECONDS).minusMillis(100));
            // the outage answered 503 with Retry-After, health said so, and both recovered
            assertThat(answered503StoreUnavailable.get()).isPositive();
            assertThat(healthDuringOutage).startsWith("503").contains("\"deduplicationStoreReachable\":false");
            assertThat(healthAfterOutage).startsWith("200").contains("\"deduplicationStoreReachable\":true");
            assertThat(elapsed).isLessThan(Duration.ofSeconds(90));
        }

        @Override
        public String toString() {
            return String.format("Replicas on %s: %d events at concurrency %d over 3 instances in %d ms; %d deliveries "
                    + "(%d duplicates sent to another instance); %d handler calls, %d failed on purpose, %d answered "
                    + "500; instance %s killed mid-handler after %d events, its claim taken over %d ms later; store "
                    + "outage of %d ms after %d events: %d answers 503 with Retry-After, health back in %d ms; %d "
                    + "answers 503 in progress; %d connection failures; effects counted: %d events, %d effects, max "
                    + "%d per event", engine, EVENTS, CONCURRENCY, elapsed.toMillis(), attempts.get(),
                    duplicatesSent.get(), scenario.handlerCalls.get(), scenario.injectedFailures.get(),
                    answered500.get(), VICTIM, killedAfterEvents, takeoverDelay().toMillis(), OUTAGE_MILLIS,
                    outageAfterEvents, answered503StoreUnavailable.get(), healthRecovery.toMillis(),
                    answered503InProgress.get(), connectionFailures.get(), scenario.effects.size(),
                    scenario.effects.values().stream().mapToInt(AtomicInteger::get).sum(),
                    scenario.effects.values().stream().mapToInt(AtomicInteger::get).max().orElse(0));
        }
    }
}
