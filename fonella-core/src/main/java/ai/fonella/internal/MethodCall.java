package ai.fonella.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.UndeclaredThrowableException;

/**
 * Calls one handler method, Java or Kotlin, with arguments already bound: the one way Fonella
 * invokes tool and event handler methods. Its method handle is made on the first call; no call after
 * that does a reflective look-up. A call throws what the method threw, not a reflection wrapper.
 * Not part of the public API.
 */
public final class MethodCall {

    private final Method method;
    private final KotlinSupport.Function kotlin;
    /** Made on the first call, not at startup (method handle shapes are costly to make cold). */
    private volatile MethodHandle handle;

    private MethodCall(Method method, KotlinSupport.Function kotlin) {
        this.method = method;
        this.kotlin = kotlin;
    }

    /**
     * Resolves the call of a method.
     *
     * @param method the method to call (on a proxy class too)
     * @param kotlin what Kotlin reflection knows of the function, or {@code null} for a Java method
     * @return the call
     * @throws IllegalStateException when the method cannot be made accessible, saying what to do
     */
    public static MethodCall of(Method method, KotlinSupport.Function kotlin) {
        if (!method.trySetAccessible()) { // true for a public method of a public class in an exported package
            throw new IllegalStateException("Cannot call " + method.getDeclaringClass().getName() + "."
                    + method.getName() + ": its module neither exports nor opens the package to ai.fonella.core. "
                    + "Make the method and its class public and export the package, or open it to ai.fonella.core.");
        }
        return new MethodCall(method, kotlin);
    }

    private MethodHandle handle() {
        MethodHandle current = handle;
        if (current == null) {
            try {
                current = MethodHandles.lookup().unreflect(method);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("Cannot call " + method.getDeclaringClass().getName() + "."
                        + method.getName() + ": " + e.getMessage() + ". Open its package to ai.fonella.core.", e);
            }
            current = current.asType(current.type().generic()).asSpreader(Object[].class, method.getParameterCount());
            if (Modifier.isStatic(method.getModifiers())) {
                current = MethodHandles.dropArguments(current, 0, Object.class);
            }
            handle = current; // a race makes two equal handles
        }
        return current;
    }

    /**
     * Calls the method. A Kotlin function is called with Kotlin's rules when it must be
     * ({@link KotlinSupport.Function#needsKotlinCall}): absent values take their defaults, and a
     * {@code suspend} function's result is a {@code CompletableFuture}.
     *
     * @param target the object to call it on ({@code null} for a static method)
     * @param arguments one value per parameter
     * @return the return value ({@code null} for {@code void})
     * @throws Exception whatever the method throws (a checked throwable that is not an
     *     {@code Exception} arrives wrapped in an {@link UndeclaredThrowableException})
     */
    public Object call(Object target, Object[] arguments) throws Exception {
        if (kotlin != null && kotlin.needsKotlinCall(arguments)) {
            return kotlin.call(target, arguments);
        }
        try {
            return (Object) handle().invokeExact(target, arguments);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new UndeclaredThrowableException(e);
        }
    }

    /**
     * As {@link #call}, but a {@code suspend} function runs to completion on the calling thread,
     * for callers that handle one thing at a time (event handlers).
     *
     * @param target the object to call it on
     * @param arguments one value per parameter
     * @return the return value
     * @throws Exception whatever the method throws
     */
    public Object callToCompletion(Object target, Object[] arguments) throws Exception {
        return kotlin != null && kotlin.suspending() ? kotlin.callBlocking(target, arguments) : call(target, arguments);
    }
}
