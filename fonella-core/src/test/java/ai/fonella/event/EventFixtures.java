package ai.fonella.event;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the sample deliveries under {@code src/test/resources/events}. */
final class EventFixtures {

    private EventFixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = EventFixtures.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /events/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FonellaEvent event(String name) {
        return FonellaEvents.parse(bytes(name));
    }

    /** A minimal envelope of a type with an id. */
    static byte[] envelope(String id, String type) {
        return ("{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"createdAt\":\"2026-11-24T10:15:00Z\","
                + "\"data\":{\"call\":{\"id\":\"call_1\",\"status\":\"ended\"}}}").getBytes(StandardCharsets.UTF_8);
    }
}
