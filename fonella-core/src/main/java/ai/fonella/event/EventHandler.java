package ai.fonella.event;

import java.util.List;
import java.util.Objects;

/**
 * An {@link EventHandlerDefinition} bound to what invokes it: the unit an {@link EventDispatcher}
 * dispatches to. Immutable and thread-safe when its invoker is.
 */
public final class EventHandler {

    private final EventHandlerDefinition definition;
    private final EventHandlerInvoker invoker;
    private final EventHandlerDefinition.ParameterKind[] parameters;

    private EventHandler(EventHandlerDefinition definition, EventHandlerInvoker invoker) {
        this.definition = Objects.requireNonNull(definition, "definition");
        this.invoker = Objects.requireNonNull(invoker, "invoker");
        this.parameters = definition.parameters().toArray(EventHandlerDefinition.ParameterKind[]::new);
    }

    /**
     * A handler that invokes the definition's method on a target by reflection.
     *
     * @param definition the definition
     * @param target the object whose method it is
     * @return the handler
     * @throws EventHandlerDefinitionException if the target cannot run the method
     */
    public static EventHandler of(EventHandlerDefinition definition, Object target) {
        return new EventHandler(definition, EventHandlerInvoker.reflective(target, definition.method()));
    }

    /**
     * A handler invoked by a custom invoker, for example through a framework proxy.
     *
     * @param definition the definition
     * @param invoker invokes the method with resolved arguments
     * @return the handler
     */
    public static EventHandler of(EventHandlerDefinition definition, EventHandlerInvoker invoker) {
        return new EventHandler(definition, invoker);
    }

    /**
     * What this handler is.
     *
     * @return the definition
     */
    public EventHandlerDefinition definition() {
        return definition;
    }

    /**
     * The handler id, {@link EventHandlerDefinition#id()}.
     *
     * @return the id
     */
    public String id() {
        return definition.id();
    }

    /**
     * Resolves the arguments from an event and invokes the handler, without deduplication. The
     * caller is responsible for only passing events the handler {@linkplain EventHandlerDefinition#handles
     * handles}.
     *
     * @param event the event
     * @throws Exception what the handler threw
     */
    public void invoke(FonellaEvent event) throws Exception {
        Objects.requireNonNull(event, "event");
        Object[] arguments = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            arguments[i] = switch (parameters[i]) {
                case EVENT -> event;
                case CALL -> event.call();
                case RAW_JSON -> event.raw();
            };
        }
        invoker.invoke(arguments);
    }

    /**
     * Binds every handler method of an object.
     *
     * @param definitions definitions of methods of {@code target}'s class
     * @param target the object
     * @return the handlers
     */
    static List<EventHandler> bind(List<EventHandlerDefinition> definitions, Object target) {
        return definitions.stream().map(definition -> of(definition, target)).toList();
    }

    @Override
    public String toString() {
        return "EventHandler[" + definition.id() + "]";
    }
}
