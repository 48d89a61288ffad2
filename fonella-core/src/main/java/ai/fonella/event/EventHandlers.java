package ai.fonella.event;

import ai.fonella.event.EventHandlerDefinition.ParameterKind;
import ai.fonella.internal.AnnotatedMethods;
import ai.fonella.internal.KotlinSupport;
import ai.fonella.model.Call;
import ai.fonella.model.EventType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Builds event handlers from {@link OnFonellaEvent} methods: the one place that decides what an
 * annotated method means, used by plain Java applications and by the Spring Boot starter alike.
 *
 * <pre>{@code
 * EventDispatcher dispatcher = EventDispatcher.builder()
 *         .handlers(EventHandlers.handlers(new CallEvents()))
 *         .build();
 * }</pre>
 *
 * <p>A framework that discovers methods itself (Spring's {@code MethodIntrospector}) calls
 * {@link #definition(Class, Method, OnFonellaEvent)} for each method it found and binds the result
 * with {@link EventHandler#of(EventHandlerDefinition, EventHandlerInvoker)}.
 *
 * <p>Every mistake is reported here, at startup, with an {@link EventHandlerDefinitionException}
 * naming the class and method: an unknown type name, a parameter that cannot receive a declared
 * type, a parameter of an unsupported type, a handler without types and without a specific event
 * parameter, a static method, or an asynchronous return type.
 */
public final class EventHandlers {

    private static final String KNOWN_TYPES = EventType.known().stream()
            .map(type -> "\"" + type.wireName() + "\"").collect(Collectors.joining(", "));

    private EventHandlers() {
    }

    /**
     * The handler definitions of a class: its {@link OnFonellaEvent} methods, including methods that
     * inherit the annotation from a superclass or an interface method they override or implement,
     * and interface default methods. Bridge and synthetic methods are ignored. Ordered by method
     * name, then parameter types.
     *
     * @param type the class to inspect (the user class, not a proxy class)
     * @return the definitions, empty when the class has no handler
     * @throws EventHandlerDefinitionException if an annotated method cannot be a handler
     */
    public static List<EventHandlerDefinition> definitions(Class<?> type) {
        Objects.requireNonNull(type, "type");
        List<EventHandlerDefinition> definitions = new ArrayList<>();
        AnnotatedMethods.find(type, OnFonellaEvent.class)
                .forEach((method, annotation) -> definitions.add(definition(type, method, annotation)));
        definitions.sort(Comparator.comparing((EventHandlerDefinition d) -> d.method().getName())
                .thenComparing(d -> Arrays.toString(d.method().getParameterTypes())));
        return List.copyOf(definitions);
    }

    /**
     * The handlers of an object: {@link #definitions(Class)} of its class, invoked on it by reflection.
     *
     * @param target an object with {@link OnFonellaEvent} methods
     * @return the handlers, empty when it has none
     * @throws EventHandlerDefinitionException if an annotated method cannot be a handler
     */
    public static List<EventHandler> handlers(Object target) {
        Objects.requireNonNull(target, "target");
        return EventHandler.bind(definitions(target.getClass()), target);
    }

    /**
     * The definition of one method carrying {@link OnFonellaEvent} itself.
     *
     * @param targetClass the class the method was discovered on (used in the default id and messages)
     * @param method the method
     * @return the definition
     * @throws EventHandlerDefinitionException if the method has no annotation or cannot be a handler
     */
    public static EventHandlerDefinition definition(Class<?> targetClass, Method method) {
        Objects.requireNonNull(method, "method");
        OnFonellaEvent annotation = method.getAnnotation(OnFonellaEvent.class);
        if (annotation == null) {
            throw new EventHandlerDefinitionException(describe(targetClass, method) + " is not annotated with "
                    + "@OnFonellaEvent; annotate it, or pass the annotation found on the method it overrides to "
                    + "definition(Class, Method, OnFonellaEvent).");
        }
        return definition(targetClass, method, annotation);
    }

    /**
     * The definition of one method with an annotation found by the caller, for frameworks that look
     * annotations up themselves (for example on an interface method through a proxy).
     *
     * @param targetClass the class the method was discovered on (used in the default id and messages)
     * @param method the method to invoke
     * @param annotation its {@link OnFonellaEvent}
     * @return the definition
     * @throws EventHandlerDefinitionException if the method cannot be a handler
     */
    public static EventHandlerDefinition definition(Class<?> targetClass, Method method, OnFonellaEvent annotation) {
        Objects.requireNonNull(targetClass, "targetClass");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(annotation, "annotation");
        String where = "@OnFonellaEvent method " + describe(targetClass, method);
        if (Modifier.isStatic(method.getModifiers())) {
            throw new EventHandlerDefinitionException(where + " is static; make it an instance method.");
        }
        Class<?> returnType = method.getReturnType();
        if (CompletionStage.class.isAssignableFrom(returnType) || Future.class.isAssignableFrom(returnType)) {
            throw new EventHandlerDefinitionException(where + " returns " + returnType.getSimpleName() + ", but event "
                    + "handlers run synchronously so that the webhook answer reports their outcome; return void and "
                    + "finish the work before returning.");
        }
        List<ParameterKind> parameters = new ArrayList<>();
        List<Class<?>> eventParameters = new ArrayList<>();
        Class<?>[] types = method.getParameterTypes();
        if (KotlinSupport.isSuspending(method)) {
            // a suspend handler: its Continuation is the coroutine machinery, and it is run to completion
            types = Arrays.copyOf(types, types.length - 1);
        }
        for (int i = 0; i < types.length; i++) {
            Class<?> parameter = types[i];
            if (FonellaEvent.class.isAssignableFrom(parameter)) {
                parameters.add(ParameterKind.EVENT);
                eventParameters.add(parameter);
            } else if (parameter == Call.class) {
                parameters.add(ParameterKind.CALL);
            } else if (parameter == JsonNode.class) {
                parameters.add(ParameterKind.RAW_JSON);
            } else {
                throw new EventHandlerDefinitionException(where + ": parameter " + (i + 1) + " ("
                        + method.getParameters()[i].getName() + ") has type " + parameter.getName()
                        + ", which an event handler cannot be given. Each parameter must be the event (FonellaEvent "
                        + "or a specific event class such as CallEndedEvent), the Call, or the raw envelope as "
                        + "JsonNode; look up anything else inside the method.");
            }
        }
        boolean allTypes = false;
        Set<EventType> eventTypes = EnumSet.noneOf(EventType.class);
        String[] declared = annotation.value();
        if (Arrays.asList(declared).contains(OnFonellaEvent.ALL)) {
            if (declared.length > 1) {
                throw new EventHandlerDefinitionException(where + " declares \"*\" together with other types; \"*\" "
                        + "already means every type, so declare it alone or list the types instead.");
            }
            for (Class<?> parameter : eventParameters) {
                if (parameter != FonellaEvent.class) {
                    throw new EventHandlerDefinitionException(where + " handles every type (\"*\"), but its parameter "
                            + "type " + parameter.getSimpleName() + " can receive only some of them; declare the "
                            + "parameter as FonellaEvent, or list the types it handles.");
                }
            }
            allTypes = true;
            eventTypes = EventType.known();
        } else if (declared.length > 0) {
            for (String name : declared) {
                EventType type = EventType.fromWireName(name);
                if (type == EventType.UNKNOWN) {
                    throw new EventHandlerDefinitionException(where + " declares the unknown event type \"" + name
                            + "\"; use one of " + KNOWN_TYPES + " (constants on OnFonellaEvent), or \"*\" for every "
                            + "type.");
                }
                eventTypes.add(type);
            }
            for (Class<?> parameter : eventParameters) {
                for (EventType type : eventTypes) {
                    Class<? extends FonellaEvent> delivered = FonellaEvents.eventClass(type);
                    if (!parameter.isAssignableFrom(delivered)) {
                        throw new EventHandlerDefinitionException(where + " declares \"" + type.wireName()
                                + "\", which is delivered as " + delivered.getSimpleName() + ", but its parameter "
                                + "type is " + parameter.getSimpleName() + ". Declare the parameter as "
                                + delivered.getSimpleName()
                                + ", or as FonellaEvent to receive several types, or remove \"" + type.wireName()
                                + "\".");
                    }
                }
            }
        } else {
            Set<EventType> inferred = new LinkedHashSet<>();
            for (Class<?> parameter : eventParameters) {
                EventType type = FonellaEvents.eventType(parameter);
                if (type != null) {
                    inferred.add(type);
                } else if (parameter == UnknownFonellaEvent.class) {
                    throw new EventHandlerDefinitionException(where + " takes UnknownFonellaEvent, which is only "
                            + "delivered for types this SDK does not know, so no type can be inferred; use "
                            + "@OnFonellaEvent(\"*\") with a FonellaEvent parameter and test for UnknownFonellaEvent.");
                }
            }
            if (inferred.size() > 1) {
                throw new EventHandlerDefinitionException(where + " takes parameters of several event classes ("
                        + eventParameters.stream().map(Class::getSimpleName).collect(Collectors.joining(", "))
                        + "), but an event has one type; take one event parameter, or FonellaEvent with the types "
                        + "listed in @OnFonellaEvent.");
            }
            if (inferred.isEmpty()) {
                throw new EventHandlerDefinitionException(where + " declares no event type, and none can be inferred "
                        + "because no parameter is a specific event class. List the types, e.g. "
                        + "@OnFonellaEvent(OnFonellaEvent.CALL_ENDED), take a specific event such as CallEndedEvent, "
                        + "or declare @OnFonellaEvent(\"*\") to receive every event.");
            }
            eventTypes.addAll(inferred);
        }
        String id = annotation.id().isBlank() ? defaultId(targetClass, method) : annotation.id().strip();
        return new EventHandlerDefinition(id, targetClass, method, eventTypes, allTypes, parameters);
    }

    /**
     * The default handler id: {@code <class name>#<method>(<simple parameter type names>)}.
     *
     * @param targetClass the class the handler was discovered on
     * @param method the method
     * @return the id
     */
    public static String defaultId(Class<?> targetClass, Method method) {
        return targetClass.getName() + "#" + method.getName() + parameterList(method);
    }

    static String describe(Class<?> targetClass, Method method) {
        Class<?> owner = targetClass == null ? method.getDeclaringClass() : targetClass;
        return owner.getName() + "." + method.getName() + parameterList(method);
    }

    private static String parameterList(Method method) {
        return Arrays.stream(method.getParameterTypes())
                .limit(method.getParameterCount() - (KotlinSupport.isSuspending(method) ? 1 : 0))
                .map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
    }
}
