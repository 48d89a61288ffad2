package ai.fonella.internal;

import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Generic type helpers: resolves type variables against a concrete class (a tool declared on a
 * generic superclass or interface), erases types and unwraps {@code Optional}. Not part of the
 * public API.
 */
public final class Types {

    private Types() {
    }

    /**
     * Resolves the type variables in {@code type} that {@code context} (or its supertypes) bind.
     *
     * @param type a type as declared, e.g. a method's generic parameter type
     * @param context the class whose view of the type is wanted, e.g. the tool class
     * @return the resolved type; the same instance when nothing needed resolving
     */
    public static Type resolve(Type type, Type context) {
        if (isFullyResolved(type)) {
            return type;
        }
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        collectBindings(context, bindings, new HashSet<>());
        return substitute(type, bindings);
    }

    /**
     * The erased class of a type.
     *
     * @param type any type
     * @return its raw class; {@code Object} for unbounded variables and wildcards
     */
    public static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof GenericArrayType g) {
            return Array.newInstance(raw(g.getGenericComponentType()), 0).getClass();
        }
        if (type instanceof WildcardType w) {
            return raw(w.getUpperBounds()[0]);
        }
        if (type instanceof TypeVariable<?> v) {
            return raw(v.getBounds()[0]);
        }
        return Object.class;
    }

    /**
     * The {@code index}th type argument of a parameterized type, or {@code null} for a raw type.
     *
     * @param type the type
     * @param index the index
     * @return the argument or {@code null}
     */
    public static Type argument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        return null;
    }

    /**
     * Whether the type is {@code Optional}, {@code OptionalInt}, {@code OptionalLong} or
     * {@code OptionalDouble}.
     *
     * @param type the type
     * @return whether it is an optional wrapper
     */
    public static boolean isOptional(Type type) {
        Class<?> raw = raw(type);
        return raw == Optional.class || raw == OptionalInt.class || raw == OptionalLong.class
                || raw == OptionalDouble.class;
    }

    /**
     * The value type of an optional wrapper: {@code T} for {@code Optional<T>}, {@code int} for
     * {@code OptionalInt}, and so on; other types unchanged.
     *
     * @param type the type
     * @return the value type
     */
    public static Type unwrapOptional(Type type) {
        Class<?> raw = raw(type);
        if (raw == OptionalInt.class) {
            return int.class;
        }
        if (raw == OptionalLong.class) {
            return long.class;
        }
        if (raw == OptionalDouble.class) {
            return double.class;
        }
        if (raw == Optional.class) {
            Type arg = argument(type, 0);
            if (arg instanceof WildcardType w && w.getLowerBounds().length == 0) {
                arg = w.getUpperBounds()[0];
            }
            return arg == null ? Object.class : arg;
        }
        return type;
    }

    /**
     * A readable rendering, with simple class names: {@code Map<String, List<Order>>}.
     *
     * @param type the type
     * @return the rendering
     */
    public static String describe(Type type) {
        if (type instanceof Class<?> c) {
            return c.isArray() ? describe(c.getComponentType()) + "[]" : c.getSimpleName();
        }
        if (type instanceof ParameterizedType p) {
            return describe(p.getRawType()) + Arrays.stream(p.getActualTypeArguments()).map(Types::describe)
                    .collect(Collectors.joining(", ", "<", ">"));
        }
        if (type instanceof GenericArrayType g) {
            return describe(g.getGenericComponentType()) + "[]";
        }
        return type.getTypeName();
    }

    private static boolean isFullyResolved(Type type) {
        if (type instanceof Class<?>) {
            return true;
        }
        if (type instanceof ParameterizedType p) {
            for (Type arg : p.getActualTypeArguments()) {
                if (!isFullyResolved(arg)) {
                    return false;
                }
            }
            return true;
        }
        if (type instanceof GenericArrayType g) {
            return isFullyResolved(g.getGenericComponentType());
        }
        if (type instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) {
                if (!isFullyResolved(b)) {
                    return false;
                }
            }
            for (Type b : w.getLowerBounds()) {
                if (!isFullyResolved(b)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static void collectBindings(Type type, Map<TypeVariable<?>, Type> bindings, Set<Class<?>> seen) {
        if (type == null) {
            return;
        }
        Class<?> raw = raw(type);
        if (raw == Object.class || !seen.add(raw)) {
            return;
        }
        if (type instanceof ParameterizedType p) {
            TypeVariable<?>[] variables = raw.getTypeParameters();
            Type[] arguments = p.getActualTypeArguments();
            for (int i = 0; i < variables.length && i < arguments.length; i++) {
                bindings.put(variables[i], substitute(arguments[i], bindings));
            }
        }
        collectBindings(raw.getGenericSuperclass(), bindings, seen);
        for (Type itf : raw.getGenericInterfaces()) {
            collectBindings(itf, bindings, seen);
        }
    }

    private static Type substitute(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof TypeVariable<?> v) {
            return bindings.getOrDefault(v, v);
        }
        if (type instanceof ParameterizedType p) {
            Type[] args = p.getActualTypeArguments();
            Type[] resolved = new Type[args.length];
            boolean changed = false;
            for (int i = 0; i < args.length; i++) {
                resolved[i] = substitute(args[i], bindings);
                changed |= resolved[i] != args[i];
            }
            return changed ? new ParameterizedTypeImpl((Class<?>) p.getRawType(), p.getOwnerType(), resolved) : p;
        }
        if (type instanceof GenericArrayType g) {
            Type component = substitute(g.getGenericComponentType(), bindings);
            if (component instanceof Class<?> c) {
                return Array.newInstance(c, 0).getClass();
            }
            return component == g.getGenericComponentType() ? g : new GenericArrayTypeImpl(component);
        }
        if (type instanceof WildcardType w) {
            Type[] upper = Arrays.stream(w.getUpperBounds()).map(b -> substitute(b, bindings)).toArray(Type[]::new);
            Type[] lower = Arrays.stream(w.getLowerBounds()).map(b -> substitute(b, bindings)).toArray(Type[]::new);
            return new WildcardTypeImpl(upper, lower);
        }
        return type;
    }

    /** A parameterized type whose equality matches the JDK's. */
    private record ParameterizedTypeImpl(Class<?> raw, Type owner, Type[] arguments) implements ParameterizedType {

        @Override
        public Type[] getActualTypeArguments() {
            return arguments.clone();
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return owner;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ParameterizedType p && raw.equals(p.getRawType())
                    && Objects.equals(owner, p.getOwnerType())
                    && Arrays.equals(arguments, p.getActualTypeArguments());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(arguments) ^ Objects.hashCode(owner) ^ raw.hashCode();
        }

        @Override
        public String toString() {
            return raw.getTypeName() + Arrays.stream(arguments).map(Type::getTypeName)
                    .collect(Collectors.joining(", ", "<", ">"));
        }
    }

    /** A generic array type whose equality matches the JDK's. */
    private record GenericArrayTypeImpl(Type component) implements GenericArrayType {

        @Override
        public Type getGenericComponentType() {
            return component;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof GenericArrayType g && component.equals(g.getGenericComponentType());
        }

        @Override
        public int hashCode() {
            return component.hashCode();
        }

        @Override
        public String toString() {
            return component.getTypeName() + "[]";
        }
    }

    /** A wildcard type whose equality matches the JDK's. */
    private record WildcardTypeImpl(Type[] upper, Type[] lower) implements WildcardType {

        @Override
        public Type[] getUpperBounds() {
            return upper.clone();
        }

        @Override
        public Type[] getLowerBounds() {
            return lower.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof WildcardType w && Arrays.equals(upper, w.getUpperBounds())
                    && Arrays.equals(lower, w.getLowerBounds());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(upper) ^ Arrays.hashCode(lower);
        }

        @Override
        public String toString() {
            if (lower.length > 0) {
                return "? super " + lower[0].getTypeName();
            }
            return upper.length == 0 || upper[0] == Object.class ? "?" : "? extends " + upper[0].getTypeName();
        }
    }
}
