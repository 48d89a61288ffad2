package ai.fonella.tool;

import ai.fonella.internal.Types;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Jakarta Validation constraints as schema keywords. Only loaded when
 * {@code jakarta.validation-api} is on the class path (see {@link #PRESENT}); everything that
 * mentions a {@code jakarta.validation} type lives here. Not part of the public API.
 *
 * <p>Fields and record components are handled by victools' {@link JakartaValidationModule} (with
 * pattern expressions); method parameters, which victools does not see, by
 * {@link #applyToParameter}, which maps the same annotations to the same keywords.
 */
final class JakartaSupport {

    /** Whether {@code jakarta.validation} annotations can be read. */
    public static final boolean PRESENT = isPresent();

    private JakartaSupport() {
    }

    private static boolean isPresent() {
        try {
            Class.forName("jakarta.validation.constraints.NotNull", false, JakartaSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * A character other than those {@code String.trim()} removes: what {@code @NotBlank} requires.
     * (JSON Schema's {@code \\S} would differ: it takes control characters as text and no-break
     * spaces as blank.)
     */
    static final String NOT_BLANK_PATTERN = "[^\\u0000-\\u0020]";

    /**
     * What {@code @Email} becomes: an address in the dot-atom form of RFC 5322 with a domain of
     * letter-digit-hyphen labels, one of which is a top-level one, with at most 64 characters before
     * the {@code @} and 255 after it (RFC 5321's limits, which Hibernate Validator checks). Hibernate
     * Validator accepts all of these (and more: quoted local parts, address literals);
     * {@code format: email} is not used, as validators disagree on what it admits.
     */
    static final String EMAIL_PATTERN = "^(?=[^@]{1,64}@[^@]{1,255}$)"
            + "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
            + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$";

    static void register(SchemaGeneratorConfigBuilder builder) {
        // before the module, so that these patterns win over its unanchored @Pattern
        builder.forFields().withStringPatternResolver(field -> pattern(
                field.getAnnotationConsideringFieldAndGetter(Pattern.class),
                field.getAnnotationConsideringFieldAndGetter(NotBlank.class) != null,
                field.getAnnotationConsideringFieldAndGetter(Email.class)));
        builder.forFields().withInstanceAttributeOverride((node, field, context) -> {
            if (field.getAnnotationConsideringFieldAndGetter(Email.class) != null) {
                node.remove("format");
            }
        });
        builder.with(new JakartaValidationModule(JakartaValidationOption.INCLUDE_PATTERN_EXPRESSIONS));
    }

    /**
     * The schema pattern of a text constraint. {@code @Pattern} matches the whole text, while a
     * JSON Schema pattern matches anywhere, so the expression is anchored.
     */
    private static String pattern(Pattern pattern, boolean notBlank, Email email) {
        if (pattern != null) {
            return anchored(pattern.regexp());
        }
        if (email != null) {
            return ".*".equals(email.regexp()) ? EMAIL_PATTERN : anchored(email.regexp());
        }
        return notBlank ? NOT_BLANK_PATTERN : null;
    }

    private static String anchored(String regexp) {
        boolean anchored = regexp.startsWith("^") && regexp.endsWith("$") && !regexp.endsWith("\\$");
        return anchored ? regexp : "^(?:" + regexp + ")$";
    }

    /**
     * Adds the keywords for the constraints on the elements of a method parameter's container type,
     * as victools does for a field's: {@code List<@Size(max = 3) String>} gives the array's
     * {@code items} a {@code maxLength}, a map's values go to {@code additionalProperties}, an
     * array's components to {@code items}, and an {@code Optional}'s content to the parameter's
     * own schema, which describes the content. Nested containers are followed.
     *
     * @param node the parameter's schema
     * @param type the parameter's annotated type
     */
    static void applyToElements(ObjectNode node, AnnotatedType type) {
        AnnotatedType element = null;
        JsonNode target = null;
        if (type instanceof AnnotatedArrayType array) {
            element = array.getAnnotatedGenericComponentType();
            target = node.get("items");
        } else if (type instanceof AnnotatedParameterizedType parameterized) {
            Class<?> raw = Types.raw(parameterized.getType());
            AnnotatedType[] arguments = parameterized.getAnnotatedActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw) && arguments.length == 1) {
                element = arguments[0];
                target = node.get("items");
            } else if (Map.class.isAssignableFrom(raw) && arguments.length == 2) {
                element = arguments[1];
                target = node.get("additionalProperties");
            } else if (raw == Optional.class && arguments.length == 1) {
                element = arguments[0];
                target = node;
            }
        }
        if (target instanceof ObjectNode elementNode) {
            applyToParameter(elementNode, element, Types.raw(element.getType()));
            applyToElements(elementNode, element);
        }
    }

    /**
     * Adds the keywords for the constraints on a method parameter.
     *
     * @param node the parameter's property schema
     * @param parameter the annotated parameter
     * @param type the erased type the schema describes
     */
    public static void applyToParameter(ObjectNode node, AnnotatedElement parameter, Class<?> type) {
        Size size = parameter.getAnnotation(Size.class);
        boolean notEmpty = parameter.isAnnotationPresent(NotEmpty.class);
        if (CharSequence.class.isAssignableFrom(type)) {
            bounds(node, "minLength", "maxLength", size, notEmpty || parameter.isAnnotationPresent(NotBlank.class));
            String pattern = pattern(parameter.getAnnotation(Pattern.class),
                    parameter.isAnnotationPresent(NotBlank.class), parameter.getAnnotation(Email.class));
            if (pattern != null) {
                node.put("pattern", pattern);
            }
        } else if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            bounds(node, "minItems", "maxItems", size, notEmpty);
        } else if (Map.class.isAssignableFrom(type)) {
            bounds(node, "minProperties", "maxProperties", size, notEmpty);
        }
        Min min = parameter.getAnnotation(Min.class);
        DecimalMin decimalMin = parameter.getAnnotation(DecimalMin.class);
        if (min != null) {
            node.put("minimum", new BigDecimal(min.value()));
        } else if (decimalMin != null && decimalMin.inclusive()) {
            node.put("minimum", new BigDecimal(decimalMin.value()));
        } else if (parameter.isAnnotationPresent(PositiveOrZero.class)) {
            node.put("minimum", BigDecimal.ZERO);
        }
        if (decimalMin != null && !decimalMin.inclusive()) {
            node.put("exclusiveMinimum", new BigDecimal(decimalMin.value()));
        } else if (parameter.isAnnotationPresent(Positive.class)) {
            node.put("exclusiveMinimum", BigDecimal.ZERO);
        }
        Max max = parameter.getAnnotation(Max.class);
        DecimalMax decimalMax = parameter.getAnnotation(DecimalMax.class);
        if (max != null) {
            node.put("maximum", new BigDecimal(max.value()));
        } else if (decimalMax != null && decimalMax.inclusive()) {
            node.put("maximum", new BigDecimal(decimalMax.value()));
        } else if (parameter.isAnnotationPresent(NegativeOrZero.class)) {
            node.put("maximum", BigDecimal.ZERO);
        }
        if (decimalMax != null && !decimalMax.inclusive()) {
            node.put("exclusiveMaximum", new BigDecimal(decimalMax.value()));
        } else if (parameter.isAnnotationPresent(Negative.class)) {
            node.put("exclusiveMaximum", BigDecimal.ZERO);
        }
    }

    private static void bounds(ObjectNode node, String minKeyword, String maxKeyword, Size size, boolean nonEmpty) {
        if (size != null && size.min() > 0) {
            node.put(minKeyword, size.min());
        } else if (nonEmpty) {
            node.put(minKeyword, 1);
        }
        if (size != null && size.max() < Integer.MAX_VALUE) {
            node.put(maxKeyword, size.max());
        }
    }
}
