package ai.fonella.tool;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A validated bean rejecting its arguments is a spoken argument failure, not a crash. */
class ConstraintViolationTests {

    public static class CallbackTools {
        Set<ConstraintViolation<?>> violations = Set.of();

        @FonellaTool(description = "Book a callback")
        public String bookCallback(String date, String phoneNumber) {
            // What Spring's method validation proxy throws for @Pattern on phoneNumber.
            throw new ConstraintViolationException(violations);
        }
    }

    private final ToolInvoker invoker = ToolInvoker.builder().build();

    @Test
    void speaksEachViolationNamingItsArgument() {
        CallbackTools tools = new CallbackTools();
        Set<ConstraintViolation<?>> violations = new LinkedHashSet<>();
        violations.add(violation("must match \"\\+[0-9]{7,15}\"", "bookCallback", "phoneNumber"));
        violations.add(violation("must be a date in the present or in the future", "bookCallback", "date"));
        tools.violations = violations;

        ToolOutcome outcome = invoke(tools);

        assertThat(outcome.status()).isEqualTo(ToolOutcome.Status.BAD_ARGUMENTS);
        assertThat(outcome.result()).isEqualTo("The argument 'date' must be a date in the present or in the future. "
                + "The argument 'phoneNumber' must match \"\\+[0-9]{7,15}\".");
        assertThat(outcome.error()).isInstanceOf(ToolArgumentException.class)
                .satisfies(e -> assertThat(((ToolArgumentException) e).argument()).isEqualTo("date"));
    }

    @Test
    void namesTheLeafOfANestedProperty() {
        CallbackTools tools = new CallbackTools();
        tools.violations = Set.of(violation("must not be blank", "bookCallback", "request", "phoneNumber"));

        assertThat(invoke(tools).result()).isEqualTo("The argument 'phoneNumber' must not be blank.");
    }

    @Test
    void speaksAMessageWrittenAsASentenceAsItIs() {
        CallbackTools tools = new CallbackTools();
        tools.violations = Set.of(violation("The phone number must be in international format, like +49 151 12345678",
                "bookCallback", "phoneNumber"));

        assertThat(invoke(tools).result())
                .isEqualTo("The phone number must be in international format, like +49 151 12345678.");
    }

    @Test
    void treatsAnEmptyViolationSetAsAnUnexpectedFailure() {
        ToolOutcome outcome = invoke(new CallbackTools());

        assertThat(outcome.status()).isEqualTo(ToolOutcome.Status.ERROR);
        assertThat(outcome.result()).isEqualTo(ToolInvoker.DEFAULT_ERROR_TEXT);
    }

    private ToolOutcome invoke(CallbackTools tools) {
        ToolDefinition definition = ToolDefinitions.fromObject(tools).get(0);
        return invoker.invoke(invoker.prepare(definition, tools),
                ToolArguments.json("{\"date\":\"2026-11-25\",\"phoneNumber\":\"x\"}"), ToolCallContext.empty());
    }

    /** A violation whose path is a method node followed by the given parameter and property nodes. */
    private static ConstraintViolation<?> violation(String message, String method, String... names) {
        List<Path.Node> nodes = new java.util.ArrayList<>();
        nodes.add(node(method, ElementKind.METHOD));
        for (int i = 0; i < names.length; i++) {
            nodes.add(node(names[i], i == 0 ? ElementKind.PARAMETER : ElementKind.PROPERTY));
        }
        Path path = (Path) Proxy.newProxyInstance(Path.class.getClassLoader(), new Class<?>[] {Path.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "iterator" -> nodes.iterator();
                    case "toString" -> method + "." + String.join(".", names);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        return (ConstraintViolation<?>) Proxy.newProxyInstance(ConstraintViolation.class.getClassLoader(),
                new Class<?>[] {ConstraintViolation.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMessage" -> message;
                    case "getPropertyPath" -> path;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> path + " " + message;
                    default -> null;
                });
    }

    private static Path.Node node(String name, ElementKind kind) {
        return (Path.Node) Proxy.newProxyInstance(Path.Node.class.getClassLoader(), new Class<?>[] {Path.Node.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "getName" -> name;
                    case "getKind" -> kind;
                    case "toString" -> name;
                    default -> null;
                });
    }
}
