package ai.fonella.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one walker over annotated methods, for tools ({@code @FonellaTool}) and event handlers
 * ({@code @OnFonellaEvent}) alike: for each method of a class, its superclasses and all its
 * interfaces, the most specific implementation, kept when it or a method it overrides or
 * implements carries the annotation. Bridge and synthetic methods are ignored; a private or static
 * method overrides nothing and counts only with its own annotation. Generic parameters are compared
 * after resolving type variables against the class, so {@code handle(String)} implements
 * {@code Handler<String>.handle(T)}. Not part of the public API: the starter and the Maven plugin
 * reach it through {@code ToolDefinitions} and {@code EventHandlers}.
 */
public final class AnnotatedMethods {

    private AnnotatedMethods() {
    }

    /**
     * The annotated methods of a class with the annotation that applies to each.
     *
     * @param type the class, e.g. the user class of a bean (not a generated proxy class)
     * @param annotationType the annotation
     * @param <A> the annotation type
     * @return the methods in the order found (the class first, then its supertypes), with their
     *     annotations
     */
    public static <A extends Annotation> Map<Method, A> find(Class<?> type, Class<A> annotationType) {
        List<Class<?>> hierarchy = supertypes(type);
        if (!declaredAnywhere(hierarchy, annotationType)) {
            return new LinkedHashMap<>(); // the usual case for an application's beans, without the walk below
        }
        List<Method> mostSpecific = new ArrayList<>();
        for (Class<?> current : hierarchy) {
            for (Method method : current.getDeclaredMethods()) {
                if (method.isBridge() || method.isSynthetic()) {
                    continue;
                }
                boolean overridden = false;
                for (Method known : mostSpecific) {
                    if (overrides(known, method, type)) {
                        overridden = true;
                        break;
                    }
                }
                if (!overridden) {
                    mostSpecific.add(method);
                }
            }
        }
        Map<Method, A> found = new LinkedHashMap<>();
        for (Method method : mostSpecific) {
            A annotation = findAnnotation(type, method, annotationType);
            if (annotation != null) {
                found.put(method, annotation);
            }
        }
        return found;
    }

    /**
     * The annotation that applies to a method: its own, or the one on the nearest method it
     * overrides in a superclass, or implements from an interface.
     *
     * @param type the class serving the method
     * @param method the method
     * @param annotationType the annotation
     * @param <A> the annotation type
     * @return the annotation, or {@code null}
     */
    public static <A extends Annotation> A findAnnotation(Class<?> type, Method method, Class<A> annotationType) {
        A own = method.getAnnotation(annotationType);
        if (own != null || Modifier.isStatic(method.getModifiers()) || Modifier.isPrivate(method.getModifiers())) {
            return own;
        }
        for (Class<?> current : supertypes(type)) {
            if (current == method.getDeclaringClass()) {
                continue;
            }
            for (Method candidate : current.getDeclaredMethods()) {
                A annotation = candidate.getAnnotation(annotationType);
                if (annotation != null && !candidate.isBridge() && overrides(method, candidate, type)) {
                    return annotation;
                }
            }
        }
        return null;
    }

    /** Whether some method of the hierarchy carries the annotation itself: only then can any inherit it. */
    private static boolean declaredAnywhere(List<Class<?>> hierarchy, Class<? extends Annotation> annotationType) {
        for (Class<?> current : hierarchy) {
            for (Method method : current.getDeclaredMethods()) {
                if (method.isAnnotationPresent(annotationType)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The class, its superclasses (not Object), then all interfaces, nearest first. */
    private static List<Class<?>> supertypes(Class<?> type) {
        Set<Class<?>> result = new LinkedHashSet<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            result.add(c);
        }
        List<Class<?>> queue = new ArrayList<>(result);
        for (int i = 0; i < queue.size(); i++) {
            for (Class<?> contract : queue.get(i).getInterfaces()) {
                if (result.add(contract)) {
                    queue.add(contract);
                }
            }
        }
        return new ArrayList<>(result);
    }

    /** Whether {@code sub} overrides or implements {@code sup}, seen from {@code context}. */
    private static boolean overrides(Method sub, Method sup, Class<?> context) {
        if (sub.equals(sup) || !sub.getName().equals(sup.getName())
                || sub.getParameterCount() != sup.getParameterCount()
                || Modifier.isPrivate(sup.getModifiers()) || Modifier.isStatic(sup.getModifiers())
                || Modifier.isStatic(sub.getModifiers())
                || !sup.getDeclaringClass().isAssignableFrom(context)
                || !sub.getDeclaringClass().isAssignableFrom(context)) {
            return false;
        }
        Class<?>[] subTypes = sub.getParameterTypes();
        Class<?>[] supTypes = sup.getParameterTypes();
        Type[] supGeneric = sup.getGenericParameterTypes();
        for (int i = 0; i < subTypes.length; i++) {
            if (subTypes[i] != supTypes[i]
                    && subTypes[i] != Types.raw(Types.resolve(supGeneric[i], sub.getDeclaringClass()))
                    && subTypes[i] != Types.raw(Types.resolve(supGeneric[i], context))) {
                return false;
            }
        }
        return true;
    }
}
