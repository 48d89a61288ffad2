package ai.fonella.bench;

import ai.fonella.bench.tools.TwentyTools;
import ai.fonella.tool.ToolDefinition;
import ai.fonella.tool.ToolDefinitions;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Issue 7, item 2 (cold): the definitions of 20 tools as the first thing a fresh JVM does, class
 * loading and initialization of Jackson and victools included. One shot per fork, many forks.
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

    @Benchmark
    public List<ToolDefinition> fonella() {
        List<ToolDefinition> definitions = ToolDefinitions.fromClass(TwentyTools.class);
        if (definitions.size() != 20) {
            throw new IllegalStateException("expected 20 tools, got " + definitions.size());
        }
        return definitions;
    }

    @Benchmark
    public void springAi(Blackhole bh) {
        List<Method> methods = TwentyTools.toolMethods();
        for (Method method : methods) {
            bh.consume(org.springframework.ai.tool.support.ToolDefinitions.from(method));
        }
        if (methods.size() != 20) {
            throw new IllegalStateException("expected 20 tools, got " + methods.size());
        }
    }
}
