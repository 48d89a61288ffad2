package ai.fonella.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Closes the loop between schema and binding: arguments that an independent validator accepts under
 * a tool's schema bind to its method and reach it intact, and arguments it rejects for a missing or
 * mistyped property are rejected by the invoker with a message naming that property.
 */
class SchemaBindingTests {

    private static final SchemaFixtures FIXTURES = new SchemaFixtures();
    private static final ToolInvoker INVOKER = ToolInvoker.builder().build();
    private static final JsonMapper JSON = JsonMapper.shared();

    @AfterAll
    static void close() {
        INVOKER.close();
    }

    static Stream<Arguments> validExamples() {
        return Stream.of(
                Arguments.of("scalars", """
                        {"text":"hi","count":1,"big":9007199254740993,"ratio":0.5,"fraction":1.5,"flag":true,
                         "small":-2,"tiny":7,"letter":"x","boxedCount":2,"boxedBig":3,"boxedRatio":2.25,
                         "boxedFlag":false,"amount":12.30,"huge":123456789012345678901234567890}""",
                        "hi|1|9007199254740993|0.5|1.5|true|-2|7|x|2|3|2.25|false|12.30|123456789012345678901234567890"),
                Arguments.of("optionals", "{\"always\":\"a\",\"requiredOptional\":\"r\"}",
                        "a|-|-|null|null|null|r|0"),
                Arguments.of("optionals", """
                        {"always":"a","note":"n","count":3,"jspecify":"j","declared":"d","optionalByAnnotation":"o",
                         "requiredOptional":"r","optionalPrimitive":9}""", "a|n|3|j|d|o|r|9"),
                Arguments.of("enums", "{\"color\":\"dark-green\",\"size\":\"l\",\"palette\":[\"RED\",\"BLUE\"]}",
                        "GREEN|LARGE|[RED, BLUE]"),
                Arguments.of("descriptions", """
                        {"first":"1","second":"2","third":"3","renamed":"4","jsonRenamed":"5"}""", "1|2|3|4|5"),
                Arguments.of("collections", """
                        {"tags":["a"],"ids":[1,2],"names":["x","y"],"numbers":[1,2,3],"matrix":[["a","b"],[]],
                         "counts":{"a":1},"groups":{"g":["m"]}}""", "[a]|[1, 2]|[x, y]|3|[[a, b], []]|{a=1}|{g=[m]}"),
                Arguments.of("dates", """
                        {"id":"123e4567-e89b-12d3-a456-426614174000","day":"2026-11-24","time":"10:15:30",
                         "offsetDateTime":"2026-11-24T10:15:30+01:00","instant":"2026-11-24T09:15:30Z",
                         "zoned":"2026-11-24T10:15:30+01:00","local":"2026-11-24T10:15","duration":"PT15M"}""",
                        "123e4567-e89b-12d3-a456-426614174000|2026-11-24|10:15:30|2026-11-24T10:15:30+01:00|"
                                + "2026-11-24T09:15:30Z|2026-11-24T10:15:30+01:00|2026-11-24T10:15|PT15M"),
                Arguments.of("flattened", """
                        {"name":"Ada","phoneNumber":"+41791234567","partySize":4,"at":"2026-11-24T19:30:00",
                         "address":{"street":"Main 1","zip":"8000","city":"Zurich"},"colors":["RED"]}""",
                        "Ada|+41791234567|4|2026-11-24T19:30|-|Zurich|[RED]"),
                Arguments.of("wrapped", """
                        {"booking":{"name":"Ada","phoneNumber":"+41","partySize":2,"at":"2026-11-24T19:30",
                         "colors":[]}}""", "Ada"),
                Arguments.of("bean", "{\"name\":\"Ada\",\"age\":36,\"level\":2}", "Ada|36|2"),
                Arguments.of("recordAndScalar", """
                        {"address":{"street":"Main 1","zip":"8000","city":"Zurich","floor":"3"},"note":"ring"}""",
                        "Zurich|ring"),
                Arguments.of("shared", """
                        {"home":{"street":"a","zip":"1","city":"Bern"},"work":{"street":"b","zip":"2","city":"Basel"},
                         "first":"RED","second":"BLUE"}""", "Bern|Basel|RED|BLUE"),
                Arguments.of("recursive", """
                        {"name":"root","children":[{"name":"leaf","children":[]}]}""", "root|1"),
                Arguments.of("recursiveParameter", "{\"category\":{\"name\":\"root\",\"children\":[]},\"depth\":2}",
                        "root|2"),
                Arguments.of("constraints", """
                        {"code":"A1","quantity":3,"amount":9.5,"tip":0,"phone":"+41791234567",
                         "email":"ada@example.com","items":["x"],"labels":{"k":"v"}}""",
                        "A1|3|9.5|0|+41791234567|ada@example.com|[x]|{k=v}"),
                Arguments.of("constrainedRecord", """
                        {"code":"A1","quantity":3,"email":"ada@example.com","tags":["t"]}""", "A1|3"),
                Arguments.of("context", "{\"query\":\"shoes\"}", "shoes|null|true"),
                Arguments.of("noParameters", "{}", "none"));
    }

    static Stream<Arguments> invalidExamples() {
        return Stream.of(
                Arguments.of("scalars", "{\"text\":\"hi\"}", "count"),
                Arguments.of("optionals", "{\"always\":\"a\"}", "requiredOptional"),
                Arguments.of("enums", "{\"color\":\"RED\",\"size\":\"medium\",\"palette\":[]}", "size"),
                Arguments.of("collections", """
                        {"tags":"not a list","ids":[],"names":[],"numbers":[],"matrix":[],"counts":{},"groups":{}}""",
                        "tags"),
                Arguments.of("dates", """
                        {"id":"123e4567-e89b-12d3-a456-426614174000","day":"2026-11-24","time":"10:15:30",
                         "offsetDateTime":"2026-11-24T10:15:30+01:00","instant":"2026-11-24T09:15:30Z",
                         "zoned":"2026-11-24T10:15:30+01:00","local":"tomorrow evening","duration":"PT15M"}""",
                        "local"),
                Arguments.of("flattened", """
                        {"name":"Ada","phoneNumber":"+41","partySize":"four","at":"2026-11-24T19:30","colors":[]}""",
                        "partySize"),
                Arguments.of("flattened", """
                        {"name":"Ada","phoneNumber":"+41","partySize":4,"at":"2026-11-24T19:30","colors":[],
                         "address":{"street":"Main 1","city":"Zurich"}}""", "address.zip"),
                Arguments.of("recursive", "{\"name\":\"root\",\"children\":[{\"children\":[]}]}", "children[0].name"),
                Arguments.of("shared", """
                        {"home":{"street":"a","zip":"1","city":"Bern"},"work":{"street":"b","city":"Basel"},
                         "first":"RED","second":"BLUE"}""", "work.zip"),
                Arguments.of("bean", "{\"name\":\"Ada\",\"age\":\"old\",\"level\":1}", "age"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("validExamples")
    void bindsArgumentsTheSchemaAcceptsAndPassesThemIntact(String tool, String json, String expected) {
        ToolDefinition definition = definition(tool);
        JsonNode arguments = JSON.readTree(json);

        assertThat(JsonSchemas.violations(definition.inputSchema(), arguments)).as("valid under the schema").isEmpty();
        ToolOutcome outcome = INVOKER.invoke(prepare(definition), ToolArguments.json(json), ToolCallContext.empty());
        assertThat(outcome.status()).as(outcome.result()).isEqualTo(ToolOutcome.Status.SUCCESS);
        assertThat(outcome.result()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("invalidExamples")
    void rejectsArgumentsTheSchemaRejectsNamingTheArgument(String tool, String json, String argument) {
        ToolDefinition definition = definition(tool);
        JsonNode arguments = JSON.readTree(json);

        List<String> violations = JsonSchemas.violations(definition.inputSchema(), arguments);
        assertThat(violations).as("invalid under the schema").isNotEmpty();
        ToolOutcome outcome = INVOKER.invoke(prepare(definition), ToolArguments.json(json), ToolCallContext.empty());
        assertThat(outcome.status()).isEqualTo(ToolOutcome.Status.BAD_ARGUMENTS);
        assertThat(outcome.result()).startsWith("The argument '" + argument + "' ");
    }

    @Test
    void anEnumBindsToTheSameConstantEveryTimeAndItsCaseVariantsStayRefused() {
        InvocableTool tool = prepare(definition("enums"));
        for (int i = 0; i < 3; i++) { // the first call reads the constants, later ones find them again
            ToolOutcome outcome = INVOKER.invoke(tool,
                    ToolArguments.json("{\"color\":\"dark-green\",\"size\":\"l\",\"palette\":[\"RED\"]}"),
                    ToolCallContext.empty());
            assertThat(outcome.status()).as(outcome.result()).isEqualTo(ToolOutcome.Status.SUCCESS);
            assertThat(outcome.result()).isEqualTo("GREEN|LARGE|[RED]");
            ToolOutcome variant = INVOKER.invoke(tool,
                    ToolArguments.json("{\"color\":\"Dark-Green\",\"size\":\"l\",\"palette\":[]}"),
                    ToolCallContext.empty());
            assertThat(variant.status()).isEqualTo(ToolOutcome.Status.BAD_ARGUMENTS);
            assertThat(variant.result()).startsWith("The argument 'color' ");
        }
    }

    private static ToolDefinition definition(String tool) {
        return ToolDefinitions.findToolMethods(SchemaFixtures.class).stream()
                .filter(m -> m.getName().equals(tool)).findFirst()
                .map(m -> ToolDefinitions.of(SchemaFixtures.class, m))
                .orElseThrow(() -> new AssertionError("no fixture " + tool));
    }

    private static InvocableTool prepare(ToolDefinition definition) {
        return INVOKER.prepare(definition, FIXTURES);
    }
}
