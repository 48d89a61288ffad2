package ai.fonella.bench;

import ai.fonella.bench.tools.TwentyTools;
import ai.fonella.tool.ToolDefinition;
import ai.fonella.tool.ToolDefinitions;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.apache.commons.logging.LogFactory;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.slf4j.LoggerFactory;

/**
 * Issue 7, item 2 (cold): the definitions of 20 tools as the first thing a fresh JVM does, class
 * loading and initialization of Jackson and victools included. One shot per fork, many forks.
 * Logging (SLF4J with Logback, as on the benchmark class path) is initialized before the shot, as
 * it is in any application or build by the time tools are defined; {@code *WithLogging} includes it
 * too (about 70 ms here, paid by whichever code logs first).
 * {@code fonella} is {@link ToolDefinitions#fromClass} (discovery, validation, schemas);
 * {@code springAi} is Spring AI's {@code ToolDefinitions.from} for each of the same methods.
 * Method discovery by reflection is outside the measurement for Spring AI only where it is cheap
 * ({@code getDeclaredMethods} of one class); both pay the annotation look-ups they need.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 20, jvmArgsAppend = {"-Xms256m", "-Xmx1g"})
public class SchemaColdStartBenchmark {

    /** Initializes logging outside the measured shot. */
    @State(Scope.Benchmark)
    public static class LoggingUp {
        @Setup(Level.Trial)
        public void setUp() {
            LoggerFactory.getLogger(SchemaColdStartBenchmark.class).debug("logging is up");
            LogFactory.getLog(SchemaColdStartBenchmark.class).debug("commons-logging is up");
        }
    }

    @Benchmark
    public List<ToolDefinition> fonella(LoggingUp logging) {
        return fonellaDefinitions();
    }

    @Benchmark
    public void springAi(LoggingUp logging, Blackhole bh) {
        springAiDefinitions(bh);
    }

    @Benchmark
    public List<ToolDefinition> fonellaWithLogging() {
        return fonellaDefinitions();
    }

    @Benchmark
    public void springAiWithLogging(Blackhole bh) {
        springAiDefinitions(bh);
    }

    private static List<ToolDefinition> fonellaDefinitions() {
        List<ToolDefinition> definitions = ToolDefinitions.fromClass(TwentyTools.class);
        if (definitions.size() != 20) {
            throw new IllegalStateException("expected 20 tools, got " + definitions.size());
        }
        return definitions;
    }

    private static void springAiDefinitions(Blackhole bh) {
        List<Method> methods = TwentyTools.toolMethods();
        for (Method method : methods) {
            bh.consume(org.springframework.ai.tool.support.ToolDefinitions.from(method));
        }
        if (methods.size() != 20) {
            throw new IllegalStateException("expected 20 tools, got " + methods.size());
        }
    }
}
