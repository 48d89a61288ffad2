package ai.fonella.schema.internal;

import com.fasterxml.classmate.ResolvedType;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomDefinitionProviderV2;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import java.time.LocalDateTime;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Schemas victools would get wrong or leave vague for tool arguments. Not part of the public API.
 * <ul>
 * <li>Enums: the values Jackson actually writes (so {@code @JsonProperty}, {@code @JsonValue} and
 * the mapper's enum features are honoured exactly as binding honours them).</li>
 * <li>{@code byte}/{@code short}: integers with their range; {@code char}: one-character text.</li>
 * <li>{@link LocalDateTime}: text with a pattern, never {@code format: date-time}, which requires
 * an offset that a local date-time does not have.</li>
 * <li>Jackson trees: any JSON, an object or an array.</li>
 * </ul>
 */
final class FixedTypeDefinitions implements CustomDefinitionProviderV2 {

    /** ISO-8601 local date-time as Jackson reads it: seconds and fraction optional, no offset. */
    static final String LOCAL_DATE_TIME_PATTERN =
            "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?$";

    private final JsonMapper mapper;

    FixedTypeDefinitions(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public CustomDefinition provideCustomSchemaDefinition(ResolvedType javaType, SchemaGenerationContext context) {
        Class<?> raw = javaType.getErasedType();
        if (raw.isEnum()) {
            return new CustomDefinition(enumSchema(raw), CustomDefinition.DefinitionType.STANDARD,
                    CustomDefinition.AttributeInclusion.YES);
        }
        ObjectNode node = mapper.createObjectNode();
        if (raw == byte.class || raw == Byte.class) {
            node.put("type", "integer").put("minimum", Byte.MIN_VALUE).put("maximum", Byte.MAX_VALUE);
        } else if (raw == short.class || raw == Short.class) {
            node.put("type", "integer").put("minimum", Short.MIN_VALUE).put("maximum", Short.MAX_VALUE);
        } else if (raw == char.class || raw == Character.class) {
            node.put("type", "string").put("minLength", 1).put("maxLength", 1);
        } else if (raw == LocalDateTime.class) {
            node.put("type", "string").put("pattern", LOCAL_DATE_TIME_PATTERN);
        } else if (ObjectNode.class.isAssignableFrom(raw)) {
            node.put("type", "object");
        } else if (ArrayNode.class.isAssignableFrom(raw)) {
            node.put("type", "array");
        } else if (JsonNode.class.isAssignableFrom(raw)) {
            // any JSON value: the empty schema
        } else {
            return null;
        }
        return new CustomDefinition(node, CustomDefinition.DefinitionType.INLINE,
                CustomDefinition.AttributeInclusion.YES);
    }

    private ObjectNode enumSchema(Class<?> enumType) {
        ArrayNode values = mapper.createArrayNode();
        boolean allText = true;
        boolean allIntegers = true;
        for (Object constant : enumType.getEnumConstants()) {
            JsonNode value = mapper.valueToTree(constant);
            values.add(value);
            allText &= value.isString();
            allIntegers &= value.isIntegralNumber();
        }
        ObjectNode node = mapper.createObjectNode();
        if (allText) {
            node.put("type", "string");
        } else if (allIntegers) {
            node.put("type", "integer");
        }
        node.set("enum", values);
        return node;
    }
}
