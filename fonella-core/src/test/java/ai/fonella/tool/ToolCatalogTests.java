package ai.fonella.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

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
        assertThat(ToolCatalog.load(getClass().getClassLoader()).isEmpty()).isTrue();
    }
}
