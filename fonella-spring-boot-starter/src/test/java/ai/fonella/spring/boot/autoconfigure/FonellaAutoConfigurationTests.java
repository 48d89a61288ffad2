package ai.fonella.spring.boot.autoconfigure;

import ai.fonella.spring.boot.registry.FonellaHandlerRegistry;
import ai.fonella.spring.boot.registry.FonellaSecrets;
import ai.fonella.spring.boot.registry.FonellaStartupException;
import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.FonellaException;
import ai.fonella.client.FonellaClient;
import ai.fonella.event.EventDeduplicationStore;
import ai.fonella.event.InMemoryEventDeduplicationStore;
import ai.fonella.event.OnFonellaEvent;
import ai.fonella.event.CallEndedEvent;
import ai.fonella.tool.FonellaTool;
import ai.fonella.tool.ToolCatalog;
import ai.fonella.tool.ToolDefinitions;
import ai.fonella.tool.ToolErrorPolicy;
import ai.fonella.tool.ToolInvoker;
import ai.fonella.webhook.SignatureScheme;
import ai.fonella.webhook.WebhookVerifier;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@ExtendWith(OutputCaptureExtension.class)
class FonellaAutoConfigurationTests {

    private static final String KEY = "fon_live_test0000000000000000000000000";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FonellaAutoConfiguration.class));

    @Test
    void createsNoClientWithoutAnApiKey() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertNoClient(context);
            assertThat(context).hasSingleBean(ToolInvoker.class);
            assertThat(context).hasSingleBean(WebhookVerifier.class);
            assertThat(context.getBean(FonellaStartupSync.class).status().state())
                    .isEqualTo(FonellaSyncStatus.State.DISABLED);
        });
    }

    @Test
    void treatsABlankApiKeyAsUnset() {
        runner.withPropertyValues("fonella.api-key= ").run(context -> {
            assertThat(context).hasNotFailed();
            assertNoClient(context);
        });
    }

    @Test
    void failsARequiredClientInjectionWithoutAnApiKeyAsIfNoClientWereDefined() {
        runner.withUserConfiguration(NeedsClient.class).run(context -> assertThat(context).hasFailed()
                .getFailure().hasRootCauseInstanceOf(
                        org.springframework.beans.factory.NoSuchBeanDefinitionException.class));
    }

    /**
     * Without a key the client's factory method answers {@code null} at startup (AOT freezes
     * conditions at build time, so no condition decides it): Spring's "null bean", which every way a
     * user asks for the client sees as absent.
     */
    private static void assertNoClient(org.springframework.context.ApplicationContext context) {
        assertThat(context.getBeanProvider(FonellaClient.class).getIfAvailable()).isNull();
        assertThat(context.getBeansOfType(FonellaClient.class)).isEmpty();
    }

    /** A user bean that cannot do without the client. */
    static class NeedsClient {
        @org.springframework.context.annotation.Bean
        String needsClient(FonellaClient client) {
            return client.toString();
        }
    }

    @Test
    void createsTheClientWhenAnApiKeyIsSet() {
        runner.withPropertyValues("fonella.api-key=" + KEY, "fonella.base-url=https://api.example.test").run(context -> {
            FonellaClient client = context.getBean(FonellaClient.class);
            assertThat(client.baseUri().toString()).isEqualTo("https://api.example.test/");
            assertThat(client.toString()).doesNotContain(KEY);
        });
    }

    @Test
    void reportsAnInvalidBaseUrlNamingTheProperty() {
        runner.withPropertyValues("fonella.api-key=" + KEY, "fonella.base-url=http://api.example.test").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("baseUrl must be an HTTPS URL");
            assertThat(context.getStartupFailure()).hasMessageContaining("fonella.base-url");
        });
    }

    @Test
    void backsOffWhenTheUserDefinesTheirOwnBeans() {
        runner.withPropertyValues("fonella.api-key=" + KEY).withUserConfiguration(UserBeans.class).run(context -> {
            assertThat(context.getBean(FonellaClient.class)).isSameAs(UserBeans.CLIENT);
            assertThat(context.getBean(WebhookVerifier.class)).isSameAs(UserBeans.VERIFIER);
            assertThat(context.getBean(EventDeduplicationStore.class)).isSameAs(UserBeans.STORE);
            assertThat(context.getBean(ToolErrorPolicy.class)).isSameAs(UserBeans.POLICY);
            assertThat(context.getBean(FonellaAutoConfiguration.JSON_MAPPER_BEAN)).isSameAs(UserBeans.MAPPER);
        });
    }

    @Test
    void leavesTheApplicationsJsonMapperToSpringBoot() {
        runner.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class)).run(context -> {
            assertThat(context).hasBean("jacksonJsonMapper").hasBean(FonellaAutoConfiguration.JSON_MAPPER_BEAN);
            assertThat(context.getBean(JsonMapper.class)).isSameAs(context.getBean("jacksonJsonMapper"));
        });
    }

    @Test
    void bindsTheSignatureSchemeRelaxedly() {
        runner.withPropertyValues("fonella.webhooks.signature-scheme=standard-webhooks",
                "fonella.webhooks.secrets=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").run(context -> {
            assertThat(context.getBean(WebhookVerifier.class).scheme()).isEqualTo(SignatureScheme.STANDARD_WEBHOOKS);
        });
    }

    @Test
    void failsAtStartupOnABlankWebhookSecret() {
        runner.withPropertyValues("fonella.webhooks.secrets[0]=whsec_ok", "fonella.webhooks.secrets[1]= ")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).hasMessageContaining("fonella.webhooks.secrets[1]")
                            .hasMessageContaining("empty or blank");
                });
    }

    @Test
    void failsAtStartupOnABlankToolSecret() {
        runner.withPropertyValues("fonella.tools.secret= ").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasMessageContaining("fonella.tools.secret is set but blank");
        });
    }

    @Test
    void discoversToolsAndHandlersOnBeans() {
        runner.withUserConfiguration(ToolBeans.class).run(context -> {
            FonellaHandlerRegistry registry = context.getBean(FonellaHandlerRegistry.class);
            assertThat(registry.tools()).containsOnlyKeys("echo");
            assertThat(registry.tool("echo").orElseThrow().source()).isEqualTo("echoTools#echo");
            assertThat(registry.eventHandlers()).hasSize(1);
        });
    }

    @Test
    void warnsAtStartWhenHandlersHaveNoSecretToVerifyDeliveriesWith(CapturedOutput output) {
        runner.withUserConfiguration(ToolBeans.class).run(context -> assertThat(context).hasNotFailed());
        assertThat(output).contains("Fonella: 1 event handler(s), but no webhook signing secret: "
                + "fonella.webhooks.secrets is empty and this app does not register the subscription "
                + "(no fonella.api-key)");
    }

    @Test
    void looksForHandlersOnEveryBeanButSpringsOwnInfrastructure() {
        // skipped, as Spring's @EventListener detection skips them: a bean class of Spring's own
        assertThat(FonellaHandlerRegistry.mayDeclareHandlers(org.springframework.web.servlet.DispatcherServlet.class))
                .isFalse();
        // kept: the application's classes, and Spring's components (@Configuration is one)
        assertThat(FonellaHandlerRegistry.mayDeclareHandlers(ToolBeans.class)).isTrue();
        assertThat(FonellaHandlerRegistry.mayDeclareHandlers(JacksonAutoConfiguration.class)).isTrue();
    }

    @Test
    void namesTheBeanAndMethodOfAnInvalidTool() {
        runner.withUserConfiguration(InvalidToolBeans.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(FonellaException.class);
            assertThat(context.getStartupFailure()).hasMessageContaining("Bean 'badTools'")
                    .hasMessageContaining("Bad_Name");
        });
    }

    @Test
    void rejectsTwoToolsWithOneNameNamingBothMethods() {
        runner.withUserConfiguration(ToolBeans.class, DuplicateToolBeans.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasMessageContaining("echoTools#echo")
                    .hasMessageContaining("otherEchoTools#echo");
        });
    }

    /**
     * The build's catalog, read on its own thread: a schema whose fingerprint still matches is taken
     * from it (a description only the catalog has shows it), one whose does not is generated, and a
     * catalog that is not one fails the start with the remedy.
     */
    @Test
    void takesSchemasFromTheBuildsCatalogOnlyWhileTheyStillDescribeTheMethod() throws Exception {
        String written = new String(ToolCatalog.render(List.of(ToolDefinitions.of(EchoTools.class,
                EchoTools.class.getMethod("echo", String.class))), null), StandardCharsets.UTF_8);
        String marked = written.replace("\"type\" : \"object\"", "\"type\" : \"object\",\n      \"description\" : \"built\"");
        assertThat(marked).isNotEqualTo(written);
        String fingerprint = written.replaceAll("(?s).*\"fingerprint\" : \"([0-9a-f]{64})\".*", "$1");

        runner.withClassLoader(serving(marked)).withUserConfiguration(ToolBeans.class).run(context ->
                assertThat(echoSchema(context).path("description").asString()).isEqualTo("built"));
        runner.withClassLoader(serving(marked.replace(fingerprint, "0".repeat(64))))
                .withUserConfiguration(ToolBeans.class).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(echoSchema(context).has("description")).as("generated").isFalse();
                    assertThat(echoSchema(context).path("properties").has("text")).isTrue();
                });
        runner.withClassLoader(serving("{oops")).withUserConfiguration(ToolBeans.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining(ToolCatalog.RESOURCE
                    + " is not a Fonella tool catalog (not JSON); delete it, or rebuild the app");
        });
    }

    private static tools.jackson.databind.JsonNode echoSchema(org.springframework.context.ApplicationContext context) {
        return context.getBean(FonellaHandlerRegistry.class).tool("echo").orElseThrow().definition().inputSchema();
    }

    /** A class loader that has the given document as the build's tool catalog. */
    private static ClassLoader serving(String catalog) {
        return new ClassLoader(FonellaAutoConfigurationTests.class.getClassLoader()) {
            @Override
            public InputStream getResourceAsStream(String name) {
                return name.equals(ToolCatalog.RESOURCE)
                        ? new ByteArrayInputStream(catalog.getBytes(StandardCharsets.UTF_8))
                        : super.getResourceAsStream(name);
            }
        };
    }

    @Test
    void usesARandomToolSecretWithoutAnApiKeyOrConfiguredSecret() {
        runner.withUserConfiguration(ToolBeans.class).run(context -> {
            assertThat(context.getBean(FonellaSecrets.class).toolSecret()).hasValueSatisfying(
                    secret -> assertThat(secret).hasSize(43));
        });
    }

    @Test
    void usesTheConfiguredToolSecret() {
        runner.withPropertyValues("fonella.tools.secret=configured-secret").run(context -> {
            assertThat(context.getBean(FonellaSecrets.class).toolSecretMatches("configured-secret")).isTrue();
            assertThat(context.getBean(FonellaSecrets.class).toolSecretMatches("other")).isFalse();
        });
    }

    @Test
    void failsWhenToolsMustBeRegisteredButNoPublicUrlIsKnown() throws InterruptedException {
        List<URI> requested = new CopyOnWriteArrayList<>();
        // records where the client would connect, and sends it to a closed local port, never to api.fonella.ai
        ProxySelector recording = new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                requested.add(uri);
                return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", 1)));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
            }
        };
        new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(FonellaAutoConfiguration.class))
                .withPropertyValues("fonella.api-key=" + KEY).withUserConfiguration(ToolBeans.class)
                .withBean(FonellaClientBuilderCustomizer.class, () -> builder -> builder.proxy(recording))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().isInstanceOf(FonellaStartupException.class)
                            .hasMessageContaining("fonella.public-url is not set");
                });
        Thread.sleep(500); // time for a request started in the background to reach the proxy selector
        assertThat(requested).as("requests sent by a start bound to fail").isEmpty();
    }

    @Test
    void failsOnABasePathThatIsNotAPlainPathNamingTheProperty() {
        new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(FonellaAutoConfiguration.class))
                .withPropertyValues("fonella.base-path=/my path").withUserConfiguration(ToolBeans.class)
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).hasStackTraceContaining(
                            "fonella.base-path is invalid: The base path '/my path' must be a plain path");
                });
    }

    @Test
    void failsWhenToolsMustBeRegisteredButNothingServesThem() {
        runner.withPropertyValues("fonella.api-key=" + KEY, "fonella.public-url=https://shop.example.com")
                .withUserConfiguration(ToolBeans.class).run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().isInstanceOf(FonellaStartupException.class)
                            .hasMessageContaining("it is not a web application")
                            .satisfies(e -> assertThat(((FonellaStartupException) e).action())
                                    .contains("spring-boot-starter-webmvc"));
                });
    }

    @Test
    void aClientOnlyApplicationNeedsNoWebServer() {
        runner.withPropertyValues("fonella.api-key=" + KEY, "fonella.tools.sync=none",
                "fonella.webhooks.register=false").withUserConfiguration(ToolBeans.class).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(FonellaClient.class);
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeans {
        static final FonellaClient CLIENT = FonellaClient.builder().apiKey(KEY).build();
        static final WebhookVerifier VERIFIER = WebhookVerifier.builder().secret("whsec_user").build();
        static final EventDeduplicationStore STORE = new InMemoryEventDeduplicationStore();
        static final ToolErrorPolicy POLICY = new ToolErrorPolicy() {
        };
        static final JsonMapper MAPPER = JsonMapper.builder().build();

        @Bean
        FonellaClient userClient() {
            return CLIENT;
        }

        @Bean
        WebhookVerifier userVerifier() {
            return VERIFIER;
        }

        @Bean
        EventDeduplicationStore userStore() {
            return STORE;
        }

        @Bean
        ToolErrorPolicy userPolicy() {
            return POLICY;
        }

        @Bean(FonellaAutoConfiguration.JSON_MAPPER_BEAN)
        JsonMapper fonellaJsonMapper() {
            return MAPPER;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ToolBeans {
        @Bean
        EchoTools echoTools() {
            return new EchoTools();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class DuplicateToolBeans {
        @Bean
        EchoTools otherEchoTools() {
            return new EchoTools();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class InvalidToolBeans {
        @Bean
        BadTools badTools() {
            return new BadTools();
        }
    }

    static class EchoTools {
        @FonellaTool(description = "Echo the text")
        public String echo(String text) {
            return text;
        }

        @OnFonellaEvent
        public void ended(CallEndedEvent event) {
        }
    }

    static class BadTools {
        @FonellaTool(name = "Bad_Name", description = "Has an invalid name")
        public String bad(String text) {
            return text;
        }
    }
}
