package ai.fonella.event;

import ai.fonella.internal.KotlinSupport;
import ai.fonella.model.EventType;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An event handler as computed from one {@link OnFonellaEvent} method by {@link EventHandlers}:
 * which events it receives and what each parameter is given. Computed in exactly one place, so the
 * Spring Boot starter and plain Java applications agree on what a handler means.
 *
 * @param id the stable handler id, the deduplication key together with the event id
 * @param targetClass the class the handler was discovered on (the user class, not a proxy)
 * @param method the method to invoke
 * @param eventTypes the known types handled; all eight when {@code allTypes}
 * @param allTypes whether the handler was declared with {@link OnFonellaEvent#ALL} and so also
 *     receives {@link UnknownFonellaEvent}s
 * @param parameters what to pass for each parameter of the method, in order
 */
public record EventHandlerDefinition(
        String id,
        Class<?> targetClass,
        Method method,
        Set<EventType> eventTypes,
        boolean allTypes,
        List<ParameterKind> parameters) {

    /** What a handler parameter is given. */
    public enum ParameterKind {
        /** The event itself: {@link FonellaEvent} or the specific event record. */
        EVENT,
        /** The event's call ({@link FonellaEvent#call()}), {@code null} when the delivery has none. */
        CALL,
        /** The whole raw envelope ({@link FonellaEvent#raw()}) as a {@code JsonNode}. */
        RAW_JSON
    }

    /** Validates and copies. */
    public EventHandlerDefinition {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
        Objects.requireNonNull(targetClass, "targetClass");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(eventTypes, "eventTypes");
        Objects.requireNonNull(parameters, "parameters");
        // Unmodifiable, in declaration order of EventType, so logs and metrics tags are stable.
        eventTypes = Collections.unmodifiableSet(eventTypes.isEmpty()
                ? EnumSet.noneOf(EventType.class) : EnumSet.copyOf(eventTypes));
        if (eventTypes.contains(EventType.UNKNOWN)) {
            throw new IllegalArgumentException("eventTypes must not contain UNKNOWN; use allTypes");
        }
        parameters = List.copyOf(parameters);
        int count = method.getParameterCount() - (KotlinSupport.isSuspending(method) ? 1 : 0);
        if (parameters.size() != count) {
            throw new IllegalArgumentException("one parameter kind per method parameter is required");
        }
    }

    /**
     * Whether this handler receives events of a type.
     *
     * @param type the type; {@link EventType#UNKNOWN} only reaches {@link #allTypes()} handlers
     * @return {@code true} if it does
     */
    public boolean handles(EventType type) {
        return allTypes || eventTypes.contains(type);
    }

    /**
     * A copy with another id, for example to tell apart two registered instances of the same class
     * (the Spring Boot starter uses the bean name).
     *
     * @param newId the id
     * @return the copy
     */
    public EventHandlerDefinition withId(String newId) {
        return new EventHandlerDefinition(newId, targetClass, method, eventTypes, allTypes, parameters);
    }

    /**
     * The method for messages: {@code SimpleClassName.method(ParamType, ...)}.
     *
     * @return a readable description
     */
    public String describe() {
        return EventHandlers.describe(targetClass, method);
    }
}
