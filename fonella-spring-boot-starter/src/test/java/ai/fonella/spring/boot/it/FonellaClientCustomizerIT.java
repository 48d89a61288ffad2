package ai.fonella.spring.boot.it;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.client.FonellaClient;
import ai.fonella.spring.boot.autoconfigure.FonellaAutoConfiguration;
import ai.fonella.spring.boot.autoconfigure.FonellaClientBuilderCustomizer;
import ai.fonella.test.EmulatorAccount;
import ai.fonella.test.FonellaEmulator;
import ai.fonella.test.FonellaEmulatorTest;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * {@link FonellaClientBuilderCustomizer} beans shape the auto-configured client: here a proxy
 * selector, which every request of the client consults, against the emulator over real HTTP.
 */
@FonellaEmulatorTest
class FonellaClientCustomizerIT {

    private final FonellaEmulator emulator;
    private final EmulatorAccount account;
    private final ApplicationContextRunner runner;

    FonellaClientCustomizerIT(FonellaEmulator emulator) {
        this.emulator = emulator;
        this.account = emulator.newAccount();
        this.runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FonellaAutoConfiguration.class))
                .withPropertyValues("fonella.api-key=" + account.apiKey(), "fonella.base-url=" + emulator.baseUrl(),
                        "fonella.tools.sync=none", "fonella.webhooks.register=false")
                .withUserConfiguration(Customizers.class);
    }

    @Test
    void appliesEveryCustomizerInOrderToTheClientThatTalksToTheApi() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            FonellaClient client = context.getBean(FonellaClient.class);

            assertThat(client.tools().list()).isEmpty();

            RecordingSelector selector = context.getBean(RecordingSelector.class);
            assertThat(selector.asked).singleElement().satisfies(uri -> assertThat(uri.toString())
                    .isEqualTo(emulator.baseUrl().replaceAll("/$", "") + "/v1/tools"));
            assertThat(context.getBean(Customizers.class).order).containsExactly("first", "second");
        });
    }

    @Test
    void isNotAppliedToAClientTheApplicationDefines() {
        runner.withBean(FonellaClient.class, () -> emulator.client(account.apiKey())).run(context -> {
            assertThat(context.getBean(FonellaClient.class).tools().list()).isEmpty();
            assertThat(context.getBean(RecordingSelector.class).asked).isEmpty();
            assertThat(context.getBean(Customizers.class).order).isEmpty();
        });
    }

    /** Answers "direct" and remembers what it was asked. */
    static final class RecordingSelector extends ProxySelector {
        final List<URI> asked = new CopyOnWriteArrayList<>();

        @Override
        public List<Proxy> select(URI uri) {
            asked.add(uri);
            return List.of(Proxy.NO_PROXY);
        }

        @Override
        public void connectFailed(URI uri, SocketAddress address, IOException failure) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {
        final List<String> order = new CopyOnWriteArrayList<>();

        @Bean
        RecordingSelector recordingSelector() {
            return new RecordingSelector();
        }

        @Bean
        @Order(2)
        FonellaClientBuilderCustomizer second(RecordingSelector selector) {
            return builder -> {
                order.add("second");
                builder.proxy(selector);
            };
        }

        @Bean
        @Order(1)
        FonellaClientBuilderCustomizer first() {
            return builder -> order.add("first");
        }
    }
}
