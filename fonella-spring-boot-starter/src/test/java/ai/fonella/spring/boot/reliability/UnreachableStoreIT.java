package ai.fonella.spring.boot.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.event.EventDeduplicationStore;
import ai.fonella.model.EventType;
import ai.fonella.spring.boot.test.AutoConfigureFonellaEmulator;
import ai.fonella.spring.boot.test.FonellaTestClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * A deduplication store that cannot be reached, seen as an app's own test sees it: through
 * {@link FonellaTestClient} over real HTTP, whose answer carries the headers ({@code Retry-After}).
 */
@SpringBootTest(classes = UnreachableStoreIT.App.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureFonellaEmulator
class UnreachableStoreIT {

    @Autowired
    FonellaTestClient fonella;

    @Autowired
    ProbeHandlers handlers;

    @Test
    void answers503WithRetryAfterAndRunsNoHandlerWhileTheStoreCannotBeReached() {
        FonellaTestClient.Response response = fonella.sendEvent(EventType.CALL_ENDED,
                Map.of("call", Map.of("id", "call_unreachable_store")));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.headers().getFirst("Retry-After")).isEqualTo("5");
        assertThat(handlers.endedRuns).isEmpty();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(ProbeHandlers.class)
    static class App {

        /** A shared store whose server is down: every call fails as a driver's would. */
        @Bean
        EventDeduplicationStore unreachableStore() {
            return new EventDeduplicationStore() {
                @Override
                public Claim tryClaim(Key key, Duration lease) {
                    throw down();
                }

                @Override
                public void complete(Key key) {
                    throw down();
                }

                @Override
                public void release(Key key) {
                    throw down();
                }

                @Override
                public State state(Key key) {
                    throw down();
                }

                @Override
                public void ping() {
                    throw down();
                }

                private DataAccessResourceFailureException down() {
                    return new DataAccessResourceFailureException("Connection refused: the store is down");
                }
            };
        }
    }
}
