package ai.fonella.event;

import ai.fonella.internal.KotlinSupport;
import ai.fonella.internal.MethodCall;
import java.lang.reflect.Method;
import java.util.Objects;

/**
 * Calls a handler method with its resolved arguments. The default, {@link #reflective(Object, Method)},
 * invokes the method on a target object the way tools are invoked; a framework can supply its own, for example to invoke
 * through a proxy so that transactions or security advice apply.
 */
@FunctionalInterface
public interface EventHandlerInvoker {

    /**
     * Invokes the handler.
     *
     * @param arguments one argument per method parameter, as described by
     *     {@link EventHandlerDefinition#parameters()}
     * @throws Exception what the handler threw, unwrapped from any reflection wrapper
     */
    void invoke(Object[] arguments) throws Exception;

    /**
     * Invokes {@code method} on {@code target} the way tool methods are invoked (a method handle
     * resolved once; Kotlin {@code suspend} functions run to completion), so that the handler's own
     * exception is reported, not a reflection wrapper.
     *
     * @param target the object whose method handles events
     * @param method the handler method, declared by the target's class or one of its supertypes
     * @return the invoker
     * @throws EventHandlerDefinitionException if the target cannot run the method or the method
     *     cannot be made accessible
     */
    static EventHandlerInvoker reflective(Object target, Method method) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(method, "method");
        if (!method.getDeclaringClass().isInstance(target)) {
            throw new EventHandlerDefinitionException("Cannot invoke " + method.getDeclaringClass().getName() + "."
                    + method.getName() + " on an instance of " + target.getClass().getName()
                    + ": pass an object of the class the handler was defined for.");
        }
        MethodCall call;
        try {
            call = MethodCall.of(method, KotlinSupport.function(method));
        } catch (IllegalStateException e) {
            throw new EventHandlerDefinitionException("Event handler " + method.getDeclaringClass().getName() + "."
                    + method.getName() + " cannot be run: " + e.getMessage());
        }
        // a suspend handler runs to completion on the dispatching thread, so deduplication and
        // failure reporting stay those of a plain method
        return arguments -> call.callToCompletion(target, arguments);
    }
}
