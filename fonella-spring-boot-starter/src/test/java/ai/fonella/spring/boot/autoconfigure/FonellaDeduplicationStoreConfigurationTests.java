package ai.fonella.spring.boot.autoconfigure;

import ai.fonella.spring.boot.registry.FonellaStartupException;
import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.event.EventDeduplicationStore;
import ai.fonella.event.InMemoryEventDeduplicationStore;
import ai.fonella.spring.boot.dedup.JdbcEventDeduplicationStore;
import ai.fonella.spring.boot.dedup.RedisEventDeduplicationStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

@ExtendWith(OutputCaptureExtension.class)
class FonellaDeduplicationStoreConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FonellaAutoConfiguration.class));

    private final ApplicationContextRunner withDatabase = runner
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=jdbc:h2:mem:dedup-config-${random.uuid}");

    @Test
    void remembersEventsInMemoryByDefault() {
        runner.run(context -> assertThat(context.getBean(EventDeduplicationStore.class))
                .isInstanceOf(InMemoryEventDeduplicationStore.class));
    }

    @Test
    void keepsTheDeprecatedInMemoryPropertiesWorking() {
        runner.withPropertyValues("fonella.webhooks.deduplication-capacity=7",
                "fonella.webhooks.deduplication-ttl=2h").run(context -> {
                    FonellaProperties.Deduplication deduplication = context.getBean(FonellaProperties.class)
                            .getWebhooks().getDeduplication();
                    assertThat(deduplication.getCapacity()).isEqualTo(7);
                    assertThat(deduplication.getRetention()).hasHours(2);
                });
    }

    @Test
    void usesTheAppsDataSourceAndCreatesTheTableOnAnEmbeddedDatabase() {
        withDatabase.withPropertyValues("fonella.webhooks.deduplication.store=jdbc",
                "fonella.webhooks.deduplication.jdbc.table-name=webhook_claims").run(context -> {
                    assertThat(context).hasNotFailed();
                    EventDeduplicationStore store = context.getBean(EventDeduplicationStore.class);
                    assertThat(store).isInstanceOf(JdbcEventDeduplicationStore.class);
                    assertThat(store.toString()).contains("webhook_claims");
                    JdbcClient jdbc = JdbcClient.create(context.getBean(javax.sql.DataSource.class));
                    assertThat(jdbc.sql("SELECT COUNT(*) FROM webhook_claims").query(Long.class).single()).isZero();
                });
    }

    @Test
    void failsAtStartupNamingTheScriptWhenTheTableIsMissingAndSchemaInitializationIsOff() {
        withDatabase.withPropertyValues("fonella.webhooks.deduplication.store=jdbc",
                "fonella.webhooks.deduplication.jdbc.initialize-schema=never").run(context ->
                        assertStartupFailure(context, "The deduplication table fonella_event_claims cannot be read",
                                "ai/fonella/spring/boot/dedup/schema-h2.sql"));
    }

    @Test
    void failsAtStartupSayingWhatToAddWhenJdbcIsChosenWithoutADataSource() {
        runner.withPropertyValues("fonella.webhooks.deduplication.store=jdbc").run(context ->
                assertStartupFailure(context, "store=jdbc needs a DataSource", "spring.datasource.url"));
    }

    @Test
    void failsAtStartupSayingWhatToAddWhenJdbcIsChosenWithoutSpringJdbc() {
        runner.withClassLoader(new FilteredClassLoader(JdbcClient.class))
                .withPropertyValues("fonella.webhooks.deduplication.store=jdbc").run(context ->
                        assertStartupFailure(context, "store=jdbc needs spring-boot-starter-jdbc",
                                "Add spring-boot-starter-jdbc"));
    }

    @Test
    void failsAtStartupSayingWhatToAddWhenRedisIsChosenWithoutSpringDataRedis() {
        runner.withClassLoader(new FilteredClassLoader(RedisConnectionFactory.class))
                .withPropertyValues("fonella.webhooks.deduplication.store=redis").run(context ->
                        assertStartupFailure(context, "store=redis needs spring-boot-starter-data-redis",
                                "Add spring-boot-starter-data-redis"));
    }

    @Test
    void failsAtStartupSayingWhatToAddWhenRedisIsChosenWithoutAConnection() {
        runner.withPropertyValues("fonella.webhooks.deduplication.store=redis").run(context ->
                assertStartupFailure(context, "store=redis needs a Redis connection", "spring.data.redis.host"));
    }

    @Test
    void usesTheAppsRedisConnectionAndStartsWhileRedisIsDown(CapturedOutput output) throws IOException {
        runner.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
                .withPropertyValues("fonella.webhooks.deduplication.store=redis",
                        "fonella.webhooks.deduplication.redis.key-prefix=shop:", "spring.data.redis.host=127.0.0.1",
                        "spring.data.redis.port=" + closedPort())
                .run(context -> assertThat(context.getBean(EventDeduplicationStore.class))
                        .isInstanceOf(RedisEventDeduplicationStore.class)
                        .hasToString("redis (keys shop:*)"));
        assertThat(output).contains("the deduplication Redis cannot be reached now; webhook deliveries are answered "
                + "503 until it can");
    }

    @Test
    void failsAtStartupSayingHowToStartWhileTheDatabaseIsDownWhenTheTableMustBeCreated() throws IOException {
        runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:" + closedPort() + "/app",
                        "spring.datasource.hikari.connection-timeout=500",
                        "fonella.webhooks.deduplication.store=jdbc",
                        "fonella.webhooks.deduplication.jdbc.initialize-schema=always")
                .run(context -> {
                    assertStartupFailure(context, "Could not create the deduplication table "
                            + "fonella_event_claims (fonella.webhooks.deduplication.jdbc.initialize-schema=always)",
                            "set initialize-schema=never: the app then also starts while the database is down");
                    // and why: the driver's own words, not only Spring's "Could not get Connection"
                    assertStartupFailure(context, "refused", "");
                });
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void startsWithoutJdbcAndRedisOnTheClassPathWhenTheStoreIsInMemory() {
        runner.withClassLoader(new FilteredClassLoader(JdbcClient.class, RedisConnectionFactory.class))
                .run(context -> assertThat(context).hasNotFailed()
                        .getBean(EventDeduplicationStore.class).isInstanceOf(InMemoryEventDeduplicationStore.class));
    }

    @Test
    void prefersTheUsersOwnStoreWhateverTheProperty() {
        runner.withUserConfiguration(OwnStore.class)
                .withPropertyValues("fonella.webhooks.deduplication.store=jdbc").run(context ->
                        assertThat(context.getBean(EventDeduplicationStore.class)).isSameAs(OwnStore.STORE));
    }

    @Test
    void refusesAnEmptyStoreInsteadOfFallingBackToMemory() {
        runner.withPropertyValues("fonella.webhooks.deduplication.store=").run(context ->
                assertStartupFailure(context, "fonella.webhooks.deduplication.store is empty",
                        "Set it to memory, jdbc or redis"));
    }

    @Test
    void rejectsANonPositiveLease() {
        runner.withPropertyValues("fonella.webhooks.deduplication.lease=0s").run(context ->
                assertStartupFailure(context, "fonella.webhooks.deduplication.lease must be positive", "60s"));
        runner.withPropertyValues("fonella.webhooks.deduplication.retention=-1d").run(context ->
                assertStartupFailure(context, "fonella.webhooks.deduplication.retention must be positive, but is "
                        + "-1d.", "7d"));
    }

    private static void assertStartupFailure(AssertableApplicationContext context, String description,
            String action) {
        assertThat(context).hasFailed();
        Throwable failure = context.getStartupFailure();
        while (failure != null && !(failure instanceof FonellaStartupException)) {
            failure = failure.getCause();
        }
        assertThat(failure).as("a FonellaStartupException in %s", context.getStartupFailure())
                .isInstanceOfSatisfying(FonellaStartupException.class, startup -> {
                    assertThat(startup.description()).contains(description);
                    assertThat(startup.action()).contains(action);
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnStore {
        static final EventDeduplicationStore STORE = EventDeduplicationStore.none();

        @Bean
        EventDeduplicationStore myStore() {
            return STORE;
        }
    }
}
