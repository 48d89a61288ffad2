package ai.fonella.bench;

import ai.fonella.bench.tools.TwentyTools;
import ai.fonella.tool.ToolSchemaGenerator;
import ai.fonella.tool.ToolDefinition;
import ai.fonella.tool.ToolDefinitions;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.springframework.ai.util.json.schema.JsonSchemaGenerator;

/**
 * Issue 7, item 2 (warm): the input schemas of the 20 {@link TwentyTools} methods, against Spring
 * AI's {@link JsonSchemaGenerator#generateForMethodInput} on the same methods. {@code fonellaGenerate}
 * runs the generator itself every time (the fair comparison); {@code fonellaDefinitions} is what an
 * application calls ({@link ToolDefinitions#of}: validation plus the per-class schema cache, so a
 * copy); {@code springAiDefinitions} is Spring AI's {@code ToolDefinitions.from} (name, description
 * and the same schema generation). The cold numbers are {@link SchemaColdStartBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 8, time = 2) // a call takes milliseconds: the JIT needs a while for all of victools
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SchemaGenerationBenchmark {

    private final List<Method> methods = TwentyTools.toolMethods();

    @Benchmark
    public void fonellaGenerate(Blackhole bh) {
        ToolSchemaGenerator generator = ToolSchemaGenerator.standard();
        for (Method method : methods) {
            bh.consume(generator.inputSchema(TwentyTools.class, method));
        }
    }

    @Benchmark
    public void springAiGenerate(Blackhole bh) {
        for (Method method : methods) {
            bh.consume(JsonSchemaGenerator.generateForMethodInput(method));
        }
    }

    @Benchmark
    public List<ToolDefinition> fonellaDefinitions() {
        List<ToolDefinition> definitions = new ArrayList<>(methods.size());
        for (Method method : methods) {
            definitions.add(ToolDefinitions.of(TwentyTools.class, method));
        }
        ToolDefinitions.requireValidSet(definitions);
        return definitions;
    }

    @Benchmark
    public void springAiDefinitions(Blackhole bh) {
        for (Method method : methods) {
            bh.consume(org.springframework.ai.tool.support.ToolDefinitions.from(method));
        }
    }

}
