package ai.fonella.internal;

import java.util.Map;
import kotlin.coroutines.Continuation;
import kotlin.coroutines.EmptyCoroutineContext;
import kotlin.jvm.functions.Function2;
import kotlin.reflect.KFunction;
import kotlin.reflect.KParameter;
import kotlin.reflect.full.KCallables;
import kotlinx.coroutines.BuildersKt;
import kotlinx.coroutines.CoroutineScope;
import kotlinx.coroutines.CoroutineStart;
import kotlinx.coroutines.Dispatchers;
import kotlinx.coroutines.GlobalScope;
import kotlinx.coroutines.future.FutureKt;

/**
 * Runs {@code suspend} functions with kotlinx-coroutines; loaded only for one. Not part of the public
 * API.
 */
final class KotlinCoroutines {

    private KotlinCoroutines() {
    }

    /**
     * Starts the function at once, undispatched until it first suspends, as a future: cancelling the
     * future cancels the coroutine.
     */
    static Object future(KFunction<?> function, Map<KParameter, Object> arguments) {
        return FutureKt.future(GlobalScope.INSTANCE, Dispatchers.getUnconfined(), CoroutineStart.DEFAULT,
                coroutine(function, arguments));
    }

    /** Runs the function to completion on the calling thread. */
    static Object runBlocking(KFunction<?> function, Map<KParameter, Object> arguments) throws InterruptedException {
        return BuildersKt.runBlocking(EmptyCoroutineContext.INSTANCE, coroutine(function, arguments));
    }

    private static Function2<CoroutineScope, Continuation<? super Object>, Object> coroutine(KFunction<?> function,
            Map<KParameter, Object> arguments) {
        return (scope, continuation) -> KotlinReflection.unwrappedUnchecked(() -> KCallables.callSuspendBy(function,
                arguments, continuation));
    }
}
