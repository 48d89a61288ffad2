package ai.fonella.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.fonella.model.ToolMethod;
import ai.fonella.tool.DefinitionFixtures.BaseTools;
import ai.fonella.tool.DefinitionFixtures.ExtendedTools;
import ai.fonella.tool.DefinitionFixtures.ItemTools;
import ai.fonella.tool.DefinitionFixtures.OrderApi;
import ai.fonella.tool.DefinitionFixtures.OrderService;
import ai.fonella.tool.DefinitionFixtures.OverridingItemTools;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolDefinitionsTests {

    @Test
    void findsAToolDeclaredOnAnInterfaceThroughItsImplementation() {
        List<ToolDefinition> tools = ToolDefinitions.fromClass(OrderService.class);

        assertThat(tools).extracting(ToolDefinition::name).containsExactly("cancelOrder", "lookupOrder");
        ToolDefinition lookup = tools.get(1);
        assertThat(lookup.description()).isEqualTo("Looks up an order by its number");
        assertThat(lookup.httpMethod()).isEqualTo(ToolMethod.GET);
        assertThat(lookup.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(lookup.javaMethod().getDeclaringClass()).isEqualTo(OrderService.class);
        assertThat(ToolSchemaGenerator.toJson(lookup.inputSchema())).isEqualTo("{\"type\":\"object\",\"properties\":"
                + "{\"orderNumber\":{\"type\":\"string\"}},\"required\":[\"orderNumber\"],\"additionalProperties\":false}");
    }

    @Test
    void usesTheMethodNameUnlessTheAnnotationNamesTheTool() {
        ToolDefinition cancel = ToolDefinitions.fromClass(OrderService.class).get(0);

        assertThat(cancel.name()).isEqualTo("cancelOrder");
        assertThat(cancel.javaMethod().getName()).isEqualTo("cancel");
        assertThat(cancel.httpMethod()).isEqualTo(ToolMethod.POST);
        assertThat(cancel.timeout()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void findsToolsOnTheInterfaceItself() {
        assertThat(ToolDefinitions.fromClass(OrderApi.class)).extracting(ToolDefinition::name)
                .containsExactly("lookupOrder");
    }

    @Test
    void inheritsToolsFromSuperclasses() {
        List<ToolDefinition> tools = ToolDefinitions.fromClass(ExtendedTools.class);

        assertThat(tools).extracting(ToolDefinition::name).containsExactly("farewell", "greet");
        assertThat(tools.get(0).timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(tools.get(1).timeout()).isNull();
        assertThat(tools.get(1).javaMethod().getDeclaringClass()).isEqualTo(BaseTools.class);
    }

    @Test
    void resolvesTypeVariablesOfAGenericSuperclassAgainstTheToolClass() {
        List<ToolDefinition> tools = ToolDefinitions.fromClass(ItemTools.class);

        assertThat(tools).hasSize(1);
        assertThat(tools.get(0).inputSchema().at("/properties/sku/type").stringValue()).isEqualTo("string");
        assertThat(tools.get(0).inputSchema().at("/properties/quantity/type").stringValue()).isEqualTo("integer");
    }

    @Test
    void ignoresBridgeMethodsAndKeepsTheOverride() {
        List<ToolDefinition> tools = ToolDefinitions.fromClass(OverridingItemTools.class);

        assertThat(tools).hasSize(1);
        assertThat(tools.get(0).javaMethod().isBridge()).isFalse();
        assertThat(tools.get(0).javaMethod().getDeclaringClass()).isEqualTo(OverridingItemTools.class);
        assertThat(tools.get(0).javaMethod().getParameterTypes()).containsExactly(DefinitionFixtures.Item.class);
    }

    @Test
    void buildsOneDefinitionPerMethodForIntegrationsThatDiscoverMethodsThemselves() throws Exception {
        Method implementation = OrderService.class.getMethod("lookupOrder", String.class);
        Method bridge = bridgeOf(OverridingItemTools.class);

        ToolDefinition viaImplementation = ToolDefinitions.of(OrderService.class, implementation);
        ToolDefinition viaInterface = ToolDefinitions.of(OrderService.class, OrderApi.class.getMethod("lookupOrder",
                String.class));
        ToolDefinition viaBridge = ToolDefinitions.of(OverridingItemTools.class, bridge);

        assertThat(viaImplementation.name()).isEqualTo("lookupOrder");
        assertThat(ToolSchemaGenerator.toJson(viaInterface.inputSchema()))
                .isEqualTo(ToolSchemaGenerator.toJson(viaImplementation.inputSchema()));
        assertThat(viaBridge.javaMethod().isBridge()).isFalse();
    }

    @Test
    void findsNoToolsOnAClassWithoutAnnotations() {
        assertThat(ToolDefinitions.fromClass(String.class)).isEmpty();
    }

    @Test
    void acceptsStaticToolMethods() {
        assertThat(ToolDefinitions.fromClass(DefinitionFixtures.StaticTools.class)).extracting(ToolDefinition::name)
                .containsExactly("add");
    }

    @Test
    void rejectsAMethodWithoutTheAnnotation() throws NoSuchMethodException {
        Method helper = OrderService.class.getMethod("helper");

        assertThatThrownBy(() -> ToolDefinitions.of(OrderService.class, helper))
                .isInstanceOf(ToolDefinitionException.class)
                .hasMessageContaining(OrderService.class.getName() + ".helper()")
                .hasMessageContaining("is not annotated with @FonellaTool");
    }

    @Test
    void saysToCompileWithParametersWhenParameterNamesAreMissing(@TempDir Path dir) throws Exception {
        Class<?> compiled = compileWithoutParameterNames(dir, "fixture", "NoParameterNames", """
                package fixture;
                import ai.fonella.tool.FonellaTool;
                public class NoParameterNames {
                    @FonellaTool(description = "Looks up an order")
                    public String lookupOrder(String orderNumber, int quantity) {
                        return orderNumber;
                    }
                }
                """);

        assertThatThrownBy(() -> ToolDefinitions.fromClass(compiled))
                .isInstanceOf(ToolDefinitionException.class)
                .hasMessageContaining("fixture.NoParameterNames.lookupOrder(String, int)")
                .hasMessageContaining("Compile with -parameters")
                .hasMessageContaining("<parameters>true</parameters>")
                .hasMessageContaining("@ToolParam(name");
    }

    @Test
    void acceptsMissingParameterNamesWhenEveryArgumentIsNamedExplicitly(@TempDir Path dir) throws Exception {
        Class<?> compiled = compileWithoutParameterNames(dir, "fixture", "NamedParameters", """
                package fixture;
                import ai.fonella.tool.FonellaTool;
                import ai.fonella.tool.ToolParam;
                public class NamedParameters {
                    @FonellaTool(description = "Looks up an order")
                    public String lookupOrder(@ToolParam(name = "orderNumber") String a) {
                        return a;
                    }
                }
                """);

        assertThat(ToolDefinitions.fromClass(compiled).get(0).inputSchema().get("required").toString())
                .isEqualTo("[\"orderNumber\"]");
    }

    @Test
    void suggestsACamelCaseNameForAnInvalidToolName() {
        assertThatThrownBy(() -> ToolDefinitions.fromClass(DefinitionFixtures.SnakeCase.class))
                .isInstanceOf(ToolDefinitionException.class)
                .hasMessageContaining(DefinitionFixtures.SnakeCase.class.getName() + ".lookup(String)")
                .hasMessageContaining("'lookup_order'")
                .hasMessageContaining("@FonellaTool(name = \"lookupOrder\")");
    }

    @Test
    void rejectsABlankDescription() {
        assertThatThrownBy(() -> ToolDefinitions.fromClass(DefinitionFixtures.BlankDescription.class))
                .isInstanceOf(ToolDefinitionException.class)
                .hasMessageContaining(DefinitionFixtures.BlankDescription.class.getName() + ".lookupOrder(String)")
                .hasMessageContaining("blank description")
                .hasMessageContaining("say what the tool does");
    }

    @Test
    void namesBothMethodsOfADuplicateToolName() {
        assertThatThrownBy(() -> ToolDefinitions.fromClass(DefinitionFixtures.Duplicates.class))
                .isInstanceOf(ToolDefinitionException.class)
                .hasMessageContaining("Two tools are named 'lookupOrder'")
                .hasMessageContaining(DefinitionFixtures.Duplicates.class.getName() + ".first(String)")
                .hasMessageContaining(DefinitionFixtures.Duplicates.class.getName() + ".second(String)")
                .hasMessageContaining("rename one");
    }

    @Test
    void rejectsDuplicatesAcrossClassesInAWholeSet() {
        List<ToolDefinition> all = new ArrayList<>(ToolDefinitions.fromClass(OrderService.class));
        all.addAll(ToolDefinitions.fromClass(OrderApi.class));

        assertThatThrownBy(() -> ToolDefinitions.requireValidSet(all))
                .isInstanceOf(ToolDefinitionException.class)
                .hasMessageContaining(OrderService.class.getName() + ".lookupOrder(String)")
                .hasMessageContaining(OrderApi.class.getName() + ".lookupOrder(String)");
    }

    @Test
    void rejectsMoreThanTwentyTools() {
        ToolDefinition template = ToolDefinitions.fromClass(BaseTools.class).get(0);
        List<ToolDefinition> many = new ArrayList<>();
        for (int i = 1; i <= 21; i++) {
            many.add(new ToolDefinition("tool" + i, "Tool " + i, ToolMethod.POST, null, template.inputSchema(),
                    template.javaMethod(), template.targetClass()));
        }

        ToolDefinitions.requireValidSet(many.subList(0, 20));
        assertThatThrownBy(() -> ToolDefinitions.requireValidSet(many))
                .isInstanceOf(ToolDefinitionException.class)
                .hasMessageContaining("Found 21 tools")
                .hasMessageContaining("at most 20")
                .hasMessageContaining("tool21 (" + BaseTools.class.getName() + ".greet(String))")
                .hasMessageContaining("Merge related tools");
    }

    @Test
    void rejectsARawObjectParameter() {
        assertUnbindable(DefinitionFixtures.ObjectParameter.class, "take(Object)", "parameter 'anything'",
                "use a concrete type");
    }

    @Test
    void rejectsAWildcardOnlyGeneric() {
        assertUnbindable(DefinitionFixtures.WildcardParameter.class, "take(List)", "List<?>", "declare the element type");
    }

    @Test
    void rejectsMapsWithNonStringKeys() {
        assertUnbindable(DefinitionFixtures.IntegerKeys.class, "take(Map)", "map keys must be String",
                "Map<String, ...>");
    }

    @Test
    void rejectsStreams() {
        assertUnbindable(DefinitionFixtures.StreamParameter.class, "take(InputStream)", "java.io.InputStream",
                "cannot be read from JSON");
    }

    @Test
    void rejectsRawCollections() {
        assertUnbindable(DefinitionFixtures.RawList.class, "take(List)", "raw List", "List<String>");
    }

    @Test
    void rejectsInterfacesWithoutSubtypeInformation() {
        assertUnbindable(DefinitionFixtures.InterfaceParameter.class, "take(Shape, String)", "is an interface",
                "@JsonSubTypes");
    }

    @Test
    void rejectsUnbindableTypesNestedInRecords() {
        assertUnbindable(DefinitionFixtures.NestedObject.class, "send(Envelope)", "at 'payload'", "use a concrete type");
    }

    @Test
    void rejectsPrivateToolMethods() {
        assertThatThrownBy(() -> ToolDefinitions.fromClass(DefinitionFixtures.PrivateTool.class))
                .isInstanceOf(ToolDefinitionException.class)
                .hasMessageContaining(DefinitionFixtures.PrivateTool.class.getName() + ".hidden(String)")
                .hasMessageContaining("make it public");
    }

    @Test
    void rejectsATimeoutThatIsNotBelowThePlatformLimit() {
        assertThatThrownBy(() -> ToolDefinitions.fromClass(DefinitionFixtures.TooSlow.class))
                .isInstanceOf(ToolDefinitionException.class)
                .hasMessageContaining(DefinitionFixtures.TooSlow.class.getName() + ".slow(String)")
                .hasMessageContaining("below 5 seconds");
    }

    @Test
    void rejectsATimeoutThatIsNotADuration() {
        assertThatThrownBy(() -> ToolDefinitions.fromClass(DefinitionFixtures.VagueTimeout.class))
                .isInstanceOf(ToolDefinitionException.class)
                .hasMessageContaining(DefinitionFixtures.VagueTimeout.class.getName() + ".vague(String)")
                .hasMessageContaining("\"1500ms\"")
                .hasMessageContaining("\"PT2.5S\"");
    }

    private static void assertUnbindable(Class<?> fixture, String method, String what, String remedy) {
        assertThatThrownBy(() -> ToolDefinitions.fromClass(fixture))
                .isInstanceOf(ToolDefinitionException.class)
                .hasMessageContaining(fixture.getName() + "." + method)
                .hasMessageContaining("cannot be bound from JSON arguments")
                .hasMessageContaining(what)
                .hasMessageContaining(remedy)
                .satisfies(e -> assertThat(((ToolDefinitionException) e).toolClass()).isEqualTo(fixture));
    }

    private static Method bridgeOf(Class<?> type) {
        for (Method method : type.getDeclaredMethods()) {
            if (method.isBridge()) {
                return method;
            }
        }
        throw new AssertionError("no bridge method in " + type);
    }

    /** Compiles a source file the way a build without {@code -parameters} would, and loads it. */
    static Class<?> compileWithoutParameterNames(Path dir, String pkg, String simpleName, String source)
            throws IOException, ClassNotFoundException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler).as("a JDK compiler").isNotNull();
        Path file = dir.resolve("src").resolve(pkg).resolve(simpleName + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source, StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        int status = compiler.run(null, null, null, "-classpath", System.getProperty("java.class.path"), "-d",
                classes.toString(), file.toString());
        assertThat(status).as("compilation of %s", simpleName).isZero();
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ToolDefinitionsTests.class.getClassLoader());
        return loader.loadClass(pkg + "." + simpleName);
    }
}
