package ai.fonella.spring.boot.autoconfigure;

import ai.fonella.client.FonellaClient;

/**
 * Customizes the {@link FonellaClient.Builder} of the auto-configured client after the
 * {@code fonella.*} properties are applied, for what properties do not cover: a proxy and its
 * credentials, a retry policy, a JDK {@code HttpClient} with its own executor or TLS settings.
 * Every bean of this type is applied, in {@link org.springframework.core.annotation.Order @Order}.
 *
 * <pre>{@code
 * @Bean
 * FonellaClientBuilderCustomizer corporateProxy() {
 *     return builder -> builder
 *             .proxy(ProxySelector.of(new InetSocketAddress("proxy.corp.example", 3128)))
 *             .proxyCredentials("app", System.getenv("PROXY_PASSWORD"));
 * }
 * }</pre>
 *
 * <p>Not applied when the application defines its own {@link FonellaClient} bean.
 */
@FunctionalInterface
public interface FonellaClientBuilderCustomizer {

    /**
     * Customizes the builder.
     *
     * @param builder the builder, with the properties applied
     */
    void customize(FonellaClient.Builder builder);
}
