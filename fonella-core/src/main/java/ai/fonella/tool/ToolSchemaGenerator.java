package ai.fonella.tool;

import ai.fonella.internal.Types;
import com.github.victools.jsonschema.generator.SchemaBuilder;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates the {@code inputSchema} of a tool from its method's parameters, with victools
 * jsonschema-generator. Thread-safe; {@link #standard()} is the instance every Fonella component
 * uses, so the starter and the Maven plugin produce byte-identical schemas.
 *
 * <h2>Shape</h2>
 * <pre>{@code
 * {"type":"object","properties":{...},"required":[...],"additionalProperties":false,"$defs":{...}}
 * }</pre>
 * <ul>
 * <li>Draft 2020-12 vocabulary ({@code $defs}, {@code $ref: "#/$defs/Name"}). {@code $schema} is
 * <b>not</b> included: the schema is handed to a language model, and several model APIs reject or
 * ignore unknown top-level keywords. Validators should assume {@link #DIALECT}.</li>
 * <li>One property per parameter, in parameter order, named by {@code @ToolParam(name)}, else
 * {@code @JsonProperty}, else the parameter name (compile with {@code -parameters}).
 * {@link ai.fonella.tool.ToolCallContext} parameters are injected and never appear.</li>
 * <li>When the only argument parameter is a record or bean (and carries no explicit
 * {@code @ToolParam(name)}), its properties are the top-level properties.</li>
 * <li>{@code required} is always present at the top level (possibly empty); an argument or nested
 * property is required unless its type is an {@code Optional}, it is annotated {@code @Nullable}, or
 * {@code @ToolParam(required = OPTIONAL)}; in Kotlin, unless its type is nullable or it has a default
 * value (read with Kotlin reflection; a {@code suspend} function's continuation is no argument).
 * Nothing is declared nullable.</li>
 * <li>Objects are closed ({@code additionalProperties: false}); {@code Map<String, T>} is an object
 * whose {@code additionalProperties} is the schema of {@code T}. A type used more than once, or
 * recursively, is a definition in the root {@code $defs}; others are inlined.</li>
 * <li>Enums are the strings Jackson writes ({@code @JsonProperty}, {@code @JsonValue}). UUID is
 * {@code format: uuid}; {@code LocalDate} {@code date}; {@code LocalTime} and {@code OffsetTime}
 * {@code time}; {@code OffsetDateTime}, {@code ZonedDateTime}, {@code Instant} {@code date-time};
 * {@code Duration} and {@code Period} {@code duration}; {@code LocalDateTime} a string with a
 * {@code pattern} (it has no offset, so never {@code date-time}).</li>
 * <li>Descriptions from {@code @ToolParam(description)}, else {@code @JsonPropertyDescription};
 * Jakarta Validation constraints ({@code @NotBlank}, {@code @Size}, {@code @Min}, {@code @Max},
 * {@code @Positive}, {@code @Pattern}, {@code @Email}, ...) become keywords when
 * {@code jakarta.validation-api} is on the class path.</li>
 * <li>Deterministic: the same method gives byte-identical {@link #toJson(JsonNode)} output. A
 * method's schema is generated once per tool class by {@link ToolDefinitions} and then copied.</li>
 * </ul>
 */
public final class ToolSchemaGenerator {

    /** The JSON Schema dialect of generated schemas, for validators; not written into them. */
    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private static final String DEFS = "$defs";

    private final JsonMapper mapper;
    private final SchemaGenerator generator;

    private ToolSchemaGenerator(JsonMapper mapper) {
        this.mapper = mapper;
        this.generator = VictoolsGenerator.create(mapper);
    }

    /**
     * The shared generator, created on first use.
     *
     * @return the generator
     */
    public static ToolSchemaGenerator standard() {
        return Holder.INSTANCE;
    }

    /**
     * The input schema of a tool method.
     *
     * @param toolClass the class the method belongs to (it may be a subclass of the declaring class;
     *     type variables are resolved against it)
     * @param method the tool method
     * @return a new schema object the caller may keep
     * @throws ToolDefinitionException when a parameter has no name or cannot be bound
     */
    public ObjectNode inputSchema(Class<?> toolClass, Method method) {
        return inputSchema(ToolParameters.of(toolClass, method));
    }

    /** The input schema for an analysed method. */
    ObjectNode inputSchema(ToolParameters parameters) {
        if (parameters.flattened()) {
            ToolParameters.Param param = parameters.arguments().get(0);
            ObjectNode generated;
            synchronized (generator) {
                generated = generator.generateSchema(param.type());
            }
            return root(generated, param.description());
        }
        List<ToolParameters.Param> arguments = parameters.arguments();
        List<ObjectNode> nodes = new ArrayList<>(arguments.size());
        ObjectNode definitions;
        synchronized (generator) {
            SchemaBuilder builder = generator.buildMultipleSchemaDefinitions();
            for (ToolParameters.Param param : arguments) {
                nodes.add(builder.createSchemaReference(param.schemaType()));
            }
            definitions = builder.collectDefinitions(DEFS);
        }
        ObjectNode properties = mapper.createObjectNode();
        ArrayNode required = mapper.createArrayNode();
        for (int i = 0; i < arguments.size(); i++) {
            ToolParameters.Param param = arguments.get(i);
            ObjectNode node = nodes.get(i);
            if (JakartaSupport.PRESENT) {
                JakartaSupport.applyToParameter(node, param.parameter(), Types.raw(param.schemaType()));
                JakartaSupport.applyToElements(node, param.parameter().getAnnotatedType());
            }
            properties.set(param.name(), withDescription(node, param.description()));
            if (param.required()) {
                required.add(param.name());
            }
        }
        ObjectNode root = mapper.createObjectNode();
        root.put("type", "object");
        root.set("properties", properties);
        root.set("required", required);
        root.put("additionalProperties", false);
        if (!definitions.isEmpty()) {
            root.set(DEFS, definitions);
        }
        return root;
    }

    /**
     * The schema of one type, with the same rules as tool arguments, e.g. to document a record.
     *
     * @param type the type
     * @return a new schema object
     */
    public ObjectNode typeSchema(Type type) {
        synchronized (generator) {
            return generator.generateSchema(type);
        }
    }

    /**
     * The canonical compact JSON of a schema: what is compared and sent.
     *
     * @param schema the schema
     * @return compact JSON
     */
    public static String toJson(JsonNode schema) {
        return ToolJson.mapper().writeValueAsString(schema);
    }

    /**
     * Pretty-printed JSON of a schema, for humans and golden files.
     *
     * @param schema the schema
     * @return indented JSON
     */
    public static String toPrettyJson(JsonNode schema) {
        return ToolJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(schema);
    }

    private ObjectNode root(ObjectNode generated, String description) {
        ObjectNode root = mapper.createObjectNode();
        root.put("type", "object");
        if (description != null) {
            root.put("description", description);
        } else if (generated.has("description")) {
            root.set("description", generated.get("description"));
        }
        root.set("properties", generated.has("properties") ? generated.get("properties") : mapper.createObjectNode());
        root.set("required", generated.has("required") ? generated.get("required") : mapper.createArrayNode());
        root.put("additionalProperties", false);
        for (Map.Entry<String, JsonNode> entry : generated.properties()) {
            if (!root.has(entry.getKey()) && !entry.getKey().equals(DEFS)) {
                root.set(entry.getKey(), entry.getValue());
            }
        }
        if (generated.has(DEFS)) {
            root.set(DEFS, generated.get(DEFS));
        }
        return root;
    }

    /** Puts the description right after {@code type} or {@code $ref}, replacing any from the type. */
    private ObjectNode withDescription(ObjectNode node, String description) {
        if (description == null) {
            return node;
        }
        ObjectNode result = mapper.createObjectNode();
        boolean placed = false;
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (entry.getKey().equals("description")) {
                continue;
            }
            result.set(entry.getKey(), entry.getValue());
            if (!placed && (entry.getKey().equals("type") || entry.getKey().equals("$ref"))) {
                result.put("description", description);
                placed = true;
            }
        }
        if (!placed) {
            result.put("description", description);
        }
        return result;
    }

    private static final class Holder {
        static final ToolSchemaGenerator INSTANCE = new ToolSchemaGenerator(ToolJson.mapper());
    }
}
