package ai.fonella.client;

import ai.fonella.InvalidRequestException;
import ai.fonella.model.ApiRules;
import ai.fonella.support.FonellaJson;
import ai.fonella.support.ProxyRules;
import ai.fonella.support.Secrets;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client for the Fonella REST API. Thread-safe: build one per application and share it.
 *
 * <pre>{@code
 * FonellaClient client = FonellaClient.builder()
 *         .apiKey(System.getenv("FONELLA_API_KEY"))
 *         .build();
 * for (Call call : client.calls().list().calls()) {
 *     System.out.println(call.customerPhone() + ": " + call.summary());
 * }
 * }</pre>
 *
 * <p>Operations are grouped by resource: {@link #apiKeys()}, {@link #webhooks()}, {@link #tools()},
 * {@link #calls()}. Requests are checked against the documented rules before they are sent
 * ({@link ai.fonella.InvalidRequestException} names the field). Errors answered by the API are
 * {@link FonellaApiException}s, transport failures {@link FonellaIoException}s. {@code GET},
 * {@code PATCH} and {@code DELETE} are retried on 429, 502, 503, 504 and I/O failures as the
 * {@link RetryPolicy} says; {@code POST} never is.
 *
 * <p>The API key never appears in {@link #toString()}, logs or exception messages; only its prefix.
 */
public final class FonellaClient {

    private static final Logger log = LoggerFactory.getLogger(FonellaClient.class);

    /** The production API. */
    public static final String DEFAULT_BASE_URL = "https://api.fonella.ai";

    /** Default connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** Default timeout for one request, from sending to the full response. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final URI baseUri;
    private final String maskedKey;
    private final ApiKeyService apiKeys;
    private final WebhookService webhooks;
    private final ToolService tools;
    private final CallService calls;

    private FonellaClient(Builder builder) {
        this.baseUri = builder.baseUri();
        this.maskedKey = Secrets.maskApiKey(builder.apiKey);
        boolean allowLoopbackHttp = builder.allowLoopbackHttp != null
                ? builder.allowLoopbackHttp : ApiRules.isLoopback(baseUri.getHost());
        HttpClient http = builder.httpClient != null ? builder.httpClient : newHttpClient(builder, baseUri);
        if (builder.proxyAuthorization != null && baseUri.getScheme().equals("https")
                && ProxyRules.basicTunnelingDisabled()) {
            log.warn("Fonella proxy credentials are set, but this JVM does not send Basic credentials through an "
                    + "HTTPS tunnel; if the proxy answers 407, start it with {}", ProxyRules.ENABLE_BASIC_TUNNELING);
        }
        Transport transport = new Transport(http, builder.jsonMapper, baseUri, builder.apiKey,
                builder.requestTimeout, builder.retryPolicy, builder.clock, builder.sleeper, builder.random,
                "fonella-java/" + version(), builder.proxyAuthorization);
        this.apiKeys = new ApiKeyService(transport);
        this.webhooks = new WebhookService(transport, allowLoopbackHttp);
        this.tools = new ToolService(transport, allowLoopbackHttp);
        this.calls = new CallService(transport);
    }

    /**
     * Starts a client for the production API.
     *
     * @return a builder; {@link Builder#apiKey(String)} is required
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * API keys: create, list, delete.
     *
     * @return the service
     */
    public ApiKeyService apiKeys() {
        return apiKeys;
    }

    /**
     * Webhook subscriptions: create, list, update, delete.
     *
     * @return the service
     */
    public WebhookService webhooks() {
        return webhooks;
    }

    /**
     * Custom tools: create, list, update, delete.
     *
     * @return the service
     */
    public ToolService tools() {
        return tools;
    }

    /**
     * The call log: list pages, stream all, get one.
     *
     * @return the service
     */
    public CallService calls() {
        return calls;
    }

    /**
     * The base URL requests go to.
     *
     * @return e.g. {@code https://api.fonella.ai/}
     */
    public URI baseUri() {
        return baseUri;
    }

    @Override
    public String toString() {
        return "FonellaClient[baseUrl=" + baseUri + ", apiKey=" + maskedKey + "]";
    }

    /**
     * The SDK version, from the jar's Maven metadata.
     *
     * @return e.g. {@code 0.1.0}, or {@code dev} when run from classes
     */
    public static String version() {
        return VersionHolder.VERSION;
    }

    private static final class VersionHolder {
        static final String VERSION = load();

        private static String load() {
            try (InputStream in = FonellaClient.class.getResourceAsStream(
                    "/META-INF/maven/ai.fonella/fonella-core/pom.properties")) {
                if (in != null) {
                    Properties properties = new Properties();
                    properties.load(in);
                    return properties.getProperty("version", "dev");
                }
            } catch (IOException e) {
                // fall through
            }
            return "dev";
        }
    }

    private static HttpClient newHttpClient(Builder builder, URI baseUri) {
        HttpClient.Builder http = HttpClient.newBuilder()
                .connectTimeout(builder.connectTimeout)
                .version(baseUri.getScheme().equals("http") ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (builder.proxy != null) {
            http.proxy(builder.proxy);
        }
        return http.build();
    }

    /** Configures a {@link FonellaClient}. */
    public static final class Builder {
        private String apiKey;
        private String baseUrl = DEFAULT_BASE_URL;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private RandomGenerator random = ThreadLocalRandom.current();
        private HttpClient httpClient;
        private ProxySelector proxy;
        private String proxyAuthorization;
        private JsonMapper jsonMapper = FonellaJson.mapper();
        private Boolean allowLoopbackHttp;

        private Builder() {
        }

        /**
         * The API key, {@code fon_live_...}. Required.
         *
         * @param apiKey the key
         * @return this builder
         */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /**
         * The API's base URL; default {@value FonellaClient#DEFAULT_BASE_URL}. Must be HTTPS, except
         * for loopback addresses such as the emulator's {@code http://127.0.0.1:PORT}. A trailing
         * {@code /v1} is dropped: the client adds the API version to each path.
         *
         * @param baseUrl the base URL
         * @return this builder
         */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /**
         * @param connectTimeout how long to wait for a connection; default 5 s
         * @return this builder
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * @param requestTimeout how long to wait for one complete response; default 15 s
         * @return this builder
         */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive(requestTimeout, "requestTimeout");
            return this;
        }

        /**
         * @param retryPolicy retries of safe requests; default {@link RetryPolicy#DEFAULT}
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * @param clock the clock for retry budgets and {@code Retry-After} dates; for tests
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param sleeper how to wait between retries; for tests
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * @param random source of retry jitter; for tests
         * @return this builder
         */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * The proxy to reach the API through. Default: the JVM's {@link ProxySelector#getDefault()},
         * which honours the {@code https.proxyHost}, {@code https.proxyPort} and
         * {@code http.nonProxyHosts} system properties; set a selector here when the proxy comes from
         * elsewhere (the Maven plugin passes the one of {@code settings.xml}).
         *
         * @param proxy the proxy selector, e.g. {@code ProxySelector.of(new InetSocketAddress("proxy", 3128))}
         * @return this builder
         */
        public Builder proxy(ProxySelector proxy) {
            this.proxy = Objects.requireNonNull(proxy, "proxy");
            return this;
        }

        /**
         * Credentials for a proxy that requires them, sent with every request as a
         * {@code Proxy-Authorization: Basic} header. The JDK passes {@code Proxy-*} headers only to the
         * proxy, never to the API. For the HTTPS API the credentials travel on the tunnel's
         * {@code CONNECT}, which the JDK allows only when the {@code jdk.http.auth.tunneling.disabledSchemes}
         * system property does not list {@code Basic} (its default does): start the JVM with
         * {@code -Djdk.http.auth.tunneling.disabledSchemes=}. {@link #build()} logs a warning when
         * it is missing.
         *
         * <p>There is deliberately no {@code Authenticator} option: a JDK client with an authenticator
         * drops the {@code Authorization} header the API key travels in and turns the API's 401
         * answers into {@code IOException}s. Do not set one on a client given to {@link #httpClient}
         * either.
         *
         * @param username the proxy user name
         * @param password the proxy password
         * @return this builder
         */
        public Builder proxyCredentials(String username, String password) {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            if ((username + password).chars().anyMatch(c -> c < 0x20 || c == 0x7f) || username.contains(":")) {
                throw new IllegalArgumentException("Proxy credentials must not contain control characters, and the "
                        + "user name no ':'");
            }
            this.proxyAuthorization = "Basic " + Base64.getEncoder().encodeToString(
                    (username + ":" + password).getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /**
         * A JDK HTTP client to use instead of one built from the settings here (for an executor or TLS
         * settings). When set, {@link #connectTimeout} and {@link #proxy} are the given client's
         * business and are ignored ({@link #proxyCredentials} still applies). Give it no
         * {@code Authenticator}: see {@link #proxyCredentials}.
         *
         * @param httpClient the client
         * @return this builder
         */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /**
         * A mapper to use instead of the Fonella default (which ignores unknown fields and omits
         * nulls; keep those settings).
         *
         * @param jsonMapper the mapper
         * @return this builder
         */
        public Builder jsonMapper(JsonMapper jsonMapper) {
            this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
            return this;
        }

        /**
         * Whether tool and webhook URLs may be plain {@code http://} to a loopback host. Default:
         * allowed exactly when the base URL itself is a loopback address (the emulator), refused
         * otherwise.
         *
         * @param allow whether to allow it
         * @return this builder
         */
        public Builder allowLoopbackHttp(boolean allow) {
            this.allowLoopbackHttp = allow;
            return this;
        }

        /**
         * Builds the client.
         *
         * @return the client
         * @throws InvalidRequestException if the API key is missing or the base URL is not HTTPS
         */
        public FonellaClient build() {
            if (apiKey == null || apiKey.isBlank()) {
                throw new InvalidRequestException("apiKey", "No Fonella API key is set. Set fonella.api-key (or the "
                        + "FONELLA_API_KEY environment variable), or call FonellaClient.builder().apiKey(...). Keys "
                        + "are created in the Fonella Dashboard under Developers > API Keys.");
            }
            if (!apiKey.equals(apiKey.strip()) || apiKey.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
                throw new InvalidRequestException("apiKey", "The Fonella API key " + Secrets.maskApiKey(apiKey.strip())
                        + " contains whitespace or control characters; copy it again without line breaks or "
                        + "spaces.");
            }
            return new FonellaClient(this);
        }

        private URI baseUri() {
            ApiRules.requireText("baseUrl", baseUrl);
            URI uri;
            try {
                // the API's paths start with /v1/, so a base URL copied with its /v1 would double it
                String base = baseUrl.replaceFirst("/v1/?$", "");
                uri = new URI(base.endsWith("/") ? base : base + "/");
            } catch (URISyntaxException e) {
                throw new InvalidRequestException("baseUrl", "baseUrl '" + baseUrl + "' is not a valid URL: "
                        + e.getReason() + ".");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !(scheme.equals("https")
                    || (scheme.equals("http") && ApiRules.isLoopback(uri.getHost())))) {
                throw new InvalidRequestException("baseUrl", "baseUrl must be an HTTPS URL such as "
                        + DEFAULT_BASE_URL + " (plain http only for a loopback emulator), but was '" + baseUrl
                        + "'.");
            }
            return uri;
        }

        private static Duration positive(Duration duration, String name) {
            if (duration == null || duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, e.g. Duration.ofSeconds(5)");
            }
            return duration;
        }
    }
}
