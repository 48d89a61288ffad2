package ai.fonella.tool;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** An independent JSON Schema 2020-12 validator (networknt) for the tests. */
public final class JsonSchemas {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Schema META_SCHEMA = REGISTRY.getSchema(SchemaLocation.of(ToolSchemaGenerator.DIALECT));

    private JsonSchemas() {
    }

    /**
     * Validates a schema against the 2020-12 meta-schema.
     *
     * @param schema the schema
     * @return the violations, empty when valid
     */
    public static List<String> metaSchemaViolations(JsonNode schema) {
        return messages(META_SCHEMA.validate(schema));
    }

    /**
     * Validates an instance against a generated schema.
     *
     * @param schema the schema
     * @param instance the instance
     * @return the violations, empty when valid
     */
    public static List<String> violations(JsonNode schema, JsonNode instance) {
        return messages(REGISTRY.getSchema(schema).validate(instance));
    }

    /**
     * Finds every {@code $ref} that does not resolve within the schema.
     *
     * @param schema the schema
     * @return the unresolved references
     */
    public static List<String> unresolvedReferences(JsonNode schema) {
        List<String> unresolved = new ArrayList<>();
        collect(schema, schema, unresolved);
        return unresolved;
    }

    private static void collect(JsonNode node, JsonNode root, List<String> unresolved) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                if (entry.getKey().equals("$ref")) {
                    String ref = entry.getValue().stringValue();
                    boolean resolves = ref.equals("#") || (ref.startsWith("#/$defs/") && root.has("$defs")
                            && root.get("$defs").has(ref.substring("#/$defs/".length())));
                    if (!resolves) {
                        unresolved.add(ref);
                    }
                } else {
                    collect(entry.getValue(), root, unresolved);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                collect(item, root, unresolved);
            }
        }
    }

    private static List<String> messages(List<Error> errors) {
        return errors.stream().map(Error::toString).toList();
    }
}
