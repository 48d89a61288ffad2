package ai.fonella.bench;

import ai.fonella.bench.tools.BookingTools;
import ai.fonella.tool.InvocableTool;
import ai.fonella.tool.ToolArguments;
import ai.fonella.tool.ToolCallContext;
import ai.fonella.tool.ToolDefinition;
import ai.fonella.tool.ToolDefinitions;
import ai.fonella.tool.ToolInvoker;
import ai.fonella.tool.ToolOutcome;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.ai.tool.method.MethodToolCallback;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 7, item 1: one tool call from raw JSON arguments to the result string, for the three-argument
 * {@link BookingTools#bookTable} method. {@code fonellaInvokeInline} is the path the starter uses
 * (with the request made asynchronous, see FonellaToolHandler); {@code fonellaInvoke} hands the
 * handler to the invoker's executor and blocks, the starter's fallback where servlet async is off;
 * {@code springAi} is Spring AI's {@link MethodToolCallback#call(String)} on the same method and
 * object; {@code handWritten} is Jackson {@code readTree} plus a direct call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ToolInvocationBenchmark {

    private final BookingTools target = new BookingTools();
    private ToolInvoker invoker;
    private InvocableTool tool;
    private MethodToolCallback springAi;
    private JsonMapper handMapper;
    private String json;
    private byte[] body;
    private ToolOutcome lastInline;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        json = BookingTools.ARGUMENTS_JSON;
        body = json.getBytes(StandardCharsets.UTF_8);
        invoker = ToolInvoker.builder().build();
        Method method = BookingTools.class.getMethod("bookTable", String.class, BookingTools.Seating.class,
                BookingTools.Party.class);
        ToolDefinition definition = ToolDefinitions.of(BookingTools.class, method);
        tool = invoker.prepare(definition, target);
        springAi = MethodToolCallback.builder()
                .toolDefinition(org.springframework.ai.tool.support.ToolDefinitions.from(method))
                .toolMethod(method)
                .toolObject(target)
                .build();
        handMapper = JsonMapper.builder().build();
        // every variant answers the same text (Spring AI JSON-quotes it)
        String expected = handWritten();
        check(expected, fonellaInvoke());
        check(expected, fonellaInvokeInline());
        check("\"" + expected + "\"", springAi());
    }

    private static void check(String expected, String actual) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException("Expected " + expected + " but got " + actual);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        invoker.close();
    }

    /** Binds on the caller, runs the handler on the invoker's pool and waits (the starter's fallback path). */
    @Benchmark
    public String fonellaInvoke() {
        return invoker.invoke(tool, ToolArguments.parse(body), ToolCallContext.empty()).result();
    }

    /**
     * What the starter's endpoint does: the body read with the one argument reader (strict UTF-8,
     * exact numbers, duplicate keys refused), the handler on the calling thread, the deadline kept
     * by the watchdog and counted from arrival.
     */
    @Benchmark
    public String fonellaInvokeInline() {
        long arrival = System.nanoTime();
        invoker.invokeInline(tool, ToolArguments.parse(body), ToolCallContext.empty(), arrival, o -> lastInline = o);
        return lastInline.result();
    }

    @Benchmark
    public String springAi() {
        return springAi.call(json);
    }

    @Benchmark
    public String handWritten() {
        JsonNode node = handMapper.readTree(json);
        String name = node.get("customerName").asString();
        BookingTools.Seating seating = BookingTools.Seating.valueOf(node.get("seating").asString());
        BookingTools.Party party = handMapper.treeToValue(node.get("party"), BookingTools.Party.class);
        return target.bookTable(name, seating, party);
    }
}
