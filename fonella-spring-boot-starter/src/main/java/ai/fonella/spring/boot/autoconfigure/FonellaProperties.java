package ai.fonella.spring.boot.autoconfigure;

import ai.fonella.client.FonellaClient;
import ai.fonella.sync.ToolEndpoint;
import ai.fonella.webhook.SignatureScheme;
import ai.fonella.webhook.WebhookVerifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of Fonella for Java, under {@code fonella.*}.
 *
 * <p>The minimum for a live app: {@code fonella.api-key} (or {@code FONELLA_API_KEY}) and
 * {@code fonella.public-url}, the HTTPS address where Fonella reaches the app.
 */
@ConfigurationProperties("fonella")
public class FonellaProperties {

    /**
     * Fonella API key (fon_live_...). The client bean, tool sync and webhook registration exist only
     * when it is set. Prefer the FONELLA_API_KEY environment variable to a value in a file.
     */
    private String apiKey;

    /**
     * Base URL of the Fonella API. Plain http is accepted only for a loopback emulator.
     */
    private String baseUrl = FonellaClient.DEFAULT_BASE_URL;

    /**
     * Public HTTPS address where Fonella reaches this app, e.g. https://shop.example.com, with the
     * context path and DispatcherServlet path the app is served under. Tool and webhook URLs are
     * derived from it: {public-url}{base-path}/tools/{name} and {public-url}{base-path}/webhooks. When
     * unset and base-url is a loopback emulator, the app's own loopback address is used, with both
     * paths.
     */
    private String publicUrl;

    /**
     * Path under which the Fonella endpoints are served.
     */
    private String basePath = ToolEndpoint.DEFAULT_BASE_PATH;

    /**
     * Largest request body accepted by the Fonella endpoints; larger requests get 413.
     */
    private DataSize maxBodySize = DataSize.ofMegabytes(1);

    /**
     * Longest time the Fonella endpoints spend reading one request body; a client that sends it more
     * slowly gets 408. Each blocking read is bounded by the server's own read timeout too
     * (server.tomcat.connection-timeout).
     */
    private Duration bodyReadTimeout = Duration.ofSeconds(10);

    /**
     * Connect timeout of the API client.
     */
    private Duration connectTimeout = FonellaClient.DEFAULT_CONNECT_TIMEOUT;

    /**
     * Timeout of one API request, from sending to the complete response.
     */
    private Duration requestTimeout = FonellaClient.DEFAULT_REQUEST_TIMEOUT;

    private final Tools tools = new Tools();

    private final Webhooks webhooks = new Webhooks();

    public String getApiKey() {
        return this.apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public String getBaseUrl() {
        return this.baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getPublicUrl() {
        return this.publicUrl;
    }

    public void setPublicUrl(String publicUrl) {
        this.publicUrl = publicUrl;
    }

    public String getBasePath() {
        return this.basePath;
    }

    public void setBasePath(String basePath) {
        this.basePath = basePath;
    }

    public DataSize getMaxBodySize() {
        return this.maxBodySize;
    }

    public void setMaxBodySize(DataSize maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    public Duration getBodyReadTimeout() {
        return this.bodyReadTimeout;
    }

    public void setBodyReadTimeout(Duration bodyReadTimeout) {
        this.bodyReadTimeout = bodyReadTimeout;
    }

    public Duration getConnectTimeout() {
        return this.connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getRequestTimeout() {
        return this.requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Tools getTools() {
        return this.tools;
    }

    public Webhooks getWebhooks() {
        return this.webhooks;
    }

    @Override
    public String toString() {
        return "FonellaProperties[baseUrl=" + baseUrl + ", publicUrl=" + publicUrl + ", basePath=" + basePath
                + ", apiKey=" + (apiKey == null ? "unset" : "set") + "]";
    }

    /** How tools are registered with Fonella at startup. */
    public enum SyncMode {
        /** Create, update and (with prune) delete this app's tools at startup. */
        ON_STARTUP,
        /**
         * Compare only; report drift on the health indicator, or fail the start with fail-fast. The
         * webhook subscription is registered all the same.
         */
        VALIDATE,
        /** Leave registration to someone else, e.g. the Maven plugin during deploy. */
        NONE
    }

    /** Settings of {@code @FonellaTool} methods and their endpoint. */
    public static class Tools {

        /**
         * Shared secret registered in each tool's headers and required on every invocation. When
         * unset, one is derived from the API key and public URL (the same on every replica with the
         * same key); set it explicitly when tools are registered by the Maven plugin or another key.
         */
        private String secret;

        /**
         * Header that carries the tool secret.
         */
        private String secretHeader = ToolEndpoint.DEFAULT_SECRET_HEADER;

        /**
         * What happens at startup: on-startup registers the tools, validate only compares, none does
         * nothing.
         */
        private SyncMode sync = SyncMode.ON_STARTUP;

        /**
         * Whether tools this app owns that are no longer in code are deleted during sync.
         */
        private boolean prune = false;

        /**
         * Whether a failed sync (API unreachable, key rejected, drift in validate mode) fails the
         * start. When false, the app starts, reports the problem on the health indicator and retries
         * in the background.
         */
        private boolean failFast = false;

        /**
         * Deadline of one tool invocation, unless the method sets its own. Must stay below the 5 s
         * Fonella waits.
         */
        private Duration timeout = Duration.ofSeconds(4);

        /**
         * How many tool calls may run at once on the server's request threads, where they are
         * cheapest; the calls beyond it run on the tool threads, so that slow tools can never hold
         * every request thread of the app. When unset: half of the server's request threads
         * (server.tomcat.threads.max or server.jetty.threads.max, 200 by default), and no limit with
         * virtual threads (spring.threads.virtual.enabled on Java 21 or newer).
         */
        private Integer inlineLimit;

        /**
         * Result spoken when a tool method returns nothing.
         */
        private String doneResult = "Done.";

        /**
         * Result spoken when a tool misses its deadline.
         */
        private String fallbackResult = "Sorry, that is taking longer than expected. Please try again in a moment.";

        /**
         * Result spoken when a tool method fails with an unexpected exception.
         */
        private String errorResult = "Sorry, something went wrong while doing that.";

        /**
         * First wait before retrying a failed sync in the background; doubles up to sync-retry-max-delay.
         */
        private Duration syncRetryInitialDelay = Duration.ofSeconds(2);

        /**
         * Longest wait between background sync retries.
         */
        private Duration syncRetryMaxDelay = Duration.ofMinutes(5);

        public String getSecret() {
            return this.secret;
        }

        public void setSecret(String secret) {
            this.secret = secret;
        }

        public String getSecretHeader() {
            return this.secretHeader;
        }

        public void setSecretHeader(String secretHeader) {
            this.secretHeader = secretHeader;
        }

        public SyncMode getSync() {
            return this.sync;
        }

        public void setSync(SyncMode sync) {
            this.sync = sync;
        }

        public boolean isPrune() {
            return this.prune;
        }

        public void setPrune(boolean prune) {
            this.prune = prune;
        }

        public boolean isFailFast() {
            return this.failFast;
        }

        public void setFailFast(boolean failFast) {
            this.failFast = failFast;
        }

        public Duration getTimeout() {
            return this.timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public Integer getInlineLimit() {
            return this.inlineLimit;
        }

        public void setInlineLimit(Integer inlineLimit) {
            this.inlineLimit = inlineLimit;
        }

        public String getDoneResult() {
            return this.doneResult;
        }

        public void setDoneResult(String doneResult) {
            this.doneResult = doneResult;
        }

        public String getFallbackResult() {
            return this.fallbackResult;
        }

        public void setFallbackResult(String fallbackResult) {
            this.fallbackResult = fallbackResult;
        }

        public String getErrorResult() {
            return this.errorResult;
        }

        public void setErrorResult(String errorResult) {
            this.errorResult = errorResult;
        }

        public Duration getSyncRetryInitialDelay() {
            return this.syncRetryInitialDelay;
        }

        public void setSyncRetryInitialDelay(Duration syncRetryInitialDelay) {
            this.syncRetryInitialDelay = syncRetryInitialDelay;
        }

        public Duration getSyncRetryMaxDelay() {
            return this.syncRetryMaxDelay;
        }

        public void setSyncRetryMaxDelay(Duration syncRetryMaxDelay) {
            this.syncRetryMaxDelay = syncRetryMaxDelay;
        }
    }

    /** Settings of {@code @OnFonellaEvent} methods and the webhook endpoint. */
    public static class Webhooks {

        /**
         * Signing secrets accepted on deliveries; list the new one first and keep the old one until
         * rotation is done. With register on, the secret of this app's subscription is accepted too.
         */
        private List<String> secrets = new ArrayList<>();

        /**
         * Largest accepted distance between a delivery's signed timestamp and now, either way.
         */
        private Duration tolerance = WebhookVerifier.DEFAULT_TOLERANCE;

        /**
         * Signature scheme of deliveries: fonella (X-Fonella-Signature) or standard-webhooks.
         */
        private SignatureScheme signatureScheme = SignatureScheme.FONELLA;

        /**
         * Whether to create or update this app's webhook subscription at startup, for exactly the
         * events its handlers listen to, and accept the secret the API returns for it.
         */
        private boolean register = true;

        /**
         * How often a running app checks its webhook subscription and repairs it: re-enables it
         * when it was disabled (Fonella does so after repeated failed deliveries), re-creates it
         * when it was deleted, adds event types its handlers take that it lacks. Zero turns the
         * check off.
         */
        private Duration reconcileInterval = Duration.ofMinutes(1);

        private final Deduplication deduplication = new Deduplication();

        public List<String> getSecrets() {
            return this.secrets;
        }

        public void setSecrets(List<String> secrets) {
            this.secrets = secrets;
        }

        public Duration getTolerance() {
            return this.tolerance;
        }

        public void setTolerance(Duration tolerance) {
            this.tolerance = tolerance;
        }

        public SignatureScheme getSignatureScheme() {
            return this.signatureScheme;
        }

        public void setSignatureScheme(SignatureScheme signatureScheme) {
            this.signatureScheme = signatureScheme;
        }

        public boolean isRegister() {
            return this.register;
        }

        public void setRegister(boolean register) {
            this.register = register;
        }

        public Duration getReconcileInterval() {
            return this.reconcileInterval;
        }

        public void setReconcileInterval(Duration reconcileInterval) {
            this.reconcileInterval = reconcileInterval;
        }

        public Deduplication getDeduplication() {
            return this.deduplication;
        }

        @Deprecated(since = "0.1.0")
        @DeprecatedConfigurationProperty(replacement = "fonella.webhooks.deduplication.capacity", since = "0.1.0")
        public int getDeduplicationCapacity() {
            return this.deduplication.getCapacity();
        }

        @Deprecated(since = "0.1.0")
        public void setDeduplicationCapacity(int deduplicationCapacity) {
            this.deduplication.setCapacity(deduplicationCapacity);
        }

        @Deprecated(since = "0.1.0")
        @DeprecatedConfigurationProperty(replacement = "fonella.webhooks.deduplication.retention", since = "0.1.0")
        public Duration getDeduplicationTtl() {
            return this.deduplication.getRetention();
        }

        @Deprecated(since = "0.1.0")
        public void setDeduplicationTtl(Duration deduplicationTtl) {
            this.deduplication.setRetention(deduplicationTtl);
        }
    }

    /** Where the webhook endpoint remembers which handler ran for which event. */
    public enum DeduplicationStore {
        /** In this process: right for a single instance; forgotten on restart. */
        MEMORY,
        /** A table in the application's own database, through its DataSource. */
        JDBC,
        /** Redis, through Spring Data Redis (spring.data.redis.*). */
        REDIS
    }

    /** When the JDBC store creates its table, as Boot's spring.sql.init.mode. */
    public enum SchemaInitialization {
        /** Only for an embedded database (H2, HSQLDB, Derby). */
        EMBEDDED,
        /** On every start; the scripts are idempotent (CREATE TABLE IF NOT EXISTS). */
        ALWAYS,
        /** Never: the table is created by Flyway, Liquibase or a DBA from the shipped script. */
        NEVER
    }

    /**
     * Deduplication of webhook deliveries: each (event id, handler) pair is claimed before the
     * handler runs and marked completed after, so that a redelivery does not run it again.
     */
    public static class Deduplication {

        /**
         * Where handled events are remembered: memory (one instance), jdbc (a table in the app's
         * DataSource) or redis (Spring Data Redis). With several instances behind a load balancer
         * use jdbc or redis, so that a redelivery reaching another instance is recognised.
         */
        private DeduplicationStore store = DeduplicationStore.MEMORY;

        /**
         * How long a claim holds when its instance neither completes nor releases it (it died or
         * hangs mid-handler); a redelivery after that runs the handler. Keep it a little above the
         * longest time a handler runs: shorter, and a slow handler may run twice; longer, and the
         * redelivery after a crash waits that long.
         */
        private Duration lease = Duration.ofSeconds(60);

        /**
         * How long a completed (event, handler) pair is remembered; redeliveries of an event within
         * this time do not run its handlers again. Older entries are removed by the store itself.
         */
        private Duration retention = Duration.ofDays(7);

        /**
         * Most (event id, handler) pairs the in-memory store remembers; the oldest are forgotten
         * first. Only for store=memory.
         */
        private int capacity = 100_000;

        private final Jdbc jdbc = new Jdbc();

        private final Redis redis = new Redis();

        public DeduplicationStore getStore() {
            return this.store;
        }

        public void setStore(DeduplicationStore store) {
            this.store = store;
        }

        public Duration getLease() {
            return this.lease;
        }

        public void setLease(Duration lease) {
            this.lease = lease;
        }

        public Duration getRetention() {
            return this.retention;
        }

        public void setRetention(Duration retention) {
            this.retention = retention;
        }

        public int getCapacity() {
            return this.capacity;
        }

        public void setCapacity(int capacity) {
            this.capacity = capacity;
        }

        public Jdbc getJdbc() {
            return this.jdbc;
        }

        public Redis getRedis() {
            return this.redis;
        }
    }

    /** The JDBC deduplication store. */
    public static class Jdbc {

        /**
         * Table of claims and completions, optionally schema-qualified (letters, digits and
         * underscores).
         */
        private String tableName = "fonella_event_claims";

        /**
         * When to create the table from the script shipped for the database
         * (ai/fonella/spring/boot/dedup/schema-{platform}.sql): embedded, always or never.
         */
        private SchemaInitialization initializeSchema = SchemaInitialization.EMBEDDED;

        public String getTableName() {
            return this.tableName;
        }

        public void setTableName(String tableName) {
            this.tableName = tableName;
        }

        public SchemaInitialization getInitializeSchema() {
            return this.initializeSchema;
        }

        public void setInitializeSchema(SchemaInitialization initializeSchema) {
            this.initializeSchema = initializeSchema;
        }
    }

    /** The Redis deduplication store. */
    public static class Redis {

        /**
         * Prefix of the store's keys; one key per (event id, handler).
         */
        private String keyPrefix = "fonella:dedup:";

        public String getKeyPrefix() {
            return this.keyPrefix;
        }

        public void setKeyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
        }
    }
}
