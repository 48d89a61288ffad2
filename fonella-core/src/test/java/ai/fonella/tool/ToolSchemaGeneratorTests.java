package ai.fonella.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pins the generated schemas with golden files. Regenerate them after an intended change with
 * {@code mvn -pl fonella-core test -Dtest=ToolSchemaGeneratorTests -Dfonella.golden.update=true}
 * and review the diff.
 */
class ToolSchemaGeneratorTests {

    private static final boolean UPDATE = Boolean.getBoolean("fonella.golden.update");

    static Stream<Method> fixtures() {
        return Arrays.stream(SchemaFixtures.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(FonellaTool.class))
                .sorted(Comparator.comparing(Method::getName));
    }

    private static ObjectNode schemaOf(Method method) {
        return ToolSchemaGenerator.standard().inputSchema(SchemaFixtures.class, method);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void matchesItsGoldenFile(Method method) throws IOException {
        String actual = ToolSchemaGenerator.toPrettyJson(schemaOf(method)) + "\n";
        String file = "schemas/" + method.getName() + ".json";
        if (UPDATE) {
            Path path = Path.of("src/test/resources", file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, actual, StandardCharsets.UTF_8);
        }
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(file)) {
            if (in == null) {
                fail("No golden file " + file + "; run with -Dfonella.golden.update=true to create it, then review it.");
            }
            String expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
            assertThat(actual).as("schema of %s (golden file %s)", method.getName(), file).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void isValidUnderTheDraft202012MetaSchema(Method method) {
        assertThat(JsonSchemas.metaSchemaViolations(schemaOf(method))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void resolvesEveryReferenceWithinItself(Method method) {
        assertThat(JsonSchemas.unresolvedReferences(schemaOf(method))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void hasTheContractualTopLevelShape(Method method) {
        ObjectNode schema = schemaOf(method);
        assertThat(schema.get("type").stringValue()).isEqualTo("object");
        assertThat(schema.get("properties").isObject()).isTrue();
        assertThat(schema.get("required").isArray()).isTrue();
        assertThat(schema.get("additionalProperties").booleanValue()).isFalse();
        assertThat(schema.has("$schema")).as("$schema is deliberately left out").isFalse();
        assertThat(schema.propertyNames()).first().isEqualTo("type");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void isByteIdenticalEveryTimeAndThroughToolDefinitions(Method method) {
        String first = ToolSchemaGenerator.toJson(schemaOf(method));
        String second = ToolSchemaGenerator.toJson(schemaOf(method));
        String viaDefinition = ToolSchemaGenerator.toJson(ToolDefinitions.of(SchemaFixtures.class, method).inputSchema());
        assertThat(second).isEqualTo(first);
        assertThat(viaDefinition).isEqualTo(first);
    }

    @Test
    void leavesContextParametersOutOfTheSchema() throws NoSuchMethodException {
        ObjectNode schema = schemaOf(fixture("context"));
        assertThat(schema.get("properties").propertyNames()).containsExactly("query");
        assertThat(schema.get("required").toString()).isEqualTo("[\"query\"]");
    }

    @Test
    void flattensALoneRecordParameterIntoTopLevelProperties() throws NoSuchMethodException {
        ObjectNode schema = schemaOf(fixture("flattened"));
        assertThat(schema.get("properties").propertyNames())
                .containsExactly("name", "phoneNumber", "partySize", "at", "wishes", "address", "colors");
        assertThat(schema.get("required").toString())
                .isEqualTo("[\"name\",\"phoneNumber\",\"partySize\",\"at\",\"colors\"]");
    }

    @Test
    void keepsALoneRecordWrappedWhenItIsExplicitlyNamed() throws NoSuchMethodException {
        ObjectNode schema = schemaOf(fixture("wrapped"));
        assertThat(schema.get("properties").propertyNames()).containsExactly("booking");
        assertThat(schema.at("/properties/booking/description").stringValue()).isEqualTo("The booking");
    }

    @Test
    void neverDescribesALocalDateTimeAsDateTimeFormat() throws NoSuchMethodException {
        JsonNode local = schemaOf(fixture("dates")).at("/properties/local");
        assertThat(local.has("format")).isFalse();
        assertThat(local.get("pattern").stringValue()).isNotBlank();
        assertThat(schemaOf(fixture("dates")).at("/properties/offsetDateTime/format").stringValue())
                .isEqualTo("date-time");
    }

    @Test
    void usesTheValuesJacksonWritesForEnums() throws NoSuchMethodException {
        ObjectNode schema = schemaOf(fixture("enums"));
        assertThat(schema.toString()).contains("[\"RED\",\"dark-green\",\"BLUE\"]").contains("[\"s\",\"l\"]");
    }

    @Test
    void appliesTheSameRequiredRulesToNestedRecordComponents() throws NoSuchMethodException {
        JsonNode address = schemaOf(fixture("shared")).at("/$defs/Address");
        assertThat(address.get("required").toString()).isEqualTo("[\"street\",\"zip\",\"city\"]");
        assertThat(address.get("properties").propertyNames())
                .containsExactly("street", "zip", "city", "floor", "careOf", "note");
    }

    private static Method fixture(String name) throws NoSuchMethodException {
        return fixtures().filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchMethodException(name));
    }
}
