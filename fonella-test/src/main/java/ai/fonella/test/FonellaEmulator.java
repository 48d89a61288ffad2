package ai.fonella.test;

import ai.fonella.client.FonellaClient;
import ai.fonella.support.Secrets;
import ai.fonella.model.ApiKey;
import ai.fonella.model.ApiKeyScope;
import ai.fonella.model.Call;
import ai.fonella.model.EventType;
import ai.fonella.webhook.SignatureScheme;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stateful emulator of the Fonella REST API on {@code 127.0.0.1}, for tests: a real HTTP server
 * that serves every documented endpoint with the documented envelopes, enforces authentication,
 * scopes, limits and validation with the same rules as the client ({@code ai.fonella.model.ApiRules}),
 * and places simulated calls that invoke registered tools over HTTP and deliver signed webhook
 * events. State is kept in memory; the emulator is thread-safe.
 *
 * <pre>{@code
 * try (FonellaEmulator emulator = FonellaEmulator.builder().build().start()) {
 *     FonellaClient client = emulator.client();
 *     client.tools().create(...);
 *     Call call = emulator.placeCall(CallScript.builder().user("Hi").assistant("Hello!").build());
 *     assertThat(emulator.deliveries()).isNotEmpty();
 * }
 * }</pre>
 *
 * <p>Every emulator has a default account with a ready API key ({@link #apiKey()}); more isolated
 * accounts come from {@link #newAccount()}. What happened is recorded for assertions:
 * {@link #requests()}, {@link #deliveries()}, {@link #toolInvocations()}. {@link #faults()} injects
 * error answers and latency; {@link #stop()} and {@link #restart()} refuse connections in between.
 *
 * <p>Admin endpoints under {@code /_emulator/} (no authentication, loopback only) drive the same
 * features over HTTP for builds and non-Java tests:
 * <ul>
 *   <li>{@code GET /_emulator/console/}: the console, a web page to try tools, place calls and watch
 *       them ({@link #consoleUrl()})</li>
 *   <li>{@code GET /_emulator/info}: base URL, default account id and API key</li>
 *   <li>{@code GET /_emulator/account}: the default account (or {@code ?accountId=}) as the console
 *       shows it: tools, subscriptions, key prefixes and calls, without secrets</li>
 *   <li>{@code POST /_emulator/accounts}: a new account, body optional {@code {"apiKey": "fon_live_..."}};
 *       answers {@code {"success": true, "account": {"accountId": "...", "apiKey": "..."}}}</li>
 *   <li>{@code POST /_emulator/calls}: places a call from a {@link CallScript} in JSON, in the account
 *       named by the optional {@code "apiKey"} or {@code "accountId"} field; answers the stored call, or
 *       with {@code "wait": false} at once {@code 202 {"callId": "..."}};
 *       {@code GET /_emulator/calls/{callId}} answers the call as stored now, also while it runs</li>
 *   <li>{@code POST /_emulator/events}: {@code {"type": "call.ended", "count": 100, "concurrency": 8}}
 *       delivers many events ({@link #deliverEvents(EmulatorAccount, EventType, int, int)})</li>
 *   <li>{@code POST /_emulator/events/{eventId}/redeliver}: {@link #redeliver(String)}</li>
 *   <li>{@code GET /_emulator/requests}, {@code GET /_emulator/deliveries},
 *       {@code GET /_emulator/tool-invocations}: the recordings, with {@code ?since=N} only those after
 *       the first N, and {@code total}</li>
 *   <li>{@code POST /_emulator/tool-invocations}: {@code {"tool": "lookupOrder", "arguments": {...}}}
 *       calls a tool outside a call ({@link #invokeTool(String, JsonNode)})</li>
 *   <li>{@code POST /_emulator/faults}: {@code {"status": 503, "count": 2, "method": "GET", "path":
 *       "/v1/calls", "retryAfterSeconds": 1, "contentType": "text/html", "body": "..."}};
 *       {@code {"webhookId": "...", "count": 1}} fails the next delivery attempts to a subscription
 *       ({@link Faults#failNextDeliveries(String, int)});
 *       {@code DELETE /_emulator/faults} clears faults and latency;
 *       {@code PUT /_emulator/latency} with {@code {"millis": 200}} sets latency</li>
 *   <li>{@code POST /_emulator/reset}: {@link #reset()}</li>
 * </ul>
 */
public final class FonellaEmulator implements AutoCloseable {

    /** The tool answer limit of the reference. */
    public static final Duration DEFAULT_TOOL_TIMEOUT = Duration.ofSeconds(5);

    /** How long a webhook receiver may take to answer, per the wire contract. */
    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(10);

    /** The waits before the three retries of a failed delivery, per the wire contract. */
    public static final List<Duration> DEFAULT_DELIVERY_BACKOFF =
            List.of(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800));

    private static final Logger log = LoggerFactory.getLogger(FonellaEmulator.class);

    private final EmulatorSettings settings;
    private final EmulatorState state;
    private final Recorder recorder = new Recorder();
    private final Faults faults = new Faults();
    private final ExecutorService worker;
    private final WebhookDispatcher dispatcher;
    private final ToolInvoker tools;
    private final CallRunner calls;
    private final EmulatorServer server;
    private final EmulatorAccount defaultAccount;
    private final List<EmulatorAccount> seededAccounts;
    private volatile FonellaClient defaultClient;
    private volatile boolean closed;

    private FonellaEmulator(Builder builder) {
        this.settings = new EmulatorSettings(builder.allowLoopbackHttp, builder.signatureScheme,
                builder.deliveryBackoff, builder.deliveryTimeout, builder.toolTimeout, builder.allowExternalRequests,
                builder.clock);
        this.state = new EmulatorState(builder.clock);
        AtomicInteger threads = new AtomicInteger();
        this.worker = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fonella-emulator-worker-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.dispatcher = new WebhookDispatcher(state, recorder, settings, http, worker, faults);
        this.tools = new ToolInvoker(state, recorder, settings, http);
        this.calls = new CallRunner(state, dispatcher, tools);
        List<EmulatorAccount> seeded = new ArrayList<>();
        seeded.add(account(state.createAccount(builder.apiKey, true)));
        for (String token : builder.seedApiKeys) {
            seeded.add(account(state.createAccount(token, true)));
        }
        this.seededAccounts = List.copyOf(seeded);
        this.defaultAccount = seeded.get(0);
        this.server = new EmulatorServer(builder.port, state, recorder, faults, settings, new AdminHandler(this));
    }

    /**
     * Starts configuring an emulator: random port, loopback {@code http://} accepted, Fonella
     * signatures, 5 s tool timeout, deliveries retried after 200, 400 and 800 ms.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts listening on 127.0.0.1. Calling it on a running emulator does nothing.
     *
     * @return this emulator
     * @throws IllegalStateException after {@link #close()}
     * @throws java.io.UncheckedIOException if the port cannot be bound
     */
    public FonellaEmulator start() {
        requireOpen();
        server.start();
        log.info("Fonella emulator listening on {}; console at {}", baseUrl(), consoleUrl());
        return this;
    }

    /**
     * Stops listening but keeps all state: connections are refused until {@link #restart()}. For
     * tests of what a client does when the API is down.
     */
    public void stop() {
        server.stop();
    }

    /**
     * Listens again on the same port after {@link #stop()}, with the state as it was.
     *
     * @return this emulator
     */
    public FonellaEmulator restart() {
        requireOpen();
        server.start();
        return this;
    }

    /**
     * @return whether the emulator is listening
     */
    public boolean isRunning() {
        return server.isRunning();
    }

    /** Stops the server and the delivery threads for good. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop();
        worker.shutdownNow();
    }

    /**
     * The port the emulator listens on.
     *
     * @return the bound port
     * @throws IllegalStateException before {@link #start()} with port 0
     */
    public int port() {
        int port = server.port();
        if (port == 0) {
            throw new IllegalStateException("The emulator has no port yet; call start() first.");
        }
        return port;
    }

    /**
     * The base URL to configure clients with.
     *
     * @return e.g. {@code http://127.0.0.1:54321}
     */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * The emulator's console, a web page to try tools, place calls and watch them: open it in a
     * browser on this machine.
     *
     * @return e.g. {@code http://127.0.0.1:54321/_emulator/console/}
     */
    public String consoleUrl() {
        return baseUrl() + "/" + EmulatorServer.ADMIN_PREFIX + "/" + AdminHandler.CONSOLE + "/";
    }

    /**
     * A ready API key with all scopes, of the default account.
     *
     * @return the token, {@code fon_live_...}
     */
    public String apiKey() {
        return defaultAccount.apiKey();
    }

    /**
     * The account of {@link #apiKey()}, which {@link #placeCall(CallScript)} uses.
     *
     * @return the default account
     */
    public EmulatorAccount defaultAccount() {
        return defaultAccount;
    }

    /**
     * The seeded accounts: the default one first, then those given to {@link Builder#seedAccount(String)}.
     * They survive {@link #reset()}.
     *
     * @return the seeded accounts
     */
    public List<EmulatorAccount> seededAccounts() {
        return seededAccounts;
    }

    /**
     * A new, isolated account with its own all-scope key. It is forgotten by {@link #reset()}.
     *
     * @return the account
     */
    public EmulatorAccount newAccount() {
        return account(state.createAccount(null, false));
    }

    /**
     * A new, isolated account whose key has exactly this token.
     *
     * @param apiKey the token, printable ASCII without spaces, not used by another account
     * @return the account
     */
    public EmulatorAccount newAccount(String apiKey) {
        return account(state.createAccount(Objects.requireNonNull(apiKey, "apiKey"), false));
    }

    /**
     * Creates another key in the default account, as {@code POST /v1/me/api-keys} would.
     *
     * @param scopes the scopes; none means all
     * @return the new token
     */
    public String createApiKey(ApiKeyScope... scopes) {
        return createApiKey(defaultAccount, null, scopes);
    }

    /**
     * Creates another key in an account.
     *
     * @param account the account
     * @param expiresAt when the key stops working, or {@code null} for never (a past instant gives an
     *     expired key)
     * @param scopes the scopes; none means all
     * @return the new token
     */
    public String createApiKey(EmulatorAccount account, Instant expiresAt, ApiKeyScope... scopes) {
        List<ApiKeyScope> list = List.of(scopes);
        if (list.contains(ApiKeyScope.UNKNOWN)) {
            throw new IllegalArgumentException("UNKNOWN is not a scope that can be granted");
        }
        ApiKey key = state.createKey(accountState(account), "Emulator test key", list, expiresAt);
        return key.token();
    }

    /**
     * A client for the default account, built once and shared.
     *
     * @return the client
     */
    public FonellaClient client() {
        FonellaClient client = defaultClient;
        if (client == null) {
            synchronized (this) {
                client = defaultClient;
                if (client == null) {
                    client = clientBuilder(apiKey()).build();
                    defaultClient = client;
                }
            }
        }
        return client;
    }

    /**
     * A new client with another key, e.g. one of {@link #newAccount()} or {@link #createApiKey}.
     *
     * @param apiKey the key
     * @return the client
     */
    public FonellaClient client(String apiKey) {
        return clientBuilder(apiKey).build();
    }

    /**
     * A client builder already pointed at this emulator, for tests that set a retry policy, clock or
     * sleeper.
     *
     * @param apiKey the key
     * @return the builder
     */
    public FonellaClient.Builder clientBuilder(String apiKey) {
        return FonellaClient.builder().baseUrl(baseUrl()).apiKey(apiKey);
    }

    /**
     * Runs a simulated call in the default account and returns when it is over and every event was
     * delivered (or ran out of retries).
     *
     * @param script what happens on the call
     * @return the call as {@code GET /v1/calls/{id}} now returns it
     */
    public Call placeCall(CallScript script) {
        return placeCall(defaultAccount, script);
    }

    /**
     * Runs a simulated call in an account.
     *
     * @param account the account whose tools are invoked and whose subscriptions receive the events
     * @param script what happens on the call
     * @return the call as {@code GET /v1/calls/{id}} now returns it
     */
    public Call placeCall(EmulatorAccount account, CallScript script) {
        requireOpen();
        return calls.run(accountState(account), Objects.requireNonNull(script, "script"));
    }

    /**
     * Runs a simulated call in the default account on another thread.
     *
     * @param script what happens on the call
     * @return completes with the stored call when it is over
     */
    public CompletableFuture<Call> placeCallAsync(CallScript script) {
        return placeCallAsync(defaultAccount, script);
    }

    /**
     * Runs a simulated call on another thread.
     *
     * @param account the account
     * @param script what happens on the call
     * @return completes with the stored call when it is over
     */
    public CompletableFuture<Call> placeCallAsync(EmulatorAccount account, CallScript script) {
        requireOpen();
        AccountState target = accountState(account);
        Objects.requireNonNull(script, "script");
        return CompletableFuture.supplyAsync(() -> calls.run(target, script), worker);
    }

    /**
     * Calls a registered tool of the default account now, outside any call, as the assistant would:
     * what the console's "Try a tool" does. The invocation is recorded with a {@code null} call id.
     *
     * @param toolName the tool's name
     * @param arguments the arguments object
     * @return the recorded invocation, with the result or the error
     */
    public RecordedToolInvocation invokeTool(String toolName, JsonNode arguments) {
        return invokeTool(defaultAccount, toolName, arguments);
    }

    /**
     * Calls a registered tool of an account now, outside any call; see {@link #invokeTool(String, JsonNode)}.
     *
     * @param account the account whose tool is called
     * @param toolName the tool's name
     * @param arguments the arguments object
     * @return the recorded invocation
     */
    public RecordedToolInvocation invokeTool(EmulatorAccount account, String toolName, JsonNode arguments) {
        requireOpen();
        Objects.requireNonNull(toolName, "toolName");
        if (arguments == null || !arguments.isObject()) {
            throw new IllegalArgumentException("The arguments of tool '" + toolName + "' must be a JSON object");
        }
        return tools.invoke(accountState(account), null, Ids.toolCallId(), toolName, (ObjectNode) arguments);
    }

    /**
     * Stores a call as live and runs it in the background; returns its id at once, so that it can be
     * watched while it runs ({@code GET /_emulator/calls/{id}}, the recordings).
     */
    String startCall(EmulatorAccount account, CallScript script) {
        requireOpen();
        AccountState target = accountState(account);
        Objects.requireNonNull(script, "script");
        Call begun = calls.begin(target, script);
        worker.execute(() -> {
            try {
                calls.run(target, script, begun);
            } catch (RuntimeException e) {
                log.warn("The call {} placed in the background failed", begun.id(), e);
            }
        });
        return begun.id();
    }

    /**
     * Delivers many events of one type fast, for load tests: {@code count} events (each with its own
     * id, around a synthetic call that is not in the call log) to every enabled subscription of the
     * default account subscribed to the type, {@code concurrency} at a time. Failed deliveries are
     * retried and counted as usual.
     *
     * @param type the event type
     * @param count how many events
     * @param concurrency how many deliveries at once
     * @return what was delivered
     */
    public BulkDelivery deliverEvents(EventType type, int count, int concurrency) {
        return deliverEvents(defaultAccount, type, count, concurrency);
    }

    /**
     * Delivers many events of one type fast to an account's subscriptions; see
     * {@link #deliverEvents(EventType, int, int)}.
     *
     * @param account the account
     * @param type the event type
     * @param count how many events
     * @param concurrency how many deliveries at once
     * @return what was delivered
     */
    public BulkDelivery deliverEvents(EmulatorAccount account, EventType type, int count, int concurrency) {
        requireOpen();
        return dispatcher.deliverMany(accountState(account), type, count, concurrency);
    }

    /**
     * Sends an event again, with the same id and body and a fresh signature, to the subscriptions
     * that are enabled and subscribed to its type now: what a receiver's deduplication must handle.
     *
     * @param eventId the id of an event delivered since the last {@link #reset()}
     * @return the attempts made
     */
    public List<RecordedDelivery> redeliver(String eventId) {
        requireOpen();
        return dispatcher.redeliver(eventId);
    }

    /**
     * Every API request answered so far (admin endpoints excluded), oldest first.
     *
     * @return an immutable snapshot
     */
    public List<RecordedRequest> requests() {
        return recorder.requests();
    }

    /**
     * Every webhook delivery attempt so far, oldest first.
     *
     * @return an immutable snapshot
     */
    public List<RecordedDelivery> deliveries() {
        return recorder.deliveries();
    }

    /**
     * Every tool call of simulated calls so far, oldest first.
     *
     * @return an immutable snapshot
     */
    public List<RecordedToolInvocation> toolInvocations() {
        return recorder.invocations();
    }

    /** Forgets the recorded requests, deliveries and invocations, keeping all other state. */
    public void clearRecordings() {
        recorder.clear();
    }

    /**
     * Back to the state just after start: seeded accounts keep their id and key but lose everything
     * else, accounts from {@link #newAccount()} and their keys are gone, recordings, stored events and
     * faults are cleared. The server keeps running on the same port.
     */
    public void reset() {
        state.reset();
        recorder.clear();
        dispatcher.clear();
        faults.clear();
    }

    /**
     * Fault injection: error answers for the next requests, and latency.
     *
     * @return the faults of this emulator
     */
    public Faults faults() {
        return faults;
    }

    /** Shows the URL and the key's prefix only. */
    @Override
    public String toString() {
        return "FonellaEmulator[" + (isRunning() ? baseUrl() : "stopped") + ", apiKey="
                + Secrets.maskApiKey(apiKey()) + "]";
    }

    AccountState accountState(EmulatorAccount account) {
        Objects.requireNonNull(account, "account");
        AccountState found = state.account(account.accountId());
        if (found == null) {
            throw new IllegalArgumentException("The emulator has no account " + account.accountId()
                    + "; accounts from newAccount() are forgotten by reset().");
        }
        return found;
    }

    EmulatorState state() {
        return state;
    }

    EmulatorSettings settings() {
        return settings;
    }

    private EmulatorAccount account(AccountState account) {
        return new EmulatorAccount(account.id(), account.keys().get(0).token());
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("This Fonella emulator is closed; build a new one.");
        }
    }

    /** Configures a {@link FonellaEmulator}. */
    public static final class Builder {
        private int port;
        private boolean allowLoopbackHttp = true;
        private SignatureScheme signatureScheme = SignatureScheme.FONELLA;
        private List<Duration> deliveryBackoff = DEFAULT_DELIVERY_BACKOFF;
        private Duration deliveryTimeout = DEFAULT_DELIVERY_TIMEOUT;
        private Duration toolTimeout = DEFAULT_TOOL_TIMEOUT;
        private boolean allowExternalRequests;
        private Clock clock = Clock.systemUTC();
        private String apiKey;
        private final List<String> seedApiKeys = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param port the port on 127.0.0.1; 0 (the default) for a free one
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, but was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Whether tool and webhook URLs may be {@code http://} to {@code 127.0.0.1} or {@code localhost}
         * (default {@code true}); with {@code false} the emulator insists on HTTPS like the real API.
         *
         * @param allow whether to accept them
         * @return this builder
         */
        public Builder allowLoopbackHttp(boolean allow) {
            this.allowLoopbackHttp = allow;
            return this;
        }

        /**
         * @param scheme how deliveries are signed; default {@link SignatureScheme#FONELLA}
         * @return this builder
         */
        public Builder signatureScheme(SignatureScheme scheme) {
            this.signatureScheme = Objects.requireNonNull(scheme, "scheme");
            return this;
        }

        /**
         * The waits before the retries of a failed delivery; their number is the number of retries.
         * Default 200 ms, 400 ms, 800 ms; tests of failing receivers use short ones.
         *
         * @param waits the waits, none for no retries
         * @return this builder
         */
        public Builder deliveryBackoff(Duration... waits) {
            for (Duration wait : waits) {
                if (wait == null || wait.isNegative()) {
                    throw new IllegalArgumentException("delivery backoff waits must be zero or positive");
                }
            }
            this.deliveryBackoff = List.of(waits);
            return this;
        }

        /**
         * @param timeout how long a webhook receiver may take to answer; default 10 s
         * @return this builder
         */
        public Builder deliveryTimeout(Duration timeout) {
            this.deliveryTimeout = positive(timeout, "deliveryTimeout");
            return this;
        }

        /**
         * @param timeout how long a tool may take to answer; default 5 s as in the reference
         * @return this builder
         */
        public Builder toolTimeout(Duration timeout) {
            this.toolTimeout = positive(timeout, "toolTimeout");
            return this;
        }

        /**
         * Whether deliveries and tool invocations may go to hosts other than loopback. Default
         * {@code false}: a test can register {@code https://example.com} and place calls without the
         * emulator touching the network; such attempts are recorded as not sent.
         *
         * @param allow whether to contact other hosts
         * @return this builder
         */
        public Builder allowExternalRequests(boolean allow) {
            this.allowExternalRequests = allow;
            return this;
        }

        /**
         * @param clock the clock for every timestamp, key expiry and signature; default the UTC system
         *     clock. Webhook verifiers must use a clock close to it.
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The exact token of the default account's key, instead of a random one.
         *
         * @param apiKey e.g. {@code fon_live_test0123456789abcdef}
         * @return this builder
         */
        public Builder apiKey(String apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            return this;
        }

        /**
         * Adds another seeded account whose key has exactly this token; it survives {@link #reset()}.
         *
         * @param apiKey the token
         * @return this builder
         */
        public Builder seedAccount(String apiKey) {
            this.seedApiKeys.add(Objects.requireNonNull(apiKey, "apiKey"));
            return this;
        }

        /**
         * Builds the emulator; {@link FonellaEmulator#start()} makes it listen.
         *
         * @return the emulator, not yet listening
         * @throws IllegalArgumentException if a seeded token is malformed or used twice
         */
        public FonellaEmulator build() {
            return new FonellaEmulator(this);
        }

        /**
         * Builds and starts the emulator.
         *
         * @return the listening emulator
         */
        public FonellaEmulator start() {
            return build().start();
        }

        private static Duration positive(Duration duration, String name) {
            if (duration == null || duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, e.g. Duration.ofSeconds(5)");
            }
            return duration;
        }
    }
}
