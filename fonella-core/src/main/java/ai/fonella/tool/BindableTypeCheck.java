package ai.fonella.tool;

import ai.fonella.internal.KotlinSupport;
import ai.fonella.internal.Types;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.channels.Channel;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.stream.BaseStream;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * Decides whether a parameter type can be bound from JSON arguments and described by a schema,
 * walking into records, beans, collections and maps. Not part of the public API.
 */
final class BindableTypeCheck {

    private static final List<Class<?>> NEVER_BINDABLE = List.of(InputStream.class, OutputStream.class, Reader.class,
            Writer.class, Channel.class, File.class, Path.class, Class.class, ClassLoader.class, Thread.class,
            Method.class, Field.class, Runnable.class, java.util.concurrent.Callable.class, Future.class,
            CompletionStage.class, BaseStream.class, Iterator.class, java.util.function.Function.class,
            java.util.function.Supplier.class, java.util.function.Consumer.class, java.util.function.BiFunction.class,
            java.util.function.Predicate.class, java.util.concurrent.Executor.class, AutoCloseable.class);

    private BindableTypeCheck() {
    }

    /**
     * Finds why a type cannot be bound.
     *
     * @param type the resolved parameter type
     * @return {@code null} when it can be bound, otherwise what is wrong and what to do
     */
    static String problem(Type type) {
        return check(type, "", new HashSet<>());
    }

    private static String check(Type type, String path, Set<Type> visiting) {
        if (type instanceof WildcardType w) {
            if (w.getLowerBounds().length > 0 || w.getUpperBounds()[0] == Object.class) {
                return at(path) + "the wildcard '" + w + "' does not say what to read; declare the element type, "
                        + "e.g. List<String> instead of List<?>.";
            }
            return check(w.getUpperBounds()[0], path, visiting);
        }
        if (type instanceof TypeVariable<?> v) {
            return at(path) + "the type variable " + v.getName() + " is not bound by the tool class; declare a "
                    + "concrete type, or extend the generic class with concrete type arguments.";
        }
        if (type instanceof GenericArrayType g) {
            return check(g.getGenericComponentType(), path + "[]", visiting);
        }
        Class<?> raw = Types.raw(type);
        if (raw.isPrimitive() || raw.isEnum()) {
            return null;
        }
        if (raw == Object.class) {
            return at(path) + "Object says nothing about what to read; use a concrete type such as String, a number, "
                    + "an enum, a record, a List or a Map<String, ...>.";
        }
        if (raw.isArray()) {
            return check(raw.getComponentType(), path + "[]", visiting);
        }
        for (Class<?> never : NEVER_BINDABLE) {
            if (never.isAssignableFrom(raw)) {
                return at(path) + raw.getName() + " cannot be read from JSON; accept the data it would carry "
                        + "(text, numbers, a record) instead.";
            }
        }
        if (Iterable.class.isAssignableFrom(raw)) {
            Type element = elementType(type, raw, Iterable.class);
            if (element == null) {
                return at(path) + "the raw " + raw.getSimpleName() + " has no element type; declare it, e.g. "
                        + raw.getSimpleName() + "<String>.";
            }
            return check(element, path + "[]", visiting);
        }
        if (Map.class.isAssignableFrom(raw)) {
            Type key = Types.argument(type, 0);
            Type value = Types.argument(type, 1);
            if (key == null || value == null) {
                return at(path) + "the raw " + raw.getSimpleName() + " has no key and value types; declare them, "
                        + "e.g. Map<String, String>.";
            }
            if (Types.raw(key) != String.class) {
                return at(path) + "map keys must be String, because JSON object keys are text; use Map<String, ...> "
                        + "instead of a map keyed by " + Types.describe(key) + ".";
            }
            return check(value, path + "{}", visiting);
        }
        if (raw == Optional.class) {
            Type value = Types.argument(type, 0);
            if (value == null) {
                return at(path) + "the raw Optional has no value type; declare it, e.g. Optional<String>.";
            }
            return check(value, path, visiting);
        }
        String name = raw.getName();
        if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("tools.jackson.")) {
            return null; // JDK value types (String, numbers, java.time, UUID, URI...) and JSON trees
        }
        if (raw.isInterface() || Modifier.isAbstract(raw.getModifiers())) {
            if (raw.isAnnotationPresent(JsonTypeInfo.class) || raw.isAnnotationPresent(JsonSubTypes.class)
                    || raw.isAnnotationPresent(JsonDeserialize.class)) {
                return null;
            }
            return at(path) + raw.getName() + " is " + (raw.isInterface() ? "an interface" : "abstract")
                    + ", so Jackson cannot create it; use a record or concrete class, or declare its subtypes with "
                    + "@JsonTypeInfo and @JsonSubTypes.";
        }
        if (!visiting.add(type)) {
            return null; // recursive structure, already being checked
        }
        if (raw.isRecord()) {
            for (RecordComponent component : raw.getRecordComponents()) {
                if (component.isAnnotationPresent(JsonIgnore.class)) {
                    continue;
                }
                String problem = check(Types.resolve(component.getGenericType(), type),
                        join(path, component.getName()), visiting);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        if (!hasCreator(raw)) {
            String problem = KotlinSupport.isKotlinType(raw) ? KotlinSupport.creatorProblem(raw) // primary constructor
                    : raw.getName() + " has no no-argument constructor, so Jackson cannot create it; make it a record, "
                    + "add a no-argument constructor, or mark a constructor with @JsonCreator.";
            if (problem != null) {
                return at(path) + problem;
            }
        }
        for (Class<?> c = raw; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.isSynthetic()
                        || field.isAnnotationPresent(JsonIgnore.class)) {
                    continue;
                }
                String problem = check(Types.resolve(field.getGenericType(), type), join(path, field.getName()),
                        visiting);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    private static boolean hasCreator(Class<?> raw) {
        if (raw.getEnclosingClass() != null && !Modifier.isStatic(raw.getModifiers())) {
            return false; // inner class: needs its outer instance
        }
        for (Constructor<?> constructor : raw.getDeclaredConstructors()) {
            if (constructor.getParameterCount() == 0 || constructor.isAnnotationPresent(JsonCreator.class)) {
                return true;
            }
        }
        for (Method method : raw.getDeclaredMethods()) {
            if (Modifier.isStatic(method.getModifiers()) && method.isAnnotationPresent(JsonCreator.class)) {
                return true;
            }
        }
        return false;
    }

    private static Type elementType(Type type, Class<?> raw, Class<?> container) {
        if (raw.getTypeParameters().length == 0) {
            // e.g. a class implementing List<String>: find the binding in its hierarchy
            Type resolved = Types.resolve(container.getTypeParameters()[0], raw);
            return resolved instanceof TypeVariable<?> ? null : resolved;
        }
        if (!(type instanceof ParameterizedType)) {
            return null;
        }
        Type resolved = Types.resolve(container.getTypeParameters()[0], type);
        return resolved instanceof TypeVariable<?> ? null : resolved;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String at(String path) {
        return path.isEmpty() ? "" : "at '" + path + "', ";
    }
}
