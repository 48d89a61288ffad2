package ai.fonella.spring.boot.autoconfigure;

import ai.fonella.event.EventDeduplicationStore;
import ai.fonella.event.InMemoryEventDeduplicationStore;
import ai.fonella.spring.boot.autoconfigure.FonellaProperties.Deduplication;
import ai.fonella.spring.boot.dedup.JdbcDeduplicationSchema;
import ai.fonella.spring.boot.dedup.JdbcEventDeduplicationStore;
import ai.fonella.spring.boot.dedup.RedisEventDeduplicationStore;
import ai.fonella.spring.boot.registry.FonellaStartupException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.util.ClassUtils;

/**
 * Builds the deduplication store that {@code fonella.webhooks.deduplication.store} names, at runtime
 * (so that the choice is the running configuration's, also in an AOT-processed app). JDBC and Redis
 * classes are touched only in the nested classes, and only when they are on the class path, so an
 * app without them starts.
 */
final class FonellaDeduplicationStores {

    private static final Logger log = LoggerFactory.getLogger(FonellaDeduplicationStores.class);

    private FonellaDeduplicationStores() {
    }

    /** The property that chooses the store. */
    static final String STORE_PROPERTY = "fonella.webhooks.deduplication.store";

    /**
     * The store the configuration chooses.
     *
     * @param config the deduplication properties
     * @param beans where the DataSource or Redis connection factory is looked up
     * @param rawStore the {@code store} property as written, {@code null} when absent: Boot binds an
     *     empty value as absent, so memory, which several instances do not share
     */
    static EventDeduplicationStore create(Deduplication config, ConfigurableListableBeanFactory beans,
            String rawStore) {
        ClassLoader loader = beans.getBeanClassLoader();
        requirePositive(config.getLease(), "lease", "60s");
        requirePositive(config.getRetention(), "retention", "7d");
        if (config.getStore() == null || (rawStore != null && rawStore.isBlank())) {
            throw new FonellaStartupException(STORE_PROPERTY + " is empty (an empty environment variable "
                    + "FONELLA_WEBHOOKS_DEDUPLICATION_STORE, for example).", "Set it to memory, jdbc or redis, or "
                    + "remove it for the default, memory, which several instances do not share.", null);
        }
        return switch (config.getStore()) {
            case MEMORY -> {
                if (config.getCapacity() < 1) {
                    throw new FonellaStartupException("fonella.webhooks.deduplication.capacity must be at least 1, "
                            + "but is " + config.getCapacity() + ".", "Set it to e.g. 100000.", null);
                }
                yield new InMemoryEventDeduplicationStore(config.getCapacity(), config.getRetention(),
                        Clock.systemUTC());
            }
            case JDBC -> {
                requireClasses(loader, "jdbc", "spring-boot-starter-jdbc and your database's JDBC driver",
                        "org.springframework.jdbc.core.simple.JdbcClient", "org.springframework.boot.jdbc.DatabaseDriver");
                yield Jdbc.create(config, beans);
            }
            case REDIS -> {
                requireClasses(loader, "redis", "spring-boot-starter-data-redis",
                        "org.springframework.data.redis.connection.RedisConnectionFactory");
                yield Redis.create(config, beans);
            }
        };
    }

    private static void requirePositive(Duration value, String name, String example) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new FonellaStartupException("fonella.webhooks.deduplication." + name + " must be positive, but is "
                    + (value == null ? "empty" : asWritten(value)) + ".", "Set it to e.g. " + example
                    + ".", null);
        }
    }

    /** A duration as one writes it in properties, in its largest whole unit: {@code -1d}, {@code 90s}. */
    static String asWritten(Duration value) {
        if (!value.isZero()) {
            for (ChronoUnit unit : List.of(ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS)) {
                if (value.toMillis() % unit.getDuration().toMillis() == 0) {
                    return DurationStyle.SIMPLE.print(value, unit);
                }
            }
        }
        return DurationStyle.SIMPLE.print(value, value.isZero() ? ChronoUnit.SECONDS : ChronoUnit.MILLIS);
    }

    private static void requireClasses(ClassLoader loader, String store, String dependency, String... classes) {
        for (String type : classes) {
            if (!ClassUtils.isPresent(type, loader)) {
                throw new FonellaStartupException("fonella.webhooks.deduplication.store=" + store + " needs "
                        + dependency + ", which the application does not have (" + type + " is missing).",
                        "Add " + dependency + " to the application's dependencies, or choose another "
                                + "fonella.webhooks.deduplication.store (memory, jdbc or redis).", null);
            }
        }
    }

    /** The JDBC store; loaded only when Spring JDBC is present. */
    private static final class Jdbc {

        static EventDeduplicationStore create(Deduplication config, ListableBeanFactory beans) {
            DataSource dataSource = beans.getBeanProvider(DataSource.class).getIfUnique();
            if (dataSource == null) {
                throw new FonellaStartupException("fonella.webhooks.deduplication.store=jdbc needs a DataSource, and "
                        + "the application has none (or several, none of them @Primary).",
                        "Add spring-boot-starter-jdbc and your database's JDBC driver and set spring.datasource.url, "
                                + "or define a DataSource bean (mark one @Primary if there are several); or choose "
                                + "fonella.webhooks.deduplication.store=memory or redis.", null);
            }
            FonellaProperties.Jdbc jdbc = config.getJdbc();
            String table = jdbc.getTableName();
            try {
                JdbcEventDeduplicationStore.requireTableName(table);
            } catch (IllegalArgumentException e) {
                throw new FonellaStartupException(e.getMessage() + ".",
                        "Fix fonella.webhooks.deduplication.jdbc.table-name.", e);
            }
            FonellaProperties.SchemaInitialization mode = jdbc.getInitializeSchema();
            if (mode == FonellaProperties.SchemaInitialization.ALWAYS
                    || (mode == FonellaProperties.SchemaInitialization.EMBEDDED
                    && EmbeddedDatabaseConnection.isEmbedded(dataSource))) {
                try {
                    JdbcDeduplicationSchema.create(dataSource, table);
                } catch (IllegalStateException | DataAccessException e) {
                    throw new FonellaStartupException("Could not create the deduplication table " + table
                            + " (fonella.webhooks.deduplication.jdbc.initialize-schema="
                            + mode.name().toLowerCase(Locale.ROOT) + "): " + withCause(e), "Check that the "
                            + "database is reachable and that its user may create tables. Or create the table once "
                            + "from " + JdbcDeduplicationSchema.ANY_SCRIPT + " in the Fonella starter's jar and set "
                            + "initialize-schema=never: the app then also starts while the database is down, "
                            + "answering webhook deliveries 503 until it is back.", e);
                }
            }
            JdbcEventDeduplicationStore store = new JdbcEventDeduplicationStore(dataSource, table,
                    config.getRetention(), Clock.systemUTC());
            try {
                store.ping();
            } catch (BadSqlGrammarException e) {
                store.close();
                throw new FonellaStartupException("The deduplication table " + table + " cannot be read: "
                        + e.getMostSpecificCause().getMessage(), "Create it from "
                        + scriptFor(dataSource)
                        + " in the Fonella starter's jar (copy it into your Flyway or Liquibase migrations), or set "
                        + "fonella.webhooks.deduplication.jdbc.initialize-schema=always.", e);
            } catch (DataAccessException e) {
                log.warn("Fonella: the deduplication database cannot be reached now; webhook deliveries are answered "
                        + "503 until it can: {}", e.getMostSpecificCause().toString());
            }
            return store;
        }

        /** A message, and the most specific cause's when that says something else (the server refused, say). */
        private static String withCause(Exception e) {
            String message = String.valueOf(e.getMessage());
            Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
            return cause == e || cause.getMessage() == null || message.contains(cause.getMessage())
                    ? message : message + " (" + cause + ")";
        }

        private static String scriptFor(DataSource dataSource) {
            try {
                return String.format(JdbcDeduplicationSchema.SCRIPT_LOCATION,
                        JdbcDeduplicationSchema.platform(dataSource));
            } catch (IllegalStateException e) {
                return JdbcDeduplicationSchema.ANY_SCRIPT;
            }
        }
    }

    /** The Redis store; loaded only when Spring Data Redis is present. */
    private static final class Redis {

        static EventDeduplicationStore create(Deduplication config, ListableBeanFactory beans) {
            RedisConnectionFactory connections = beans.getBeanProvider(RedisConnectionFactory.class).getIfUnique();
            if (connections == null) {
                throw new FonellaStartupException("fonella.webhooks.deduplication.store=redis needs a Redis "
                        + "connection, and the application has none (no single RedisConnectionFactory bean).",
                        "Add spring-boot-starter-data-redis and set spring.data.redis.host and port (or "
                                + "spring.data.redis.url), or define a RedisConnectionFactory bean; or choose "
                                + "fonella.webhooks.deduplication.store=memory or jdbc.", null);
            }
            String prefix = config.getRedis().getKeyPrefix();
            if (prefix == null || prefix.isEmpty()) {
                throw new FonellaStartupException("fonella.webhooks.deduplication.redis.key-prefix is empty.",
                        "Set it to e.g. " + RedisEventDeduplicationStore.DEFAULT_KEY_PREFIX
                                + ", so the store's keys are told apart from the app's.", null);
            }
            RedisEventDeduplicationStore store = new RedisEventDeduplicationStore(connections, prefix,
                    config.getRetention());
            try {
                store.ping();
            } catch (DataAccessException e) {
                log.warn("Fonella: the deduplication Redis cannot be reached now; webhook deliveries are answered 503 "
                        + "until it can: {}", e.getMostSpecificCause().toString());
            }
            return store;
        }
    }
}
