package ai.fonella.bench.startup;

import ai.fonella.bench.tools.TwentyTools;
import ai.fonella.tool.ToolDefinition;
import ai.fonella.tool.ToolDefinitions;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * The cold schema shot of {@code SchemaColdStartBenchmark.fonella} as a plain {@code main}, for JVM
 * options JMH forks cannot take (an AppCDS archive needs a class path of jars only): logging up,
 * then {@link ToolDefinitions#fromClass} of the 20 tools, timed. Used by {@code cold-cds.sh}.
 */
public final class ColdDefinitions {

    private ColdDefinitions() {
    }

    public static void main(String[] args) {
        LoggerFactory.getLogger(ColdDefinitions.class).debug("logging is up");
        long start = System.nanoTime();
        List<ToolDefinition> definitions = ToolDefinitions.fromClass(TwentyTools.class);
        long took = System.nanoTime() - start;
        if (definitions.size() != 20) {
            throw new IllegalStateException("expected 20 tools, got " + definitions.size());
        }
        System.out.println(String.format(Locale.ROOT, "COLD %.1f", took / 1e6));
    }
}
