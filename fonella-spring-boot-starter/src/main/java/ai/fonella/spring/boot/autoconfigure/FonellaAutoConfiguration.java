package ai.fonella.spring.boot.autoconfigure;

import ai.fonella.InvalidRequestException;
import ai.fonella.client.FonellaClient;
import ai.fonella.event.EventDeduplicationStore;
import ai.fonella.spring.boot.registry.FonellaHandlerRegistry;
import ai.fonella.spring.boot.registry.FonellaSecrets;
import ai.fonella.spring.boot.registry.FonellaStartupException;
import ai.fonella.spring.boot.web.FonellaEndpointCheck;
import ai.fonella.spring.boot.web.FonellaHandlerMapping;
import ai.fonella.spring.boot.web.FonellaObservations;
import ai.fonella.spring.boot.web.FonellaToolHandler;
import ai.fonella.spring.boot.web.FonellaWebhookHandler;
import ai.fonella.sync.ToolEndpoint;
import ai.fonella.tool.ToolErrorPolicy;
import ai.fonella.tool.ToolInvoker;
import ai.fonella.webhook.WebhookVerifier;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.springframework.web.servlet.DispatcherServlet;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configuration of Fonella for Java: the API client (when {@code fonella.api-key} is set), the
 * tool invoker, the webhook verifier and deduplication store, discovery of {@code @FonellaTool} and
 * {@code @OnFonellaEvent} bean methods, the startup sync, and the Spring MVC endpoints under
 * {@code fonella.base-path}. Every bean a user might replace backs off when one of the same type
 * (for the argument mapper: named {@value #JSON_MAPPER_BEAN}) is defined.
 */
// by name, as Boot 4 (first) and Boot 3.5 call them: Jackson's, and the app's DataSource and Redis
// connection that the deduplication store may use
@AutoConfiguration(afterName = {"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        "org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration"})
@EnableConfigurationProperties(FonellaProperties.class)
public final class FonellaAutoConfiguration {

    /** Name of the Jackson mapper that binds tool arguments and writes tool results. */
    public static final String JSON_MAPPER_BEAN = "fonellaJsonMapper";

    /**
     * The API client, from the {@code fonella.*} properties and then every
     * {@link FonellaClientBuilderCustomizer}; none while {@code fonella.api-key} is unset.
     *
     * <p>Whether there is a key is decided here, when the app starts, rather than by a condition:
     * Spring AOT evaluates conditions when the app is built, and would freeze the build server's
     * answer (usually "no key") into the app. Without a key the method returns {@code null}, which
     * Spring registers as no bean: {@code ObjectProvider.getIfAvailable()} gives {@code null} and a
     * required injection point fails as if the bean were not defined.
     *
     * @param properties the configuration
     * @param customizers customizers of the builder, applied in order
     * @return the client, or {@code null} without a key
     */
    @Bean
    @ConditionalOnMissingBean
    public FonellaClient fonellaClient(FonellaProperties properties,
            ObjectProvider<FonellaClientBuilderCustomizer> customizers) {
        if (!StringUtils.hasText(properties.getApiKey())) {
            return null;
        }
        FonellaClient.Builder builder = FonellaClient.builder()
                .apiKey(properties.getApiKey().strip())
                .baseUrl(properties.getBaseUrl())
                .connectTimeout(properties.getConnectTimeout())
                .requestTimeout(properties.getRequestTimeout());
        List<FonellaClientBuilderCustomizer> applied = customizers.orderedStream().toList();
        applied.forEach(customizer -> customizer.customize(builder));
        try {
            return builder.build(); // where the key and the base URL are checked
        } catch (InvalidRequestException e) {
            throw new FonellaStartupException("The Fonella client cannot be created: " + e.getMessage(),
                    "Fix fonella." + ("apiKey".equals(e.field()) ? "api-key" : "base-url")
                    + (applied.isEmpty() ? "" : ", or the FonellaClientBuilderCustomizer that sets it") + ".", e);
        }
    }

    /**
     * The Jackson mapper for tool arguments and results; define a bean named
     * {@value #JSON_MAPPER_BEAN} to replace it.
     *
     * @return the mapper
     */
    @Bean(name = JSON_MAPPER_BEAN, defaultCandidate = false) // injected by name only: the app's JsonMapper stays Boot's
    @ConditionalOnMissingBean(name = JSON_MAPPER_BEAN)
    public JsonMapper fonellaJsonMapper() {
        return ToolInvoker.defaultJsonMapper();
    }

    /**
     * What the assistant is told when a tool fails.
     *
     * @return the default policy
     */
    @Bean
    @ConditionalOnMissingBean
    public ToolErrorPolicy fonellaToolErrorPolicy() {
        return ToolErrorPolicy.DEFAULT;
    }

    /**
     * Binds arguments and invokes tools under their deadlines.
     *
     * @param properties the configuration
     * @param mapper the argument mapper
     * @param errorPolicy the error policy
     * @return the invoker
     */
    @Bean
    @ConditionalOnMissingBean
    public ToolInvoker fonellaToolInvoker(FonellaProperties properties, @Qualifier(JSON_MAPPER_BEAN) JsonMapper mapper,
            ToolErrorPolicy errorPolicy) {
        FonellaProperties.Tools tools = properties.getTools();
        return ToolInvoker.builder()
                .jsonMapper(mapper)
                .defaultTimeout(tools.getTimeout())
                .doneText(tools.getDoneResult())
                .timeoutText(tools.getFallbackResult())
                .errorText(tools.getErrorResult())
                .errorPolicy(errorPolicy)
                .build();
    }

    /**
     * Remembers which handlers already handled which events: in memory, or shared by every instance
     * on the app's database or on Redis, as {@code fonella.webhooks.deduplication.store} says. The
     * store is chosen here, at runtime, so an AOT-processed app follows its running configuration.
     *
     * @param properties the configuration
     * @param beanFactory where the DataSource or Redis connection factory is looked up
     * @param environment where an empty {@code store} value is told from an absent one
     * @return the store
     */
    @Bean
    @ConditionalOnMissingBean
    public EventDeduplicationStore fonellaEventDeduplicationStore(FonellaProperties properties,
            ConfigurableListableBeanFactory beanFactory, Environment environment) {
        return FonellaDeduplicationStores.create(properties.getWebhooks().getDeduplication(), beanFactory,
                environment.getProperty(FonellaDeduplicationStores.STORE_PROPERTY));
    }

    /**
     * The tool secret and webhook secrets the endpoints check.
     *
     * @param properties the configuration
     * @return the holder
     */
    @Bean
    @ConditionalOnMissingBean
    public FonellaSecrets fonellaSecrets(FonellaProperties properties) {
        List<String> configured = properties.getWebhooks().getSecrets();
        for (int i = 0; i < configured.size(); i++) {
            try {
                WebhookVerifier.requireUsableSecret(properties.getWebhooks().getSignatureScheme(), configured.get(i),
                        "fonella.webhooks.secrets[" + i + "]");
            } catch (InvalidRequestException e) {
                throw new FonellaStartupException(e.getMessage(), "Fix or remove fonella.webhooks.secrets[" + i
                        + "].", e);
            }
        }
        String toolSecret = properties.getTools().getSecret();
        if (toolSecret != null && toolSecret.isBlank()) {
            throw new FonellaStartupException("fonella.tools.secret is set but blank.",
                    "Set it to a long random value, or remove it to derive one from the API key.", null);
        }
        return new FonellaSecrets(configured.stream().map(String::strip).toList(),
                toolSecret == null ? null : toolSecret.strip());
    }

    /**
     * Verifies webhook signatures with the configured secrets and those of the registered subscription.
     *
     * @param properties the configuration
     * @param secrets the secrets
     * @return the verifier
     */
    @Bean
    @ConditionalOnMissingBean
    public WebhookVerifier fonellaWebhookVerifier(FonellaProperties properties, FonellaSecrets secrets) {
        return WebhookVerifier.builder()
                .scheme(properties.getWebhooks().getSignatureScheme())
                .tolerance(properties.getWebhooks().getTolerance())
                .secrets(secrets::webhookSecrets)
                .build();
    }

    /**
     * Discovers annotated bean methods once all singletons exist.
     *
     * @param beanFactory the bean factory
     * @param invoker the tool invoker
     * @param deduplicationStore the event deduplication store
     * @param properties the configuration
     * @return the registry
     */
    @Bean
    public FonellaHandlerRegistry fonellaHandlerRegistry(ConfigurableListableBeanFactory beanFactory,
            ToolInvoker invoker, EventDeduplicationStore deduplicationStore, FonellaProperties properties) {
        return new FonellaHandlerRegistry(beanFactory, invoker, deduplicationStore,
                properties.getWebhooks().getDeduplication().getLease());
    }

    /**
     * Registers tools and the webhook subscription once the server is up.
     *
     * @param properties the configuration
     * @param client the client, when an API key is set
     * @param registry the discovered handlers
     * @param secrets the secrets
     * @param environment the environment
     * @return the lifecycle bean
     */
    @Bean
    public FonellaStartupSync fonellaStartupSync(FonellaProperties properties, ObjectProvider<FonellaClient> client,
            FonellaHandlerRegistry registry, FonellaSecrets secrets, Environment environment) {
        return new FonellaStartupSync(properties, client.getIfAvailable(), registry, secrets, environment);
    }

    /** The Spring MVC endpoints, in servlet web applications. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(DispatcherServlet.class)
    static final class WebMvcEndpoints {

        @Bean
        FonellaToolHandler fonellaToolHandler(FonellaHandlerRegistry registry, ToolInvoker invoker,
                FonellaSecrets secrets, FonellaProperties properties, ObjectProvider<FonellaObservations> observations,
                @Qualifier(JSON_MAPPER_BEAN) JsonMapper mapper, Environment environment) {
            return new FonellaToolHandler(registry, invoker, secrets, properties.getTools().getSecretHeader(),
                    properties.getMaxBodySize().toBytes(), properties.getBodyReadTimeout(),
                    inlineLimit(properties.getTools().getInlineLimit(), environment),
                    observations.getIfAvailable(FonellaObservations::none), mapper);
        }

        /** {@code fonella.tools.inline-limit}, or what its Javadoc says when it is unset. */
        static int inlineLimit(Integer configured, Environment environment) {
            if (configured != null) {
                if (configured < 0) {
                    throw new FonellaStartupException("fonella.tools.inline-limit is " + configured + ".",
                            "Set fonella.tools.inline-limit to 0 or more (0 runs every tool call on the tool "
                                    + "threads), or leave it unset.", null);
                }
                return configured;
            }
            if (Runtime.version().feature() >= 21
                    && environment.getProperty("spring.threads.virtual.enabled", Boolean.class, false)) {
                return Integer.MAX_VALUE;
            }
            int threads = environment.getProperty("server.tomcat.threads.max", Integer.class,
                    environment.getProperty("server.jetty.threads.max", Integer.class, 200));
            return Math.max(1, threads / 2);
        }

        @Bean
        FonellaWebhookHandler fonellaWebhookHandler(FonellaHandlerRegistry registry, WebhookVerifier verifier,
                FonellaProperties properties, ObjectProvider<FonellaObservations> observations,
                FonellaStartupSync startupSync) {
            return new FonellaWebhookHandler(registry, verifier, properties.getMaxBodySize().toBytes(),
                    properties.getBodyReadTimeout(), observations.getIfAvailable(FonellaObservations::none),
                    startupSync::signatureMismatch);
        }

        /**
         * Maps the two endpoints, each only while there are handlers of its kind, so an app without
         * tools or without event handlers does not expose that endpoint at all.
         */
        @Bean
        FonellaHandlerMapping fonellaHandlerMapping(FonellaProperties properties, FonellaHandlerRegistry registry,
                FonellaToolHandler tools, FonellaWebhookHandler webhooks) {
            return new FonellaHandlerMapping(basePath(properties), registry, tools, webhooks);
        }

        /** Warns when something in front of the endpoints (Spring Security, say) refuses Fonella's calls. */
        @Bean
        FonellaEndpointCheck fonellaEndpointCheck(ObjectProvider<FonellaProperties> properties,
                ObjectProvider<FonellaHandlerRegistry> registry, ListableBeanFactory beans, Environment environment) {
            // the SDK's beans at the first request: a filter is made while the server starts (see the check)
            return new FonellaEndpointCheck(FonellaStartupSync.bootPath(environment, "spring.mvc.servlet.path"),
                    () -> basePath(properties.getObject()), registry::getObject,
                    beans.containsBean("springSecurityFilterChain"));
        }

        private static String basePath(FonellaProperties properties) {
            try {
                return ToolEndpoint.normalizeBasePath(properties.getBasePath());
            } catch (InvalidRequestException e) {
                throw new FonellaStartupException("fonella.base-path is invalid: " + e.getMessage(),
                        "Set fonella.base-path to a plain path such as " + ToolEndpoint.DEFAULT_BASE_PATH
                                + ", or leave it unset.", e);
            }
        }
    }

    /** Micrometer observations of invocations and deliveries, when Micrometer is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ObservationRegistry.class)
    static final class Observations {

        @Bean
        @ConditionalOnMissingBean
        FonellaObservations fonellaObservations(ObjectProvider<ObservationRegistry> registry) {
            ObservationRegistry available = registry.getIfAvailable();
            return available == null ? FonellaObservations.none() : FonellaObservations.of(available);
        }
    }
}
