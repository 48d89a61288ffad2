package ai.fonella.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.reliability.SchemaInstances.Slot;
import ai.fonella.schema.JsonSchemas;
import ai.fonella.tool.InvocableTool;
import ai.fonella.tool.ToolArgumentException;
import ai.fonella.tool.ToolArguments;
import ai.fonella.tool.ToolCallContext;
import ai.fonella.tool.ToolDefinition;
import ai.fonella.tool.ToolDefinitions;
import ai.fonella.tool.ToolInvoker;
import ai.fonella.tool.ToolOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 8, item 18: the schema a tool registers and the binding of its arguments agree. For
 * arguments generated from the tool's own input schema (and confirmed valid by an independent
 * JSON Schema 2020-12 validator), binding succeeds and the values arrive; for arguments that
 * violate {@code required} (absent or {@code null}) or a type, binding fails with a message naming
 * the parameter by its path, e.g. {@code lines[1].quantity}.
 *
 * <p>"Violates a type" means a value of a JSON kind that has no faithful reading as the declared
 * type: an object or array for a scalar, a scalar for an object or array, text that is not a number,
 * a boolean or a date where one is declared, a fractional number for an integer, a number for a date
 * or time. Jackson's scalar coercions that keep the value are accepted by the invoker and not
 * generated here: numbers and booleans sent as text, text that parses as the declared number or
 * boolean, {@code 0}/{@code 1} for a boolean, enum constants in any letter case (see
 * {@code docs/RELIABILITY.md}, item 18).
 */
class SchemaRoundTripPropertyTests {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ToolInvoker INVOKER = ToolInvoker.builder().build();
    private static final RoundTripTools TOOLS = new RoundTripTools();
    private static final List<InvocableTool> PREPARED = ToolDefinitions.findToolMethods(RoundTripTools.class).stream()
            .map(method -> INVOKER.prepare(ToolDefinitions.of(RoundTripTools.class, method), TOOLS))
            .toList();

    static LongStream seeds() {
        return Generators.seeds();
    }

    @AfterAll
    static void close() {
        INVOKER.close();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void argumentsValidUnderTheSchemaBindAndArriveIntact(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < Generators.CASES; i++) {
            InvocableTool tool = PREPARED.get(random.nextInt(PREPARED.size()));
            ToolDefinition definition = tool.definition();
            SchemaInstances instances = new SchemaInstances(definition.inputSchema(), random);
            JsonNode arguments = instances.valid(definition.inputSchema(), 0);
            String context = "seed " + seed + ", case " + i + ", tool " + definition.name() + ", arguments "
                    + arguments;

            assertThat(JsonSchemas.violations(definition.inputSchema(), arguments)).as(context).isEmpty();
            ToolOutcome outcome = invoke(tool, arguments, random);
            assertThat(outcome.status()).as(context + " -> " + outcome.result()).isEqualTo(ToolOutcome.Status.SUCCESS);
            if (definition.name().equals("scalars")) {
                assertThat(outcome.result()).as(context).isEqualTo(String.join("|",
                        arguments.get("text").asString(), arguments.get("count").asString(),
                        arguments.get("big").asString(), String.valueOf(arguments.get("ratio").asDouble()),
                        arguments.get("flag").asString(), arguments.get("boxed").asString(),
                        arguments.get("amount").decimalValue().toPlainString(), arguments.get("size").asString()));
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aMissingOrNullRequiredArgumentIsNamedByItsPath(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int checked = 0;
        for (int i = 0; i < Generators.CASES; i++) {
            InvocableTool tool = PREPARED.get(random.nextInt(PREPARED.size()));
            ToolDefinition definition = tool.definition();
            SchemaInstances instances = new SchemaInstances(definition.inputSchema(), random);
            ObjectNode arguments = (ObjectNode) instances.valid(definition.inputSchema(), 0);
            List<Slot> required = instances.slots(arguments, definition.inputSchema()).stream()
                    .filter(Slot::required).toList();
            if (required.isEmpty()) {
                continue;
            }
            Slot slot = required.get(random.nextInt(required.size()));
            boolean asNull = random.nextBoolean();
            if (asNull) {
                slot.set(NODES.nullNode());
            } else {
                slot.remove();
            }
            String context = "seed " + seed + ", case " + i + ", tool " + definition.name() + ", "
                    + (asNull ? "null " : "without ") + slot.path() + ": " + arguments;

            assertThat(JsonSchemas.violations(definition.inputSchema(), arguments)).as(context).isNotEmpty();
            assertBadArgument(invoke(tool, arguments, random), slot.path(), context);
            checked++;
        }
        assertThat(checked).isGreaterThan(Generators.CASES / 2);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aValueOfTheWrongTypeIsNamedByItsPath(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < Generators.CASES; i++) {
            InvocableTool tool = PREPARED.get(random.nextInt(PREPARED.size()));
            ToolDefinition definition = tool.definition();
            SchemaInstances instances = new SchemaInstances(definition.inputSchema(), random);
            ObjectNode arguments = (ObjectNode) instances.valid(definition.inputSchema(), 0);
            List<Slot> slots = instances.slots(arguments, definition.inputSchema());
            Slot slot = slots.get(random.nextInt(slots.size()));
            List<JsonNode> wrong = wrongValues(slot.schema());
            JsonNode value = wrong.get(random.nextInt(wrong.size()));
            slot.set(value);
            String context = "seed " + seed + ", case " + i + ", tool " + definition.name() + ", " + slot.path()
                    + " = " + value + ": " + arguments;

            if (!value.isString()) {
                // (2020-12 makes "format" an annotation, so the validator does not flag "tomorrow" as a date)
                assertThat(JsonSchemas.violations(definition.inputSchema(), arguments)).as(context).isNotEmpty();
            }
            assertBadArgument(invoke(tool, arguments, random), slot.path(), context);
        }
    }

    /**
     * The outcome names the broken value by its path, or, where Jackson reports a mismatch against the
     * enclosing list (an array inside a list of text), by the path of the argument that holds it.
     */
    private static void assertBadArgument(ToolOutcome outcome, String path, String context) {
        assertThat(outcome.status()).as(context + " -> " + outcome.result()).isEqualTo(ToolOutcome.Status.BAD_ARGUMENTS);
        assertThat(outcome.error()).as(context).isInstanceOf(ToolArgumentException.class);
        String named = ((ToolArgumentException) outcome.error()).argument();
        assertThat(named).as(context + " -> " + outcome.result()).isNotBlank()
                .satisfiesAnyOf(argument -> assertThat(argument).isEqualTo(path),
                        argument -> assertThat(path).startsWith(argument + "["));
        assertThat(outcome.result()).as(context).startsWith("The argument '" + named + "' ");
    }

    /** Arguments as the HTTP layer hands them over: the parsed tree, or the raw JSON bytes or text. */
    private static ToolOutcome invoke(InvocableTool tool, JsonNode arguments, SplittableRandom random) {
        ToolArguments raw = switch (random.nextInt(3)) {
            case 0 -> ToolArguments.json(arguments);
            case 1 -> ToolArguments.json(arguments.toString());
            default -> ToolArguments.json(arguments.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        };
        return INVOKER.invoke(tool, raw, ToolCallContext.empty());
    }

    /** Values of a JSON kind that cannot faithfully stand for the schema's type. */
    static List<JsonNode> wrongValues(JsonNode schema) {
        List<JsonNode> wrong = new ArrayList<>();
        String type = schema.path("type").asString("");
        boolean scalar = !type.equals("object") && !type.equals("array");
        if (scalar) {
            wrong.add(NODES.objectNode().put("value", 1));
            wrong.add(NODES.arrayNode().add(1).add(2));
        }
        if (schema.has("enum")) {
            wrong.add(NODES.stringNode("NOT_A_CONSTANT"));
            wrong.add(NODES.numberNode(1));
            wrong.add(NODES.booleanNode(true));
            return wrong;
        }
        switch (type) {
            case "object" -> {
                wrong.add(NODES.stringNode("text"));
                wrong.add(NODES.numberNode(7));
                wrong.add(NODES.booleanNode(false));
                wrong.add(NODES.arrayNode().add("x"));
            }
            case "array" -> {
                wrong.add(NODES.stringNode("text"));
                wrong.add(NODES.numberNode(7));
                wrong.add(NODES.booleanNode(true));
                wrong.add(NODES.objectNode().put("value", 1));
            }
            case "integer" -> {
                wrong.add(NODES.stringNode("seven"));
                wrong.add(NODES.booleanNode(true));
                wrong.add(NODES.numberNode(new java.math.BigDecimal("1.5")));
                wrong.add(NODES.numberNode(-0.25));
            }
            case "number" -> {
                wrong.add(NODES.stringNode("seven"));
                wrong.add(NODES.booleanNode(false));
            }
            case "boolean" -> {
                wrong.add(NODES.stringNode("maybe"));
            }
            case "string" -> {
                String format = schema.path("format").asString("");
                if (!format.isEmpty()) {
                    wrong.add(NODES.stringNode("tomorrow evening"));
                    wrong.add(NODES.numberNode(20_261_124));
                    wrong.add(NODES.booleanNode(true));
                }
            }
            default -> throw new IllegalStateException("unexpected schema " + schema);
        }
        return wrong;
    }
}
