package ai.fonella.maven;

import ai.fonella.sync.ToolEndpoint;
import ai.fonella.tool.ToolCatalog;
import ai.fonella.tool.ToolDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the tool catalog document ({@link ToolCatalog#render}, the format Spring AOT writes too)
 * for review in pull requests and for diffing between builds. Sends nothing.
 */
final class ToolExporter {

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
        return ToolCatalog.render(definitions, endpoint == null ? null : endpoint::toolUrl);
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
