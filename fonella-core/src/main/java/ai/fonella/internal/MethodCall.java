package ai.fonella.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.UndeclaredThrowableException;

/**
 * Calls one handler method, Java or Kotlin, with arguments already bound: the one way Fonella
 * invokes tool and event handler methods. Resolved once; a call does no reflective look-up and
 * throws what the method threw, not a reflection wrapper. Not part of the public API.
 */
public final class MethodCall {

    private final MethodHandle handle;
    private final KotlinSupport.Function kotlin;

    private MethodCall(MethodHandle handle, KotlinSupport.Function kotlin) {
        this.handle = handle;
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
        if (kotlin != null && kotlin.suspending()) {
            return new MethodCall(null, kotlin); // only Kotlin reflection can call a suspend function
        }
        try {
            method.trySetAccessible();
            MethodHandle mh = MethodHandles.lookup().unreflect(method);
            mh = mh.asType(mh.type().generic()).asSpreader(Object[].class, method.getParameterCount());
            if (Modifier.isStatic(method.getModifiers())) {
                mh = MethodHandles.dropArguments(mh, 0, Object.class);
            }
            return new MethodCall(mh, kotlin);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalStateException("Cannot call " + method.getDeclaringClass().getName() + "."
                    + method.getName() + ": " + e.getMessage() + ". Make the method and its class public, or open "
                    + "its package to ai.fonella.core.", e);
        }
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
            return (Object) handle.invokeExact(target, arguments);
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
