package ai.fonella.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where Fonella treats Kotlin code the way Kotlin developers write it: nullable and defaulted
 * parameters, data classes, {@code suspend} functions. Not part of the public API.
 *
 * <p>Nothing Kotlin-related is needed on the class path of a Java application: this class only
 * looks for Kotlin by name (as Spring's {@code KotlinDetector} does), and the classes that use
 * Kotlin's API ({@code KotlinReflection}, {@code KotlinJackson}) are loaded only once a Kotlin class
 * is met and the library they need is present. Kotlin reflection ({@code kotlin-reflect}) is required
 * for Kotlin tools; {@code kotlinx-coroutines-core} for {@code suspend} functions;
 * {@code jackson-module-kotlin} (Jackson 3) to bind data classes.
 */
public final class KotlinSupport {

    /** The value a binder gives a defaulted parameter that was not sent: Kotlin's default applies. */
    public static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "<absent: the Kotlin default applies>";
        }
    };

    private static final Class<? extends Annotation> METADATA = metadata();

    private static final boolean REFLECT = present("kotlin.reflect.full.KClasses");

    private static final boolean COROUTINES = present("kotlinx.coroutines.future.FutureKt");

    private static final boolean JACKSON_MODULE = present("tools.jackson.module.kotlin.KotlinModule");

    private KotlinSupport() {
    }

    /**
     * What Fonella knows about one Kotlin function, from Kotlin reflection.
     */
    public interface Function {

        /**
         * The number of value parameters: the Java parameters without a {@code suspend} function's
         * trailing {@code Continuation}.
         *
         * @return the count
         */
        int valueParameterCount();

        /**
         * The Kotlin name of a value parameter (present even without {@code -java-parameters}).
         *
         * @param index the index among the value parameters
         * @return the name, or {@code null}
         */
        String name(int index);

        /**
         * Whether a value parameter has a default value.
         *
         * @param index the index among the value parameters
         * @return {@code true} when it may be left out
         */
        boolean hasDefault(int index);

        /**
         * Whether a value parameter's type is nullable ({@code String?}).
         *
         * @param index the index among the value parameters
         * @return {@code true} when {@code null} may be passed
         */
        boolean nullable(int index);

        /**
         * Whether the function is a {@code suspend} function.
         *
         * @return {@code true} for {@code suspend fun}
         */
        boolean suspending();

        /**
         * Whether the function returns {@code Unit}, so there is no result to speak.
         *
         * @return {@code true} for {@code Unit}
         */
        boolean returnsUnit();

        /**
         * Whether {@link #call} is needed for these values: the function suspends, or a value is
         * {@link KotlinSupport#ABSENT}. Otherwise the plain Java method can be called directly.
         *
         * @param values the value parameters
         * @return {@code true} when Kotlin reflection must call the function
         */
        boolean needsKotlinCall(Object[] values);

        /**
         * Calls the function with Kotlin's rules: {@link KotlinSupport#ABSENT} values are left out so
         * their defaults apply. A {@code suspend} function starts at once (on the calling thread, until
         * it first suspends) and its result is a {@code CompletableFuture}; cancelling that future
         * cancels the coroutine.
         *
         * @param target the receiver, {@code null} for a static function
         * @param values the value parameters
         * @return the result, or a future of it for a {@code suspend} function
         * @throws Exception what the function threw
         */
        Object call(Object target, Object[] values) throws Exception;

        /**
         * Calls the function and, for a {@code suspend} function, waits on the calling thread until it
         * completes ({@code runBlocking}), e.g. for event handlers, which run synchronously.
         *
         * @param target the receiver
         * @param values the value parameters
         * @return the result
         * @throws Exception what the function threw
         */
        Object callBlocking(Object target, Object[] values) throws Exception;
    }

    /**
     * Whether a class was compiled by Kotlin (it carries {@code kotlin.Metadata}).
     *
     * @param type the class
     * @return {@code true} for a Kotlin class
     */
    public static boolean isKotlinType(Class<?> type) {
        return METADATA != null && type != null && type.isAnnotationPresent(METADATA);
    }

    /**
     * Whether a method is a Kotlin {@code suspend} function: declared by a Kotlin class, its last
     * parameter a {@code kotlin.coroutines.Continuation}.
     *
     * @param method the method
     * @return {@code true} for {@code suspend fun}
     */
    public static boolean isSuspending(Method method) {
        Class<?>[] types = method.getParameterTypes();
        return types.length > 0 && types[types.length - 1].getName().equals("kotlin.coroutines.Continuation")
                && isKotlinType(method.getDeclaringClass());
    }

    /**
     * The Kotlin view of a method, or {@code null} for a method of a Java class.
     *
     * @param method the method
     * @return the function, or {@code null} when the method is not Kotlin
     * @throws IllegalStateException naming the dependency to add when Kotlin reflection (or, for a
     *     {@code suspend} function, kotlinx-coroutines) is missing
     */
    public static Function function(Method method) {
        if (!isKotlinType(method.getDeclaringClass())) {
            return null;
        }
        if (!REFLECT) {
            throw new IllegalStateException("it is Kotlin, and Fonella reads Kotlin parameters (nullable, "
                    + "default values, suspend) with Kotlin reflection, which is not on the class path; add the "
                    + "dependency org.jetbrains.kotlin:kotlin-reflect.");
        }
        if (!COROUTINES && isSuspending(method)) {
            throw new IllegalStateException("it is a suspend function, and Fonella runs coroutines with "
                    + "kotlinx-coroutines, which is not on the class path; add the dependency "
                    + "org.jetbrains.kotlinx:kotlinx-coroutines-core.");
        }
        return KotlinReflection.function(method);
    }

    /**
     * Whether a property of a Kotlin class may be left out of its JSON object: its type is nullable
     * or its constructor parameter has a default.
     *
     * @param field the backing field
     * @return {@code TRUE} or {@code FALSE} for a property of a Kotlin class, {@code null} when Kotlin
     *     has nothing to say (a Java class, or no Kotlin reflection)
     */
    public static Boolean optionalProperty(Field field) {
        if (!REFLECT || !isKotlinType(field.getDeclaringClass())) {
            return null;
        }
        return KotlinReflection.optionalProperty(field);
    }

    /**
     * Whether Jackson can create a Kotlin class through its primary constructor (a data class, or any
     * class with one), which needs {@code jackson-module-kotlin}.
     *
     * @param type the class
     * @return {@code null} when it can, or what to add
     */
    public static String creatorProblem(Class<?> type) {
        if (!isKotlinType(type)) {
            return null;
        }
        if (!JACKSON_MODULE || !REFLECT) {
            return type.getName() + " is a Kotlin class; Jackson creates it through its primary constructor only "
                    + "with jackson-module-kotlin, which is not on the class path; add the dependencies "
                    + "tools.jackson.module:jackson-module-kotlin and org.jetbrains.kotlin:kotlin-reflect.";
        }
        return KotlinReflection.hasPrimaryConstructor(type) ? null : type.getName() + " has no primary constructor "
                + "and no no-argument constructor, so Jackson cannot create it; declare its properties in the "
                + "primary constructor, e.g. data class " + type.getSimpleName() + "(val name: String).";
    }

    /**
     * Registers Jackson's Kotlin module when it is on the class path: data classes are created
     * through their primary constructor, with their defaults for absent properties.
     *
     * @param builder the mapper builder
     * @return the builder
     */
    public static JsonMapper.Builder withKotlinModule(JsonMapper.Builder builder) {
        return JACKSON_MODULE && REFLECT && METADATA != null ? KotlinJackson.register(builder) : builder;
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Annotation> metadata() {
        try {
            return (Class<? extends Annotation>) Class.forName("kotlin.Metadata", false,
                    KotlinSupport.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, KotlinSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
