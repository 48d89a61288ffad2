package ai.fonella.internal;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kotlin.Unit;
import kotlin.jvm.JvmClassMappingKt;
import kotlin.reflect.KClass;
import kotlin.reflect.KClassifier;
import kotlin.reflect.KFunction;
import kotlin.reflect.KParameter;
import kotlin.reflect.KProperty;
import kotlin.reflect.full.KClasses;
import kotlin.reflect.jvm.KCallablesJvm;
import kotlin.reflect.jvm.ReflectJvmMapping;

/**
 * {@link KotlinSupport}'s use of Kotlin reflection; loaded only when a Kotlin class is met and
 * {@code kotlin-reflect} is present. Coroutines are in {@link KotlinCoroutines}, loaded only for a
 * {@code suspend} function, so that an app without kotlinx-coroutines works. Not part of the public
 * API.
 */
final class KotlinReflection {

    private KotlinReflection() {
    }

    static KotlinSupport.Function function(Method method) {
        KFunction<?> function = ReflectJvmMapping.getKotlinFunction(method);
        if (function == null) {
            return null; // e.g. a synthetic or property accessor method: nothing Kotlin-specific to honour
        }
        return new ReflectedFunction(function, method);
    }

    static Boolean optionalProperty(Field field) {
        KProperty<?> property;
        try {
            property = ReflectJvmMapping.getKotlinProperty(field);
        } catch (RuntimeException | Error e) {
            return null; // e.g. a synthetic class Kotlin reflection does not describe
        }
        if (property == null) {
            return null;
        }
        if (property.getReturnType().isMarkedNullable()) {
            return Boolean.TRUE;
        }
        KFunction<?> constructor = KClasses.getPrimaryConstructor(JvmClassMappingKt.getKotlinClass(
                field.getDeclaringClass()));
        if (constructor != null) {
            for (KParameter parameter : constructor.getParameters()) {
                if (property.getName().equals(parameter.getName())) {
                    return parameter.isOptional();
                }
            }
        }
        return Boolean.FALSE;
    }

    static boolean hasPrimaryConstructor(Class<?> type) {
        return KClasses.getPrimaryConstructor(JvmClassMappingKt.getKotlinClass(type)) != null;
    }

    /** One Kotlin function, its value parameters resolved once. */
    private static final class ReflectedFunction implements KotlinSupport.Function {

        private final KFunction<?> function;
        private final KParameter instance;
        private final KParameter[] values;
        private final boolean suspending;
        private final boolean returnsUnit;

        ReflectedFunction(KFunction<?> function, Method method) {
            this.function = function;
            KParameter receiver = null;
            List<KParameter> valueParameters = new ArrayList<>();
            for (KParameter parameter : function.getParameters()) {
                if (parameter.getKind() == KParameter.Kind.VALUE) {
                    valueParameters.add(parameter);
                } else {
                    receiver = parameter;
                }
            }
            this.instance = receiver;
            this.values = valueParameters.toArray(KParameter[]::new);
            this.suspending = function.isSuspend();
            KClassifier classifier = function.getReturnType().getClassifier();
            this.returnsUnit = method.getReturnType() == void.class || classifier instanceof KClass<?> kClass
                    && JvmClassMappingKt.getJavaClass(kClass) == Unit.class;
            try {
                KCallablesJvm.setAccessible(function, true);
            } catch (RuntimeException e) {
                // public API in a module that does not open it: the call itself says so
            }
        }

        @Override
        public int valueParameterCount() {
            return values.length;
        }

        @Override
        public String name(int index) {
            return values[index].getName();
        }

        @Override
        public boolean hasDefault(int index) {
            return values[index].isOptional();
        }

        @Override
        public boolean nullable(int index) {
            return values[index].getType().isMarkedNullable();
        }

        @Override
        public boolean suspending() {
            return suspending;
        }

        @Override
        public boolean returnsUnit() {
            return returnsUnit;
        }

        @Override
        public boolean needsKotlinCall(Object[] arguments) {
            if (suspending) {
                return true;
            }
            for (Object argument : arguments) {
                if (argument == KotlinSupport.ABSENT) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public Object call(Object target, Object[] arguments) throws Exception {
            Map<KParameter, Object> byParameter = arguments(target, arguments);
            return suspending ? KotlinCoroutines.future(function, byParameter)
                    : unwrapped(() -> function.callBy(byParameter));
        }

        @Override
        public Object callBlocking(Object target, Object[] arguments) throws Exception {
            Map<KParameter, Object> byParameter = arguments(target, arguments);
            return suspending ? KotlinCoroutines.runBlocking(function, byParameter)
                    : unwrapped(() -> function.callBy(byParameter));
        }

        private Map<KParameter, Object> arguments(Object target, Object[] arguments) {
            if (arguments.length != values.length) {
                throw new IllegalArgumentException("Expected " + values.length + " arguments for " + function
                        + ", got " + arguments.length);
            }
            Map<KParameter, Object> byParameter = new HashMap<>();
            if (instance != null) {
                byParameter.put(instance, target);
            }
            for (int i = 0; i < values.length; i++) {
                if (arguments[i] != KotlinSupport.ABSENT) {
                    byParameter.put(values[i], arguments[i]);
                }
            }
            return byParameter;
        }
    }

    static Object unwrapped(Callable<Object> call) throws Exception {
        try {
            return call.call();
        } catch (InvocationTargetException e) {
            throw rethrowable(e.getCause());
        }
    }

    /** As {@link #unwrapped}, for Kotlin lambdas, which may throw anything. */
    static Object unwrappedUnchecked(Callable<Object> call) {
        try {
            return unwrapped(call);
        } catch (Exception e) {
            return sneakyThrow(e);
        }
    }

    private static Exception rethrowable(Throwable cause) {
        if (cause instanceof Error error) {
            throw error;
        }
        return cause instanceof Exception exception ? exception : new IllegalStateException(cause);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> Object sneakyThrow(Throwable e) throws T {
        throw (T) e;
    }
}
