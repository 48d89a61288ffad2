package ai.fonella.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import ai.fonella.support.FonellaJson;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@link ToolCatalog}: schemas written at build time, used only for the methods they were computed from. */
class ToolCatalogTests {

    /** A tool. */
    public static class Orders {
        /** What is ordered. */
        public record Line(String sku, int quantity) {
        }

        @FonellaTool(description = "Place an order")
        public String place(String customer, List<Line> lines) {
            return "ok";
        }
    }

    /** The same tool name and method name in another class. */
    public static class OtherOrders {
        @FonellaTool(description = "Place an order")
        public String place(String customer) {
            return "ok";
        }
    }

    @Test
    void givesBackTheSchemaItWasWrittenWithForTheSameMethod() throws Exception {
        Method place = Orders.class.getMethod("place", String.class, List.class);
        ToolDefinition definition = ToolDefinitions.of(Orders.class, place);

        ToolCatalog catalog = ToolCatalog.read(ToolCatalog.render(List.of(definition), null), "built");
        ToolCatalog.Lookup lookup = catalog.schema(Orders.class, place);

        assertThat(lookup.whyNot()).isNull();
        assertThat(lookup.schema()).isEqualTo(definition.inputSchema());
        assertThat(ToolDefinitions.of(Orders.class, place, catalog)).isEqualTo(
                new ToolDefinition(definition.name(), definition.description(), definition.httpMethod(),
                        definition.timeout(), lookup.schema(), place, Orders.class));
    }

    /** Numbers of every kind a schema may hold, as constraints. */
    public static class Limits {
        @FonellaTool(description = "Check limits")
        public String check(@jakarta.validation.constraints.DecimalMin("0.05") @jakarta.validation.constraints.Max(
                9_000_000_000L) java.math.BigDecimal amount, @jakarta.validation.constraints.Min(-3) int count,
                @jakarta.validation.constraints.Size(min = 1, max = 4) List<Boolean> flags) {
            return "ok";
        }
    }

    @Test
    void readsSchemasAsTheWireMapperReadsThemAndWritesTheSameBytes() throws Exception {
        List<ToolDefinition> definitions = List.of(ToolDefinitions.of(Limits.class,
                Limits.class.getMethod("check", java.math.BigDecimal.class, int.class, List.class)),
                ToolDefinitions.of(Orders.class, Orders.class.getMethod("place", String.class, List.class)));
        byte[] written = ToolCatalog.render(definitions, null);
        ToolCatalog catalog = ToolCatalog.read(written, "built");
        JsonMapper wire = FonellaJson.mapper();

        for (ToolDefinition definition : definitions) {
            ObjectNode schema = catalog.schema(definition.targetClass(), definition.javaMethod()).schema();
            JsonNode readByJackson = StreamSupport.stream(wire.readTree(written).path("tools").spliterator(), false)
                    .filter(tool -> tool.path("name").asString().equals(definition.name())).findFirst().orElseThrow()
                    .path("inputSchema");
            assertThat(schema).isEqualTo(readByJackson);
            assertThat(wire.writeValueAsString(schema)).isEqualTo(wire.writeValueAsString(definition.inputSchema()));
        }
        assertThat(new String(written, StandardCharsets.UTF_8)).contains("0.05", "9000000000", "-3");
    }

    /** Two tools from one Java method name. */
    public static class Finder {
        @FonellaTool(name = "findByName", description = "Find a customer by name")
        public String find(String name) {
            return name;
        }

        @FonellaTool(name = "findById", description = "Find a customer by number")
        public String find(int id) {
            return "c" + id;
        }
    }

    @Test
    void tellsOverloadsApartByTheirFingerprints() throws Exception {
        List<ToolDefinition> definitions = ToolDefinitions.fromClass(Finder.class);
        ToolCatalog catalog = ToolCatalog.read(ToolCatalog.render(definitions, null), "built");

        assertThat(definitions).hasSize(2);
        for (ToolDefinition definition : definitions) {
            ToolCatalog.Lookup lookup = catalog.schema(Finder.class, definition.javaMethod());
            assertThat(lookup.whyNot()).isNull();
            assertThat(lookup.schema()).isEqualTo(definition.inputSchema());
        }
        assertThat(definitions.get(0).inputSchema()).isNotEqualTo(definitions.get(1).inputSchema());
    }

    @Test
    void fingerprintsAheadWhatItLoadsAndAnswersAsWithoutThat(@TempDir Path dir) throws Exception {
        Method place = Orders.class.getMethod("place", String.class, List.class);
        List<ToolDefinition> definitions = new ArrayList<>(ToolDefinitions.fromClass(Finder.class));
        definitions.add(ToolDefinitions.of(Orders.class, place));
        String fingerprint = ToolCatalog.fingerprint(Orders.class, place);
        String document = new String(ToolCatalog.render(definitions, null), StandardCharsets.UTF_8)
                .replace(fingerprint, "0".repeat(64)) // Orders#place changed since
                .replace("\"" + Finder.class.getName() + "\"", "\"com.example.Gone\""); // and Finder is gone,
        String finder = Matcher.quoteReplacement(Finder.class.getName());
        document = document.replaceFirst("com\\.example\\.Gone", finder); // but for one of its tools
        Files.createDirectories(dir.resolve(ToolCatalog.RESOURCE).getParent());
        Files.writeString(dir.resolve(ToolCatalog.RESOURCE), document);

        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            ToolCatalog ahead = ToolCatalog.loadAndFingerprint(loader);
            ToolCatalog inPlace = ToolCatalog.load(loader);
            for (ToolDefinition definition : definitions) {
                assertThat(ahead.schema(definition.targetClass(), definition.javaMethod()))
                        .isEqualTo(inPlace.schema(definition.targetClass(), definition.javaMethod()));
            }
            assertThat(definitions.stream().filter(d -> ahead.schema(d.targetClass(), d.javaMethod()).schema() != null))
                    .hasSize(1);
            assertThat(ahead.schema(Orders.class, place).whyNot()).contains("changed since");
        }
    }

    @Test
    void saysWhyItHasNoSchemaForAnotherMethodOrAChangedOne() throws Exception {
        Method place = Orders.class.getMethod("place", String.class, List.class);
        byte[] written = ToolCatalog.render(List.of(ToolDefinitions.of(Orders.class, place)), null);
        ToolCatalog catalog = ToolCatalog.read(written, "built");

        assertThat(catalog.schema(OtherOrders.class, OtherOrders.class.getMethod("place", String.class)).whyNot())
                .contains("has no schema for " + OtherOrders.class.getName() + "#place");
        String fingerprint = ToolCatalog.fingerprint(Orders.class, place);
        ToolCatalog changed = ToolCatalog.read(new String(written, StandardCharsets.UTF_8)
                .replace(fingerprint, "0".repeat(64)).getBytes(StandardCharsets.UTF_8), "built");
        assertThat(changed.schema(Orders.class, place).schema()).isNull();
        assertThat(changed.schema(Orders.class, place).whyNot()).contains("changed since built was written");
    }

    @Test
    void fingerprintsEverythingTheSchemaIsComputedFromAndNothingElse() throws Exception {
        Method place = Orders.class.getMethod("place", String.class, List.class);
        String fingerprint = ToolCatalog.fingerprint(Orders.class, place);

        assertThat(fingerprint).matches("[0-9a-f]{64}").isEqualTo(ToolCatalog.fingerprint(Orders.class, place));
        assertThat(fingerprint).isNotEqualTo(ToolCatalog.fingerprint(OtherOrders.class,
                OtherOrders.class.getMethod("place", String.class)));
    }

    @Test
    void refusesADocumentThatIsNotACatalogWithTheRemedy() {
        assertThatThrownBy(() -> ToolCatalog.read("{oops".getBytes(StandardCharsets.UTF_8), "META-INF/x.json"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("META-INF/x.json")
                .hasMessageContaining("rebuild the app");
        assertThatThrownBy(() -> ToolCatalog.read("{\"tools\": [1, 2]] trailing".getBytes(StandardCharsets.UTF_8),
                "META-INF/x.json")).isInstanceOf(IllegalStateException.class).hasMessageContaining("not JSON");
        assertThat(ToolCatalog.read(new byte[0], "META-INF/x.json").isEmpty()).isTrue();
        assertThat(ToolCatalog.load(getClass().getClassLoader()).isEmpty()).isTrue();
    }
}
