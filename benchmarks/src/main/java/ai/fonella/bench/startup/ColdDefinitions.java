package ai.fonella.bench.startup;

import ai.fonella.bench.tools.TwentyTools;
import ai.fonella.tool.ToolCatalog;
import ai.fonella.tool.ToolDefinition;
import ai.fonella.tool.ToolDefinitions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * The cold schema shot of {@code SchemaColdStartBenchmark.fonella} as a plain {@code main}, for JVM
 * options JMH forks cannot take (an AppCDS archive needs a class path of jars only): logging up,
 * then {@link ToolDefinitions#fromClass} of the 20 tools, timed. Used by {@code cold-cds.sh}.
 *
 * <p>With {@code --catalog}, the definitions come from the build instead: the {@link ToolCatalog} on
 * the class path is loaded and each definition taken from it, timed the same way (used by
 * {@code cold-catalog.sh}). {@code --write DIR} writes that catalog for the 20 tools into {@code DIR}.
 */
public final class ColdDefinitions {

    private ColdDefinitions() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--write")) {
            Path file = Path.of(args[1], ToolCatalog.RESOURCE);
            Files.createDirectories(file.getParent());
            Files.write(file, ToolCatalog.render(ToolDefinitions.fromClass(TwentyTools.class), null));
            return;
        }
        boolean fromCatalog = args.length == 1 && args[0].equals("--catalog");
        LoggerFactory.getLogger(ColdDefinitions.class).debug("logging is up");
        long start = System.nanoTime();
        List<ToolDefinition> definitions;
        if (fromCatalog) {
            ToolCatalog catalog = ToolCatalog.load(ColdDefinitions.class.getClassLoader());
            definitions = ToolDefinitions.findToolMethods(TwentyTools.class).stream()
                    .map(method -> ToolDefinitions.of(TwentyTools.class, method, catalog)).toList();
            if (catalog.isEmpty()) {
                throw new IllegalStateException("no " + ToolCatalog.RESOURCE + " on the class path");
            }
        } else {
            definitions = ToolDefinitions.fromClass(TwentyTools.class);
        }
        long took = System.nanoTime() - start;
        if (definitions.size() != 20) {
            throw new IllegalStateException("expected 20 tools, got " + definitions.size());
        }
        System.out.println(String.format(Locale.ROOT, "COLD %.1f", took / 1e6));
    }
}
