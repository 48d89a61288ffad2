package ai.fonella.tool;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes one argument of a {@link FonellaTool}: a method parameter, or a record component or
 * field of a type used as an argument.
 *
 * <pre>{@code
 * record Callback(@ToolParam(description = "E.164 phone number") String phone,
 *                 @ToolParam(description = "Preferred time, if the caller named one",
 *                            required = ToolParam.Requirement.OPTIONAL) LocalTime at) { }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface ToolParam {

    /**
     * The argument name in the schema and in the JSON arguments. Defaults to the parameter,
     * component or field name (or its {@code @JsonProperty} name).
     *
     * <p>On the only parameter of a tool whose type is a record or bean, an explicit name keeps the
     * argument wrapped under that name instead of flattening its properties to the top level.
     *
     * @return the argument name, or empty for the default
     */
    String name() default "";

    /**
     * Tells the assistant what to pass. Takes precedence over Jackson's
     * {@code @JsonPropertyDescription}.
     *
     * @return the description, or empty for none
     */
    String description() default "";

    /**
     * Whether the assistant must pass the argument. {@link Requirement#INFER} (the default) makes
     * it required unless its type is {@code Optional}, {@code OptionalInt}, {@code OptionalLong},
     * {@code OptionalDouble} or it is annotated {@code @Nullable} (any annotation with that simple
     * name, such as JSpecify's or {@code jakarta.annotation.Nullable}).
     *
     * @return whether the argument is required
     */
    Requirement required() default Requirement.INFER;

    /** Whether an argument must be passed. */
    enum Requirement {

        /** Required unless the type is an {@code Optional} or annotated {@code @Nullable}. */
        INFER,

        /** Always required. */
        REQUIRED,

        /** Never required: the parameter receives {@code null}, an empty {@code Optional} or a default. */
        OPTIONAL
    }
}
