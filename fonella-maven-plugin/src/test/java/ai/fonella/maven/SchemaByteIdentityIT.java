package ai.fonella.maven;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.support.FonellaJson;
import ai.fonella.sync.DesiredTool;
import ai.fonella.sync.ToolEndpoint;
import ai.fonella.test.EmulatorAccount;
import ai.fonella.test.FonellaEmulator;
import ai.fonella.test.RecordedRequest;
import ai.fonella.tool.ToolDefinition;
import ai.fonella.tool.ToolDefinitions;
import com.example.fixture.OrderTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * The schemas the plugin exports and syncs are, byte for byte, the schemas the starter registers.
 *
 * <p>The starter's side, as it is written: {@code DesiredTool.of(ToolDefinitions.of(beanClass,
 * method), endpoint).inputSchema()} sent by {@code FonellaClient}, which serializes with
 * {@code FonellaJson.mapper()}. Here the class is loaded by the test's own class loader (as the app
 * loads it), while the plugin's side scans the compiled class from {@code target/test-classes}
 * through its isolated {@link ProjectClassLoader}, as {@code fonella:export} and {@code fonella:sync}
 * do. Three byte arrays per tool must be equal:
 * <ol>
 * <li>the starter's: {@code FonellaJson.mapper().writeValueAsBytes(desired.inputSchema())};</li>
 * <li>the export's: the {@code inputSchema} of the exported file, written compactly by the same
 *     mapper (the file is indented for review; whitespace is all that differs);</li>
 * <li>the wire's: the exact bytes of the {@code inputSchema} value inside the body of the
 *     {@code POST /v1/tools} the emulator received from the plugin's sync, cut out of the recorded
 *     body by the parser's offsets, not re-serialized; and the stored tool as the API lists it.</li>
 * </ol>
 */
class SchemaByteIdentityIT {

    private static final String PUBLIC_URL = "https://orders.example.com";

    @Test
    void exportedAndSyncedSchemasAreTheStartersByteForByte(@TempDir Path dir) throws Exception {
        // 1. The starter's bytes, from the class as the app loads it.
        ToolEndpoint starterEndpoint = ToolEndpoint.of(PUBLIC_URL, "secret");
        Map<String, byte[]> starter = new TreeMap<>();
        for (var method : ToolDefinitions.findToolMethods(OrderTools.class)) {
            DesiredTool desired = DesiredTool.of(ToolDefinitions.of(OrderTools.class, method), starterEndpoint);
            starter.put(desired.name(), FonellaJson.mapper().writeValueAsBytes(desired.inputSchema()));
        }
        assertThat(starter).containsOnlyKeys("changeDelivery", "lookupOrder", "openingHours");

        // The plugin's scan of the compiled class, in its own loader.
        Path testClasses = FixtureCompiler.location(OrderTools.class);
        List<ToolDefinition> scanned = new ProjectToolScanner(new RecordingLog()).scan(testClasses,
                FixtureCompiler.projectLibraries(), List.of("com.example.fixture"));
        assertThat(scanned.get(0).javaMethod().getDeclaringClass()).isNotSameAs(OrderTools.class);

        // 2. The export's bytes.
        Path file = dir.resolve("tools.json");
        ToolExporter.write(file, ToolExporter.render(scanned, PluginSync.unsignedEndpoint(PUBLIC_URL, null, null)));
        JsonNode exported = FonellaJson.mapper().readTree(Files.readAllBytes(file));
        Map<String, byte[]> export = new TreeMap<>();
        for (JsonNode tool : exported.get("tools")) {
            export.put(tool.get("name").asString(), FonellaJson.mapper().writeValueAsBytes(tool.get("inputSchema")));
        }

        // 3. The wire's bytes: what the emulator received from the plugin's sync.
        Map<String, byte[]> wire = new TreeMap<>();
        Map<String, byte[]> stored = new TreeMap<>();
        try (FonellaEmulator emulator = FonellaEmulator.builder().start()) {
            EmulatorAccount account = emulator.newAccount();
            PluginSync sync = new PluginSync(new PluginSync.SyncSettings(emulator.baseUrl(),
                    new ApiKeyResolver.ResolvedKey(account.apiKey(), "the test"), PUBLIC_URL, null, null, null,
                    false, null), new RecordingLog());
            sync.apply(sync.plan(scanned));
            for (RecordedRequest request : emulator.requests()) {
                if (request.is("POST", "/v1/tools")) {
                    byte[] body = request.body().getBytes(StandardCharsets.UTF_8);
                    String name = FonellaJson.mapper().readTree(body).get("name").asString();
                    wire.put(name, rawValue(body, "inputSchema"));
                }
            }
            emulator.client(account.apiKey()).tools().list().forEach(tool ->
                    stored.put(tool.name(), FonellaJson.mapper().writeValueAsBytes(tool.inputSchema())));
        }

        assertThat(export.keySet()).isEqualTo(starter.keySet());
        assertThat(wire.keySet()).isEqualTo(starter.keySet());
        for (String name : starter.keySet()) {
            String expected = new String(starter.get(name), StandardCharsets.UTF_8);
            assertThat(new String(export.get(name), StandardCharsets.UTF_8)).as("export of %s", name)
                    .isEqualTo(expected);
            assertThat(new String(wire.get(name), StandardCharsets.UTF_8)).as("POST body of %s", name)
                    .isEqualTo(expected);
            assertThat(new String(stored.get(name), StandardCharsets.UTF_8)).as("stored %s", name)
                    .isEqualTo(expected);
            assertThat(export.get(name)).isEqualTo(starter.get(name));
            assertThat(wire.get(name)).isEqualTo(starter.get(name));
        }
        assertThat(new String(starter.get("changeDelivery"), StandardCharsets.UTF_8)).contains("\"$defs\"");
    }

    /** The exact bytes of a top-level field's value in a JSON object, located by the parser. */
    static byte[] rawValue(byte[] json, String field) {
        try (JsonParser parser = FonellaJson.mapper().createParser(json)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals(field)) {
                    int start = (int) parser.currentTokenLocation().getByteOffset();
                    parser.skipChildren();
                    int end = (int) parser.currentLocation().getByteOffset();
                    byte[] value = new byte[end - start];
                    System.arraycopy(json, start, value, 0, value.length);
                    return value;
                }
                parser.skipChildren();
            }
        }
        throw new AssertionError("No field " + field + " in " + new String(json, StandardCharsets.UTF_8));
    }
}
