package ai.fonella.bench.startup;

import ai.fonella.bench.tools.TwentyTools;
import ai.fonella.tool.FonellaTool;
import ai.fonella.tool.ToolCatalog;
import ai.fonella.tool.ToolDefinition;
import ai.fonella.tool.ToolDefinitions;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The cold schema shot of {@code SchemaColdStartBenchmark.fonella} as a plain {@code main}, for JVM
 * options JMH forks cannot take (an AppCDS archive needs a class path of jars only): logging up,
 * then {@link ToolDefinitions#fromClass} of the 20 tools, timed. Used by {@code cold-cds.sh}.
 *
 * <p>With {@code --catalog}, the definitions come from the build instead: the {@link ToolCatalog} on
 * the class path is loaded and each definition taken from it, timed the same way (used by
 * {@code cold-catalog.sh}). {@code --write DIR} writes that catalog for the 20 tools into {@code DIR}.
 *
 * <p>With {@code --floor}, it times instead, in a fresh JVM with logging up, the first use of what
 * any check of a build-time JSON catalog needs, each with the least work: reading the catalog from
 * the class path, jackson-core reading its tokens (no tree built), one SHA-256 over its bytes (any
 * fingerprint digests something) and finding the 20 annotated methods by reflection (they are
 * what the tools are served by). Nothing of Fonella runs. The sum is a floor for the shot on this
 * JVM and machine: what the JVM spends before the first line of such a check can do its own work.
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
        if (args.length == 1 && args[0].equals("--floor")) {
            floor();
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

    private static void floor() throws Exception {
        LoggerFactory.getLogger(ColdDefinitions.class).debug("logging is up");
        long start = System.nanoTime();
        byte[] document;
        try (InputStream in = ColdDefinitions.class.getClassLoader().getResourceAsStream(ToolCatalog.RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + ToolCatalog.RESOURCE + " on the class path");
            }
            document = in.readAllBytes();
        }
        long read = System.nanoTime();
        int tokens = 0;
        try (JsonParser parser = new JsonFactory().createParser(ObjectReadContext.empty(), document)) {
            while (parser.nextToken() != null) {
                tokens++;
            }
        }
        long parsed = System.nanoTime();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(document);
        long digested = System.nanoTime();
        long methods = Arrays.stream(TwentyTools.class.getDeclaredMethods())
                .filter(method -> method.getAnnotation(FonellaTool.class) != null).count();
        long found = System.nanoTime();
        if (methods != 20 || tokens == 0 || digest.length != 32) {
            throw new IllegalStateException("expected 20 tools, got " + methods);
        }
        System.out.println(String.format(Locale.ROOT, "COLD %.1f", (found - start) / 1e6));
        System.out.println(String.format(Locale.ROOT, "PART read %.1f%nPART tokens %.1f%nPART sha256 %.1f%n"
                + "PART methods %.1f", (read - start) / 1e6, (parsed - read) / 1e6, (digested - parsed) / 1e6,
                (found - digested) / 1e6));
    }
}
