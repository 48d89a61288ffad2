package ai.fonella.maven;

import ai.fonella.support.FonellaJson;
import ai.fonella.sync.ToolEndpoint;
import ai.fonella.tool.ToolDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes tool definitions as a JSON document for review in pull requests and for diffing between
 * builds. Sends nothing.
 *
 * <pre>
 * {
 *   "tools" : [ {
 *     "name" : "lookupOrder",
 *     "description" : "Looks up an order by its number.",
 *     "method" : "POST",
 *     "url" : "https://shop.example.com/fonella/tools/lookupOrder",
 *     "inputSchema" : { ... }
 *   } ]
 * }
 * </pre>
 *
 * <ul>
 * <li>Tools are ordered by name, fields as above; the same classes give the same bytes on every
 *     machine (two-space indentation, {@code \n} line ends, a final newline, no timestamp).</li>
 * <li>{@code url} is present only when {@code publicUrl} is configured; it is derived by
 *     {@link ToolEndpoint} exactly as the starter and {@code fonella:sync} derive it. Without a public
 *     URL the file does not depend on the environment at all.</li>
 * <li>Headers are never written: they carry the tool secret.</li>
 * <li>{@code inputSchema} is the definition's schema node as fonella-core computed it, written by
 *     fonella-core's wire mapper ({@link FonellaJson#mapper()}), the one the client uses to send it.
 *     Read back and written compactly by that mapper, it gives exactly the bytes the starter and
 *     {@code fonella:sync} send in {@code POST /v1/tools}.</li>
 * </ul>
 */
final class ToolExporter {

    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));

    private ToolExporter() {
    }

    /**
     * Renders the document.
     *
     * @param definitions the definitions, in any order
     * @param endpoint where the app serves its tools, or {@code null} to leave out {@code url}
     * @return the UTF-8 bytes of the document, ending with a newline
     */
    static byte[] render(List<ToolDefinition> definitions, ToolEndpoint endpoint) {
        ObjectNode document = FonellaJson.mapper().createObjectNode();
        ArrayNode tools = document.putArray("tools");
        definitions.stream().sorted(Comparator.comparing(ToolDefinition::name)).forEach(definition -> {
            ObjectNode tool = tools.addObject();
            tool.put("name", definition.name());
            tool.put("description", definition.description());
            tool.put("method", definition.httpMethod().name());
            if (endpoint != null) {
                tool.put("url", endpoint.toolUrl(definition.name()));
            }
            tool.set("inputSchema", definition.inputSchema());
        });
        String json = FonellaJson.mapper().writer().with(PRETTY).writeValueAsString(document);
        return (json + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Writes the document unless the file already holds exactly these bytes (which keeps its
     * modification time for incremental builds).
     *
     * @param file the file; missing parent directories are created
     * @param content the document
     * @return whether the file was written
     * @throws IOException when it cannot be written
     */
    static boolean write(Path file, byte[] content) throws IOException {
        if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), content)) {
            return false;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, content);
        return true;
    }
}
