package ai.fonella.spring.boot.autoconfigure;

import ai.fonella.FonellaException;
import ai.fonella.InvalidRequestException;
import ai.fonella.client.FonellaApiException;
import ai.fonella.client.FonellaClient;
import ai.fonella.client.RetryPolicy;
import ai.fonella.model.ApiRules;
import ai.fonella.model.Tool;
import ai.fonella.model.Webhook;
import ai.fonella.spring.boot.autoconfigure.FonellaProperties.SyncMode;
import ai.fonella.spring.boot.autoconfigure.FonellaSyncStatus.State;
import ai.fonella.spring.boot.registry.FonellaHandlerRegistry;
import ai.fonella.spring.boot.registry.FonellaSecrets;
import ai.fonella.spring.boot.registry.FonellaStartupException;
import ai.fonella.spring.boot.registry.FonellaToolRegistration;
import ai.fonella.sync.DesiredTool;
import ai.fonella.sync.SyncPlan;
import ai.fonella.sync.SyncResult;
import ai.fonella.sync.ToolEndpoint;
import ai.fonella.sync.ToolSecrets;
import ai.fonella.sync.ToolSync;
import ai.fonella.sync.ToolSyncException;
import ai.fonella.sync.WebhookPlan;
import ai.fonella.sync.WebhookSync;
import ai.fonella.sync.WebhookSyncResult;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;
import org.springframework.web.context.WebApplicationContext;

/**
 * Registers the app with Fonella once the web server is up: syncs the tools as
 * {@code fonella.tools.sync} says and creates or updates the webhook subscription. On failure it
 * fails the start ({@code fonella.tools.fail-fast}) or reports the problem on the health indicator
 * and retries in the background with exponential backoff. While the app runs, it checks the
 * subscription every {@code fonella.webhooks.reconcile-interval} and repairs it, so that a
 * subscription Fonella disabled after failed deliveries, or one deleted in the console, does not
 * stop deliveries until the next restart.
 */
public class FonellaStartupSync implements SmartLifecycle, ApplicationContextAware, SmartInitializingSingleton {

    /** After the web server has started (so its port is known), before graceful shutdown. */
    public static final int PHASE = Integer.MAX_VALUE - 1000;

    /** At most one check a delivery with an unknown signature asks for, per this time. */
    private static final long MISMATCH_CHECK_SPACING_NANOS = TimeUnit.SECONDS.toNanos(10);

    private static final Logger log = LoggerFactory.getLogger(FonellaStartupSync.class);

    private final FonellaProperties properties;
    private final FonellaClient client;
    private final FonellaHandlerRegistry registry;
    private final FonellaSecrets secrets;
    private final Environment environment;
    private final Clock clock;
    private final RetryPolicy retryPolicy;

    private volatile FonellaSyncStatus status = FonellaSyncStatus.pending();
    private volatile ToolEndpoint endpoint;
    private volatile boolean running;
    /** Whether Spring MVC can serve the endpoints; unknown (assumed) until the context says. */
    private boolean webApplication = true;
    /**
     * Held by a sync attempt and a subscription check, so that they never overlap; never by
     * {@link #stop()}, which must not wait for an API call to end.
     */
    private final ReentrantLock syncLock = new ReentrantLock();
    /** Guards {@link #scheduler}, briefly: creating it, scheduling on it, shutting it down. */
    private final Object schedulerLock = new Object();
    /** Runs the background retries and the subscription checks; created when first needed. */
    private ScheduledExecutorService scheduler;
    private int attempts;
    /** Whether the latest subscription check failed, so that a run of failures is logged once at WARN. */
    private boolean reconcileFailing;
    /** Whether this app checks its subscription while it runs. */
    private volatile boolean checksSubscription;
    /** When a delivery with an unknown signature last asked for a check ({@link System#nanoTime()}). */
    private final AtomicLong lastMismatchCheck = new AtomicLong(System.nanoTime() - MISMATCH_CHECK_SPACING_NANOS);
    /** The registered tools, listed while the web server starts; taken by the first sync attempt. */
    private volatile CompletableFuture<List<Tool>> listing;

    /**
     * @param properties the configuration
     * @param client the API client, or {@code null} when no API key is set
     * @param registry the discovered tools and handlers
     * @param secrets where the tool secret and subscription secrets are published
     * @param environment to resolve the public URL once the server port is known
     */
    public FonellaStartupSync(FonellaProperties properties, FonellaClient client, FonellaHandlerRegistry registry,
            FonellaSecrets secrets, Environment environment) {
        this.properties = properties;
        this.client = client;
        this.registry = registry;
        this.secrets = secrets;
        this.environment = environment;
        this.clock = Clock.systemUTC();
        FonellaProperties.Tools tools = properties.getTools();
        // Background retries never give up; the jitter keeps replicas that failed together apart.
        this.retryPolicy = new RetryPolicy(Integer.MAX_VALUE, tools.getSyncRetryInitialDelay(),
                tools.getSyncRetryMaxDelay(), 2.0, 0.1, Duration.ofDays(36_500));
    }

    /**
     * Learns whether this is a web application, whose Spring MVC serves the tool and webhook
     * endpoints.
     *
     * @param context the application context
     */
    @Override
    public void setApplicationContext(ApplicationContext context) {
        this.webApplication = context instanceof WebApplicationContext;
    }

    /**
     * Once the tools are found, lists the registered ones on a thread of its own, so that the
     * client's first request overlaps the rest of the startup (the web server's above all) instead
     * of following it. The first sync attempt plans against that list; a failure of the listing is
     * that attempt's failure, exactly as if it had listed itself. Not when the start is bound to
     * fail for want of a public URL: nothing is sent then.
     */
    @Override
    public void afterSingletonsInstantiated() {
        if (client == null || !hasToolWork() || !registry.isInitialized() || !webApplication
                || !StringUtils.hasText(properties.getPublicUrl()) && !loopbackApi()) {
            return;
        }
        listing = CompletableFuture.supplyAsync(() -> client.tools().list(), task -> { // any throwable completes it
            Thread thread = new Thread(task, "fonella-sync-listing");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** The early listing, once: later attempts (the background retries, a call of runOnce) list afresh. */
    private List<Tool> takeListing() {
        CompletableFuture<List<Tool>> pending = listing;
        listing = null;
        if (pending == null) {
            return null;
        }
        try {
            return pending.join();
        } catch (CompletionException e) { // what the listing threw, as if it had run here
            ReflectionUtils.rethrowRuntimeException(e.getCause());
            throw e; // not reached: that rethrows the cause, or wraps a checked one
        }
    }

    @Override
    public void start() {
        running = true;
        Duration reconcileInterval = properties.getWebhooks().getReconcileInterval();
        if (reconcileInterval == null || reconcileInterval.isNegative()) {
            throw new FonellaStartupException("fonella.webhooks.reconcile-interval must be zero or positive, but is "
                    + (reconcileInterval == null ? "empty" : FonellaDeduplicationStores.asWritten(reconcileInterval))
                    + ".", "Set fonella.webhooks.reconcile-interval to a duration such as 1m, "
                    + "or to 0 to turn the subscription check off.", null);
        }
        ToolEndpoint resolved = resolveEndpoint();
        publishToolSecret(resolved);
        this.endpoint = resolved == null ? null : new ToolEndpoint(resolved.publicUrl(), resolved.basePath(),
                resolved.secretHeader(), secrets.toolSecret().orElse(null));
        boolean registers = client != null && properties.getWebhooks().isRegister();
        if (registry.hasEventHandlers() && !registers && secrets.webhookSecrets().isEmpty()) {
            log.warn("Fonella: {} event handler(s), but no webhook signing secret: fonella.webhooks.secrets is empty "
                    + "and this app does not register the subscription ({}), so every delivery will be refused "
                    + "with 401. Set fonella.webhooks.secrets to the subscription's signing secret.",
                    registry.eventHandlers().size(), client == null ? "no fonella.api-key"
                            : "fonella.webhooks.register=false");
        }
        if (client == null) {
            status = new FonellaSyncStatus(State.DISABLED, "No fonella.api-key is set: tools and the webhook "
                    + "subscription are not registered; the endpoints still serve requests.", null, 0, null, null,
                    null);
            if (registry.hasTools() || registry.hasEventHandlers()) {
                log.info("Fonella: no fonella.api-key set; serving {} tool(s) and {} event handler(s) without "
                        + "registering them", registry.tools().size(), registry.eventHandlers().size());
            }
            return;
        }
        if (!hasWork()) {
            status = new FonellaSyncStatus(State.DISABLED, "Nothing to register: no tools to sync and no "
                    + "webhook subscription to manage.", null, 0, null, null, null);
            return;
        }
        if (!webApplication) {
            throw new FonellaStartupException("Fonella cannot register this app: it is not a web application, so "
                    + "nothing would serve the tools and webhooks it registers (Fonella reaches them over HTTP).",
                    "Add spring-boot-starter-webmvc to the application's dependencies, or set "
                            + "fonella.tools.sync=none and fonella.webhooks.register=false to use only the client.",
                    null);
        }
        if (resolved == null) {
            throw new FonellaStartupException("Fonella cannot register this app: fonella.public-url is not set, so "
                    + "there is no address where Fonella can reach its tools and webhooks.",
                    "Set fonella.public-url to the app's public HTTPS address, e.g. https://shop.example.com, or "
                            + "set fonella.tools.sync=none and fonella.webhooks.register=false.", null);
        }
        try {
            runOnce();
        } catch (FonellaStartupException e) {
            throw e;
        } catch (FonellaException e) {
            if (properties.getTools().isFailFast()) {
                throw startupFailure(e);
            }
            log.error("Fonella sync failed; the app keeps serving and retries in the background: {}", e.getMessage());
            if (isRetryable(e)) {
                scheduleRetry(1);
            }
        }
        checksSubscription = registers && registry.hasEventHandlers() && !reconcileInterval.isZero();
        reconcileFailing = false;
        if (checksSubscription) {
            long millis = Math.max(1, reconcileInterval.toMillis());
            schedule(scheduler -> scheduler.scheduleWithFixedDelay(this::reconcileSubscription, millis, millis,
                    TimeUnit.MILLISECONDS));
        }
    }

    private boolean hasWork() {
        return hasToolWork() || properties.getWebhooks().isRegister() && registry.hasEventHandlers();
    }

    private boolean hasToolWork() {
        return properties.getTools().getSync() != SyncMode.NONE
                && (registry.hasTools() || properties.getTools().isPrune());
    }

    /**
     * Runs one sync attempt now, on the calling thread, and records its outcome.
     *
     * @return the status afterwards
     * @throws FonellaException if the attempt failed
     */
    public FonellaSyncStatus runOnce() {
        syncLock.lock();
        try {
            return attemptSync();
        } finally {
            syncLock.unlock();
        }
    }

    private FonellaSyncStatus attemptSync() {
        attempts++;
        ToolEndpoint target = this.endpoint;
        StringBuilder message = new StringBuilder();
        String plan = null;
        String webhookId = status.webhookId();
        String drift = null;
        try {
            if (properties.getTools().getSync() != SyncMode.NONE) {
                List<DesiredTool> desired = DesiredTool.of(registry.tools().values().stream()
                        .map(FonellaToolRegistration::definition).toList(), target);
                ToolSync sync = new ToolSync(client);
                List<Tool> registered = takeListing();
                SyncPlan toolPlan = registered != null
                        ? sync.plan(desired, registered, target, properties.getTools().isPrune())
                        : sync.plan(desired, target, properties.getTools().isPrune());
                plan = toolPlan.render();
                if (properties.getTools().getSync() == SyncMode.VALIDATE) {
                    if (toolPlan.isEmpty()) {
                        message.append("Tools match the code (").append(toolPlan.summary()).append("). ");
                    } else {
                        // reported after the subscription is registered: tool drift is no reason to miss events
                        // (except with fail-fast, below)
                        drift = "Registered tools differ from the code (" + toolPlan.summary() + "):\n" + plan;
                    }
                } else {
                    SyncResult result = sync.apply(toolPlan, target);
                    log.info("Fonella tool sync for {}:\n{}", target.toolUrlPrefix(), plan);
                    message.append("Tools synced (").append(toolPlan.summary()).append(", ")
                            .append(result.writes()).append(" write(s)). ");
                }
            }
            // with fail-fast, drift stops the start: no subscription for an app that will not run
            if (properties.getWebhooks().isRegister() && registry.hasEventHandlers()
                    && (drift == null || !properties.getTools().isFailFast())) {
                webhookId = acceptSecrets(new WebhookSync(client).sync(target, registry.handledEventTypes()))
                        .subscription().webhookId();
                message.append("Webhook subscription ").append(webhookId).append(" receives ")
                        .append(registry.handledEventTypes().size()).append(" event type(s).");
            }
            if (drift != null) {
                record(State.DRIFT, (drift + "\n" + message).trim(), plan, webhookId, false);
                throw new DriftException(drift + "\nRun the Maven plugin's fonella:sync, or set "
                        + "fonella.tools.sync=on-startup.");
            }
            return record(State.SYNCED, message.toString().trim(), plan, webhookId, true);
        } catch (FonellaException e) {
            if (!(e instanceof DriftException)) {
                record(State.FAILED, e.getMessage(), plan, webhookId, false);
            }
            throw e;
        }
    }

    /** Validate mode found differences; the status already says which. */
    private static final class DriftException extends ToolSyncException {
        private static final long serialVersionUID = 1L;

        DriftException(String message) {
            super(message);
        }
    }

    private FonellaSyncStatus record(State state, String message, String plan, String webhookId, boolean success) {
        Instant now = clock.instant();
        FonellaSyncStatus next = new FonellaSyncStatus(state, message, plan, attempts, now,
                success ? now : status.lastSuccess(), webhookId);
        status = next;
        return next;
    }

    /** Accepts the secrets of a subscription sync or repair by core's {@link WebhookSync}. */
    private WebhookSyncResult acceptSecrets(WebhookSyncResult result) {
        log.debug("Fonella webhook sync for {}:\n{}", result.plan().url(), result.plan().render());
        secrets.setRegisteredWebhookSecrets(result.secrets());
        return result;
    }

    /**
     * The periodic subscription check, also run at once (at most every 10 s) when a delivery's
     * signature matches no accepted secret: plans against what the API lists and repairs what
     * differs. Only once the subscription was registered; until then, the background retries
     * register it. Skipped while a sync attempt runs. A failure (the API unreachable) is logged once
     * per run of failures, and the next check tries again; health reports an unreachable API by
     * itself.
     */
    private void reconcileSubscription() {
        if (!running || endpoint == null || status.webhookId() == null || !syncLock.tryLock()) {
            return;
        }
        try {
            String previousId = status.webhookId();
            WebhookSyncResult result;
            try {
                result = acceptSecrets(new WebhookSync(client).repair(endpoint, registry.handledEventTypes()));
            } catch (RuntimeException e) {
                if (!running) {
                    return; // stopped in the middle of it
                }
                if (!reconcileFailing) {
                    String every = FonellaDeduplicationStores.asWritten(properties.getWebhooks().getReconcileInterval());
                    if (e instanceof FonellaException) {
                        log.warn("Fonella: could not check the webhook subscription; checking again every {}: {}",
                                every, e.getMessage());
                    } else {
                        log.warn("Fonella: could not check the webhook subscription; checking again every {}", every, e);
                    }
                } else {
                    log.debug("Fonella: the webhook subscription check failed again: {}", e.toString());
                }
                reconcileFailing = true;
                return;
            }
            if (reconcileFailing) {
                log.info("Fonella: the webhook subscription check works again");
                reconcileFailing = false;
            }
            String webhookId = result.subscription().webhookId();
            String repaired = repaired(result, previousId);
            if (repaired != null) {
                log.warn("Fonella: {}\n{}", repaired, result.plan().render());
                record(State.SYNCED, repaired, status.plan(), webhookId, true);
            } else if (!webhookId.equals(previousId)) {
                String message = "Webhook subscription " + previousId + " was replaced by " + webhookId
                        + " (by another instance of this app); accepting its secret.";
                log.info("Fonella: {}", message);
                record(State.SYNCED, message, status.plan(), webhookId, true);
            }
        } finally {
            syncLock.unlock();
        }
    }

    /** What a periodic check repaired, in a sentence, or {@code null} when it wrote nothing. */
    private static String repaired(WebhookSyncResult result, String previousId) {
        WebhookPlan plan = result.plan();
        String webhookId = result.subscription().webhookId();
        String removed = result.duplicatesRemoved() == 0 ? ""
                : " Removed " + result.duplicatesRemoved() + " duplicate subscription(s).";
        return switch (plan.action()) {
            case CREATE -> "Webhook subscription " + previousId + " no longer existed (deleted in the Fonella console or through the API); created a new one, now "
                    + webhookId + ", and accepting its secret. Events sent meanwhile were not delivered to this app."
                    + removed;
            case UPDATE -> {
                Webhook kept = plan.kept();
                StringBuilder what = new StringBuilder();
                if (plan.changedFields().contains("enabled")) {
                    what.append(kept.failureCount() > 0
                            ? "Webhook subscription " + webhookId + " was disabled after " + kept.failureCount()
                                    + " failed deliveries in a row" + (kept.lastFailedAt() == null ? ""
                                            : " (the last at " + kept.lastFailedAt() + ")")
                                    + ", as Fonella does after repeated failures; re-enabled it. Events sent while it "
                                    + "was disabled were not delivered to this app. If it happens again, look at this "
                                    + "app's answers to deliveries: rejected signatures, failing handlers, an "
                                    + "unreachable deduplication store, or a filter such as Spring Security refusing "
                                    + "them before the SDK (a FonellaEndpointCheck warning then says so)."
                            : "Webhook subscription " + webhookId + " was disabled with no failed deliveries (in the "
                                    + "Fonella console or through the API); re-enabled it, since this app keeps its "
                                    + "subscription enabled while fonella.webhooks.register=true "
                                    + "(fonella.webhooks.reconcile-interval=0 turns that off).");
                }
                if (plan.changedFields().contains("events")) {
                    what.append(what.isEmpty() ? "" : " ").append("Webhook subscription ").append(webhookId)
                            .append(" lacked event types this app handles; added them.");
                }
                yield what + removed;
            }
            case UNCHANGED -> removed.isEmpty() ? null : removed.strip();
        };
    }

    private void scheduleRetry(int retry) {
        Duration delay = retryPolicy.delay(retry, ThreadLocalRandom.current());
        if (schedule(scheduler -> scheduler.schedule(() -> retry(retry), delay.toMillis(), TimeUnit.MILLISECONDS))) {
            log.info("Fonella sync retry {} in {} ms", retry, delay.toMillis());
        }
    }

    /**
     * Gives a task to the scheduler thread, created when first needed; nothing once stopped.
     *
     * @return whether it was given
     */
    private boolean schedule(Consumer<ScheduledExecutorService> task) {
        synchronized (schedulerLock) {
            if (!running) {
                return false;
            }
            if (scheduler == null) {
                scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "fonella-sync");
                    thread.setDaemon(true);
                    return thread;
                });
            }
            task.accept(scheduler);
            return true;
        }
    }

    /**
     * Told by the webhook endpoint when a delivery's signature matched no accepted secret. Another
     * instance of this app may have re-created the subscription, with a new secret, since this one
     * last checked: checks it at once, at most every 10 seconds, so that a forged delivery can cost
     * no more than that.
     *
     * @return whether a check was started
     */
    public boolean signatureMismatch() {
        long now = System.nanoTime();
        long last = lastMismatchCheck.get();
        if (!checksSubscription || status.webhookId() == null || now - last < MISMATCH_CHECK_SPACING_NANOS
                || !lastMismatchCheck.compareAndSet(last, now)) {
            return false;
        }
        return schedule(scheduler -> scheduler.execute(this::reconcileSubscription));
    }

    private void retry(int retry) {
        if (!running) {
            return;
        }
        try {
            runOnce();
            log.info("Fonella sync succeeded on attempt {}", attempts);
        } catch (RuntimeException e) {
            if (!running) {
                return; // interrupted by stop(): not a failure worth a warning
            }
            if (!(e instanceof FonellaException fonella)) {
                log.error("Fonella sync attempt {} failed unexpectedly; not retrying", attempts, e);
                return;
            }
            log.warn("Fonella sync attempt {} failed: {}", attempts, e.getMessage());
            if (isRetryable(fonella)) {
                scheduleRetry(retry + 1);
            }
        }
    }

    /**
     * Whether waiting may help: transport and API failures may heal; a name conflict or a limit only
     * heals when someone changes the code or the account, which a later retry then picks up too, but
     * an invalid request never does.
     */
    private static boolean isRetryable(FonellaException e) {
        if (e instanceof InvalidRequestException) {
            return false;
        }
        if (e instanceof ToolSyncException && !(e instanceof DriftException)) {
            return e.getCause() instanceof FonellaException;
        }
        return true;
    }

    private FonellaStartupException startupFailure(FonellaException e) {
        String action;
        if (e instanceof ToolSyncException) {
            action = "Fix the tools as the message says, or set fonella.tools.fail-fast=false to start anyway and "
                    + "retry in the background.";
        } else if (e instanceof FonellaApiException api && (api.statusCode() == 401 || api.statusCode() == 403)) {
            action = "Check fonella.api-key (FONELLA_API_KEY): it must be a valid, unexpired key with the tools:manage "
                    + "and webhooks:manage scopes.";
        } else {
            action = "Check fonella.base-url and the network, or set fonella.tools.fail-fast=false to start anyway "
                    + "and retry in the background.";
        }
        return new FonellaStartupException("Fonella sync failed at startup: " + e.getMessage(), action, e);
    }

    private ToolEndpoint resolveEndpoint() {
        String configured = properties.getPublicUrl();
        String publicUrl = StringUtils.hasText(configured) ? environment.resolvePlaceholders(configured.strip())
                : defaultPublicUrl();
        if (publicUrl == null || publicUrl.contains("${")) {
            return null;
        }
        try {
            return new ToolEndpoint(publicUrl, properties.getBasePath(), properties.getTools().getSecretHeader(),
                    null);
        } catch (InvalidRequestException e) {
            throw new FonellaStartupException("fonella.public-url or fonella.base-path is invalid: " + e.getMessage(),
                    "Set fonella.public-url to the app's public HTTPS address, e.g. https://shop.example.com.", e);
        }
    }

    /** With a loopback emulator and no public URL, Fonella reaches the app on its own loopback address. */
    private String defaultPublicUrl() {
        return loopbackApi() ? loopbackUrl(environment) : null;
    }

    /**
     * The app's own address on loopback: {@code http://127.0.0.1:{local.server.port}}, then its context
     * path and its DispatcherServlet's path, each cleaned as Boot does. The public URL with a loopback
     * emulator, and where {@code FonellaTestClient} sends its requests.
     *
     * @param environment the application's environment
     * @return the address, or {@code null} while the app has no web server port
     */
    public static String loopbackUrl(Environment environment) {
        String port = environment.getProperty("local.server.port");
        return port == null ? null : "http://127.0.0.1:" + port + bootPath(environment, "server.servlet.context-path")
                + bootPath(environment, "spring.mvc.servlet.path");
    }

    /** A path property as Boot cleans it: {@code /} is none, a trailing slash goes. */
    static String bootPath(Environment environment, String property) {
        return StringUtils.trimTrailingCharacter(environment.getProperty(property, ""), '/');
    }

    private boolean loopbackApi() {
        String baseUrl = properties.getBaseUrl();
        return baseUrl != null && ApiRules.isLoopback(URI.create(baseUrl).getHost());
    }

    private void publishToolSecret(ToolEndpoint resolved) {
        String configured = properties.getTools().getSecret();
        if (StringUtils.hasText(configured)) {
            secrets.setToolSecret(configured.strip());
        } else if (client != null && resolved != null) {
            secrets.setToolSecret(ToolSecrets.derive(properties.getApiKey().strip(), resolved));
        } else if (secrets.toolSecret().isEmpty()) {
            secrets.setToolSecret(ToolSecrets.random());
        }
    }

    /**
     * The endpoint tools and webhooks are registered at, once resolved at startup.
     *
     * @return the endpoint with the tool secret, or {@code null} before startup or without a public URL
     */
    public ToolEndpoint endpoint() {
        return endpoint;
    }

    /**
     * @return the latest sync status
     */
    public FonellaSyncStatus status() {
        return status;
    }

    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService stopping;
        synchronized (schedulerLock) {
            stopping = scheduler;
            scheduler = null;
        }
        if (stopping != null) {
            stopping.shutdownNow(); // interrupts a retry or check waiting for the API; never waits for it
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
