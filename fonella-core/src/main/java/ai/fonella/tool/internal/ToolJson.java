package ai.fonella.tool.internal;

import ai.fonella.tool.ToolParam;
import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.AnnotationIntrospector;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyName;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.NopAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Jackson configuration for tool arguments, results and schemas. Not part of the public API.
 *
 * <p>Arguments: unknown properties are ignored (the assistant sometimes adds some; the schema
 * already forbids them, so well-behaved callers never send any), enums are matched
 * case-insensitively and never from numbers, {@code null} for a primitive fails, date-times keep the
 * offset the caller gave (not adjusted to UTC). Results: {@code null}
 * fields are omitted. {@link ToolParam#name()} on a field or record component renames the JSON
 * property, exactly as it renames the schema property.
 */
public final class ToolJson {

    private static final JsonMapper MAPPER = configure(JsonMapper.builder()).build();

    private ToolJson() {
    }

    /**
     * The shared mapper.
     *
     * @return the mapper
     */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /**
     * Applies the tool settings to a builder.
     *
     * @param builder a builder
     * @return the same builder
     */
    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return withToolParamNames(builder)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .changeDefaultPropertyInclusion(incl -> incl
                        .withValueInclusion(JsonInclude.Include.NON_NULL)
                        .withContentInclusion(JsonInclude.Include.NON_NULL));
    }

    /**
     * Makes a builder honour {@link ToolParam#name()} on fields and record components, ahead of its
     * current annotation introspector.
     *
     * @param builder a builder
     * @return the same builder
     */
    public static JsonMapper.Builder withToolParamNames(JsonMapper.Builder builder) {
        AnnotationIntrospector current = builder.annotationIntrospector();
        if (current instanceof ToolParamIntrospector || containsToolParamIntrospector(current)) {
            return builder;
        }
        return builder.annotationIntrospector(AnnotationIntrospector.pair(new ToolParamIntrospector(), current));
    }

    private static boolean containsToolParamIntrospector(AnnotationIntrospector introspector) {
        if (introspector == null) {
            return false;
        }
        for (AnnotationIntrospector each : introspector.allIntrospectors()) {
            if (each instanceof ToolParamIntrospector) {
                return true;
            }
        }
        return false;
    }

    /** Reads {@link ToolParam#name()} as the property name. */
    static final class ToolParamIntrospector extends NopAnnotationIntrospector {

        private static final long serialVersionUID = 1L;

        @Override
        public PropertyName findNameForDeserialization(MapperConfig<?> config, Annotated a) {
            return name(a);
        }

        @Override
        public PropertyName findNameForSerialization(MapperConfig<?> config, Annotated a) {
            return name(a);
        }

        private static PropertyName name(Annotated a) {
            ToolParam toolParam = a.getAnnotation(ToolParam.class);
            String name = toolParam == null ? null : Annotations.text(toolParam.name());
            return name == null ? null : PropertyName.construct(name);
        }
    }
}
