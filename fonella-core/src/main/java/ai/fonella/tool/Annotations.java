package ai.fonella.tool;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedType;

/** Annotation look-ups shared by schema generation and binding. Not part of the public API. */
final class Annotations {

    private Annotations() {
    }

    /**
     * Whether an element is marked nullable: by any annotation whose simple name is
     * {@code Nullable}, as a declaration annotation (jakarta.annotation, javax.annotation, Spring,
     * JetBrains) or a type-use annotation (JSpecify, Checker Framework).
     *
     * @param element the parameter, field or method, may be {@code null}
     * @param type its annotated type, may be {@code null}
     * @return whether it is nullable
     */
    public static boolean isNullable(AnnotatedElement element, AnnotatedType type) {
        return (element != null && hasNullable(element.getAnnotations()))
                || (type != null && hasNullable(type.getAnnotations()));
    }

    private static boolean hasNullable(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation.annotationType().getSimpleName().equals("Nullable")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Text of an annotation attribute, or {@code null} when empty or blank.
     *
     * @param value the attribute value
     * @return the trimmed text or {@code null}
     */
    public static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
