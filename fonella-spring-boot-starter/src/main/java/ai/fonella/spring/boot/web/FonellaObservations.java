package ai.fonella.spring.boot.web;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Records one observation per tool invocation ({@value #TOOL_INVOCATION}, tags {@code fonella.tool}
 * and {@code outcome}: success, error, timeout, bad-arguments, rejected) and per webhook delivery
 * ({@value #WEBHOOK_DELIVERY}, tags {@code fonella.event.type} and {@code outcome}: success, failure,
 * duplicate, rejected, invalid). Payloads, arguments and results are never recorded, and tag values
 * come from a closed set (registered tool names, the eight event types), never from the request.
 * Active when Micrometer is on the classpath and an {@link ObservationRegistry} bean exists; a no-op
 * otherwise.
 */
public final class FonellaObservations {

    /** Name of the tool invocation observation. */
    public static final String TOOL_INVOCATION = "fonella.tool.invocation";

    /** Name of the webhook delivery observation. */
    public static final String WEBHOOK_DELIVERY = "fonella.webhook.delivery";

    private final Object registry;

    private FonellaObservations(Object registry) {
        this.registry = registry;
    }

    /**
     * Observations into a Micrometer registry.
     *
     * @param registry the registry
     * @return the recorder
     */
    public static FonellaObservations of(ObservationRegistry registry) {
        return new FonellaObservations(registry);
    }

    /**
     * No observations.
     *
     * @return the recorder
     */
    public static FonellaObservations none() {
        return new FonellaObservations(null);
    }

    /**
     * Runs work inside an observation whose low-cardinality tags come from its result.
     *
     * @param name the observation name
     * @param work the work
     * @param tags the tags for the result
     * @param <T> the result type
     * @return the result
     */
    public <T> T observe(String name, Supplier<T> work, Function<T, Map<String, String>> tags) {
        if (registry == null) {
            return work.get();
        }
        return Micrometer.observe((ObservationRegistry) registry, name, work, tags);
    }

    /**
     * Starts an observation that ends on another thread, with its tags, once its outcome is known.
     *
     * @param name the observation name
     * @return receives the tags and ends the observation
     */
    public Consumer<Map<String, String>> start(String name) {
        if (registry == null) {
            return tags -> { };
        }
        return Micrometer.start((ObservationRegistry) registry, name);
    }

    /** Keeps Micrometer types out of the outer class's code, so it loads without Micrometer. */
    private static final class Micrometer {
        static Consumer<Map<String, String>> start(ObservationRegistry registry, String name) {
            Observation observation = Observation.createNotStarted(name, registry).start();
            return tags -> {
                tags.forEach(observation::lowCardinalityKeyValue);
                observation.stop();
            };
        }

        static <T> T observe(ObservationRegistry registry, String name, Supplier<T> work,
                Function<T, Map<String, String>> tags) {
            Observation observation = Observation.createNotStarted(name, registry).start();
            try (Observation.Scope scope = observation.openScope()) {
                T result = work.get();
                tags.apply(result).forEach(observation::lowCardinalityKeyValue);
                return result;
            } catch (RuntimeException | Error e) {
                observation.lowCardinalityKeyValue("outcome", "exception");
                observation.error(e);
                throw e;
            } finally {
                observation.stop();
            }
        }
    }
}
