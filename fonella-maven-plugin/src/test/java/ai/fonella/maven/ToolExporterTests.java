package ai.fonella.maven;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.support.FonellaJson;
import ai.fonella.tool.ToolSchemaGenerator;
import ai.fonella.sync.ToolEndpoint;
import ai.fonella.tool.ToolDefinition;
import ai.fonella.tool.ToolDefinitions;
import com.example.fixture.OrderTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class ToolExporterTests {

    private static final List<ToolDefinition> TOOLS = ToolDefinitions.fromClass(OrderTools.class);

    @Test
    void writesTheToolsOrderedByNameWithTheirFieldsInAFixedOrder() {
        List<ToolDefinition> shuffled = new ArrayList<>(TOOLS);
        Collections.reverse(shuffled);
        JsonNode document = FonellaJson.mapper().readTree(ToolExporter.render(shuffled,
                ToolEndpoint.of("https://shop.example.com/", null)));
        assertThat(document.propertyNames()).containsExactly("tools", "generator");
        assertThat(document.get("generator").get("classes").valueStream().map(JsonNode::asString))
                .contains("ai.fonella.tool.ToolSchemaGenerator", "ai.fonella.tool.JakartaSupport");
        JsonNode tools = document.get("tools");
        assertThat(tools.valueStream().map(tool -> tool.get("name").asString()))
                .containsExactly("changeDelivery", "lookupOrder", "openingHours");
        assertThat(tools.get(2).propertyNames()).containsExactly("name", "description", "method", "url", "inputSchema",
                "source");
        assertThat(tools.get(2).get("method").asString()).isEqualTo("GET");
        assertThat(tools.get(2).get("url").asString()).isEqualTo("https://shop.example.com/fonella/tools/openingHours");
    }

    @Test
    void leavesOutTheUrlWithoutAPublicUrl() {
        JsonNode document = FonellaJson.mapper().readTree(ToolExporter.render(TOOLS, null));
        assertThat(document.get("tools").get(0).propertyNames())
                .containsExactly("name", "description", "method", "inputSchema", "source");
    }

    @Test
    void neverWritesHeadersOrTheToolSecret() {
        String text = new String(ToolExporter.render(TOOLS, new ToolEndpoint("https://shop.example.com", "/api",
                "X-Secret", "s3cr3t-value")), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("s3cr3t-value").doesNotContain("X-Secret").doesNotContain("headers")
                .contains("https://shop.example.com/api/tools/lookupOrder");
    }

    @Test
    void isDeterministicWithUnixLineEndsAndAFinalNewline() {
        byte[] first = ToolExporter.render(TOOLS, null);
        byte[] second = ToolExporter.render(ToolDefinitions.fromClass(OrderTools.class), null);
        assertThat(second).isEqualTo(first);
        String text = new String(first, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\r").endsWith("}\n").startsWith("{\n  \"tools\" : [ {\n");
    }

    @Test
    void theExportedSchemaIsTheWireSchemaByteForByte() {
        JsonNode document = FonellaJson.mapper().readTree(ToolExporter.render(TOOLS, null));
        for (int i = 0; i < TOOLS.size(); i++) {
            byte[] exported = FonellaJson.mapper().writeValueAsBytes(document.get("tools").get(i).get("inputSchema"));
            byte[] wire = FonellaJson.mapper().writeValueAsBytes(TOOLS.get(i).inputSchema());
            assertThat(exported).isEqualTo(wire);
            assertThat(new String(exported, StandardCharsets.UTF_8))
                    .isEqualTo(ToolSchemaGenerator.toJson(TOOLS.get(i).inputSchema()));
        }
    }

    @Test
    void keepsAnUnchangedFileAsItIs(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("fonella/tools.json");
        byte[] content = ToolExporter.render(TOOLS, null);
        assertThat(ToolExporter.write(file, content)).isTrue();
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(file, old);
        assertThat(ToolExporter.write(file, content)).isFalse();
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);
        assertThat(ToolExporter.write(file, ToolExporter.render(TOOLS.subList(0, 1), null))).isTrue();
    }
}
