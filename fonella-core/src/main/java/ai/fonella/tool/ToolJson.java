package ai.fonella.tool;

import ai.fonella.internal.KotlinSupport;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.AnnotationIntrospector;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.node.ObjectNode;
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
 * <p>Arguments: unknown properties are ignored by Jackson (the schema check has named them before),
 * enums never bind from numbers, {@code null} for a primitive fails, date-times keep the offset the
 * caller gave (not adjusted to UTC). Results: {@code null}
 * fields are omitted. {@link ToolParam#name()} on a field or record component renames the JSON
 * property, exactly as it renames the schema property.
 */
final class ToolJson {

    private static final JsonMapper MAPPER = configure(JsonMapper.builder()).build();

    /**
     * The one reader of argument JSON: numbers keep their exact decimal text until bound (a
     * {@code BigDecimal} must not pass through {@code double}), a repeated property name at any depth
     * and anything after the value are errors.
     */
    private static final ObjectReader ARGUMENTS = MAPPER.readerFor(JsonNode.class)
            .with(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY) // checked while building the tree, for free
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final VarHandle EIGHT_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

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
     * Reads an arguments object from UTF-8 bytes; refuses malformed UTF-8 (overlong forms, lone
     * surrogates, truncated sequences) instead of repairing it.
     *
     * @param body the bytes
     * @return the object; empty for a blank body or JSON {@code null}
     * @throws ToolArgumentException in words a caller can act on
     */
    static ObjectNode readArguments(byte[] body) {
        if (!isUtf8(body)) {
            throw new ToolArgumentException(null, "The arguments are not valid UTF-8 text; send the JSON object "
                    + "encoded as UTF-8.", null);
        }
        if (isBlank(body)) {
            return MAPPER.createObjectNode();
        }
        JsonNode tree;
        try {
            tree = ARGUMENTS.readValue(body);
        } catch (JacksonException e) {
            throw ArgumentMessages.notJson(e);
        }
        return requireObject(tree);
    }

    /**
     * Whether the bytes are well-formed UTF-8 as RFC 3629 defines it: no overlong form, no encoded
     * surrogate, nothing above U+10FFFF, no truncated sequence. (Jackson's own reader lets some of
     * these through as other characters.) Allocates nothing.
     */
    static boolean isUtf8(byte[] bytes) {
        int i = 0;
        while (i + 8 <= bytes.length && ((long) EIGHT_BYTES.get(bytes, i) & 0x8080808080808080L) == 0) {
            i += 8; // eight ASCII bytes at a time: most bodies have nothing else
        }
        while (i < bytes.length) {
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            int lead = b & 0xFF;
            int length;
            int min;
            if (lead >= 0xC2 && lead <= 0xDF) {
                length = 2;
                min = 0x80;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                length = 3;
                min = 0x800;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                length = 4;
                min = 0x10000;
            } else {
                return false; // a continuation byte, an overlong lead (C0, C1) or beyond U+10FFFF (F5..FF)
            }
            if (i + length > bytes.length) {
                return false;
            }
            int codePoint = lead & (0xFF >> (length + 1));
            for (int k = 1; k < length; k++) {
                int next = bytes[i + k] & 0xFF;
                if ((next & 0xC0) != 0x80) {
                    return false;
                }
                codePoint = (codePoint << 6) | (next & 0x3F);
            }
            if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
                return false;
            }
            i += length;
        }
        return true;
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads one JSON value of any kind with the argument reader, e.g. an object-valued query parameter.
     *
     * @param json the text
     * @return the value
     * @throws ToolArgumentException when the text is not JSON
     */
    static JsonNode readValue(String json) {
        try {
            return ARGUMENTS.readValue(json);
        } catch (JacksonException e) {
            throw ArgumentMessages.notJson(e);
        }
    }

    /**
     * The arguments object of a parsed value.
     *
     * @param tree the value; {@code null}, missing or JSON {@code null} mean no arguments
     * @return the object
     * @throws ToolArgumentException when the value is not an object
     */
    static ObjectNode requireObject(JsonNode tree) {
        if (tree == null || tree.isNull() || tree.isMissingNode()) {
            return MAPPER.createObjectNode();
        }
        if (!(tree instanceof ObjectNode object)) {
            throw ArgumentMessages.notAnObject(tree);
        }
        return object;
    }

    /**
     * Applies the tool settings to a builder.
     *
     * @param builder a builder
     * @return the same builder
     */
    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return withToolParamNames(KotlinSupport.withKotlinModule(builder))
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
