package ai.fonella.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ToolInvokerTests {

    /** What a deadline may overshoot by on a loaded two-core machine. */
    private static final long MARGIN_MILLIS = 400;

    private final InvokerFixtures fixtures = new InvokerFixtures();
    /** More than the 20 a set may hold, so built one by one, as an integration discovering methods would. */
    private final Map<String, ToolDefinition> definitions = byName(ToolDefinitions.findToolMethods(
            InvokerFixtures.class).stream().map(m -> ToolDefinitions.of(InvokerFixtures.class, m)).toList());
    private final List<ToolInvoker> invokers = new ArrayList<>();

    @AfterEach
    void closeInvokers() {
        invokers.forEach(ToolInvoker::close);
    }

    @Test
    void sendsStringsAsTheyAreWithoutJsonQuoting() {
        ToolOutcome outcome = invoke("quote", "{}");

        assertThat(outcome.result()).isEqualTo("He said \"hi\" and left.");
        assertThat(outcome.status()).isEqualTo(ToolOutcome.Status.SUCCESS);
        assertThat(outcome.isSuccess()).isTrue();
        assertThat(outcome.toolName()).isEqualTo("quote");
        assertThat(outcome.duration()).isPositive();
        assertThat(outcome.error()).isNull();
    }

    @Test
    void sendsOtherCharSequencesAsText() {
        assertThat(invoke("builder", "{\"text\":\"abc\"}").result()).isEqualTo("cba");
    }

    @Test
    void answersTheDoneTextForVoidMethods() {
        assertThat(invoke("nothing", "{\"text\":\"x\"}").result()).isEqualTo("Done.");
        ToolInvoker custom = track(ToolInvoker.builder().doneText("All set.").build());
        assertThat(custom.invoke(custom.prepare(definitions.get("nothing"), fixtures), ToolArguments.json("{\"text\":\"x\"}"),
                ToolCallContext.empty()).result()).isEqualTo("All set.");
    }

    @Test
    void rendersNumbersAndBooleansAsText() {
        assertThat(invoke("count", "{\"a\":40,\"b\":2}").result()).isEqualTo("42");
        assertThat(invoke("available", "{\"sku\":\"A-1\"}").result()).isEqualTo("true");
        assertThat(invoke("half", "{\"value\":5}").result()).isEqualTo("2.5");
    }

    @Test
    void rendersRecordsMapsAndCollectionsAsCompactJson() {
        assertThat(invoke("line", "{\"sku\":\"A-1\",\"quantity\":2}").result())
                .isEqualTo("{\"sku\":\"A-1\",\"quantity\":2}");
        assertThat(invoke("list", "{}").result()).isEqualTo("[\"a\",\"b\"]");
        assertThat(invoke("map", "{}").result()).isEqualTo("{\"a\":1,\"b\":2}");
    }

    @Test
    void rendersValuesThatSerializeToJsonStringsWithoutQuotes() {
        assertThat(invoke("shade", "{}").result()).isEqualTo("dark-green");
        assertThat(invoke("date", "{}").result()).isEqualTo("2026-11-24");
    }

    @Test
    void unwrapsOptionalsAndAnswersTheEmptyTextForNothing() {
        assertThat(invoke("find", "{\"key\":\"known\"}").result()).isEqualTo("found it");
        assertThat(invoke("find", "{\"key\":\"unknown\"}").result()).isEqualTo("No result.");
        assertThat(invoke("nothingFound", "{}").result()).isEqualTo("No result.");
    }

    @Test
    void sendsAnExplicitResultAndCountsAFailureAsAnError() {
        assertThat(invoke("book", "{\"free\":true}")).satisfies(o -> {
            assertThat(o.result()).isEqualTo("Booked.");
            assertThat(o.status()).isEqualTo(ToolOutcome.Status.SUCCESS);
        });
        assertThat(invoke("book", "{\"free\":false}")).satisfies(o -> {
            assertThat(o.result()).isEqualTo("That slot is taken.");
            assertThat(o.status()).isEqualTo(ToolOutcome.Status.ERROR);
            assertThat(o.error()).isNull();
        });
    }

    @Test
    void awaitsCompletionStages() {
        assertThat(invoke("later", "{\"text\":\"x\"}").result()).isEqualTo("later x");
        assertThat(invoke("laterNothing", "{}").result()).isEqualTo("Done.");
        ToolOutcome failed = invoke("laterFailing", "{}");
        assertThat(failed.result()).isEqualTo("Nothing to do later.");
        assertThat(failed.status()).isEqualTo(ToolOutcome.Status.ERROR);
    }

    @Test
    void sendsAToolResultExceptionMessageVerbatim() {
        ToolOutcome outcome = invoke("lookupOrder", "{\"orderNumber\":\"A-1042\",\"quantity\":1}");

        assertThat(outcome.result()).isEqualTo("I could not find order A-1042.");
        assertThat(outcome.status()).isEqualTo(ToolOutcome.Status.ERROR);
        assertThat(outcome.error()).isInstanceOf(ToolResultException.class);
    }

    @Test
    void answersTheGenericTextForAnyOtherExceptionAndNeverItsMessage() {
        ToolOutcome outcome = invoke("broken", "{}");

        assertThat(outcome.result()).isEqualTo(ToolInvoker.DEFAULT_ERROR_TEXT).doesNotContain("password");
        assertThat(outcome.status()).isEqualTo(ToolOutcome.Status.ERROR);
        assertThat(outcome.error()).isInstanceOf(IllegalStateException.class);

        ToolInvoker custom = track(ToolInvoker.builder().errorText("Our systems are down.").build());
        assertThat(custom.invoke(custom.prepare(definitions.get("broken"), fixtures), ToolArguments.none(),
                ToolCallContext.empty()).result()).isEqualTo("Our systems are down.");
    }

    @Test
    void letsAnErrorPolicyChangeEachText() {
        ToolErrorPolicy policy = new ToolErrorPolicy() {
            @Override
            public String onBadArguments(ToolDefinition tool, ToolArgumentException error) {
                return tool.name() + ": bad " + error.argument();
            }

            @Override
            public String onResultException(ToolDefinition tool, ToolResultException error) {
                return "Sorry: " + error.getMessage();
            }

            @Override
            public String onFailure(ToolDefinition tool, Throwable error, String genericText) {
                return error instanceof IllegalStateException ? "Try again tomorrow." : genericText;
            }

            @Override
            public String onTimeout(ToolDefinition tool, Duration timeout, String fallbackText) {
                return "Still working after " + timeout.toMillis() + " ms.";
            }
        };
        ToolInvoker invoker = track(ToolInvoker.builder().errorPolicy(policy).build());

        assertThat(invoke(invoker, "count", "{\"a\":1}").result()).isEqualTo("count: bad b");
        assertThat(invoke(invoker, "lookupOrder", "{\"orderNumber\":\"A\",\"quantity\":1}").result())
                .isEqualTo("Sorry: I could not find order A.");
        assertThat(invoke(invoker, "broken", "{}").result()).isEqualTo("Try again tomorrow.");
        assertThat(invoke(invoker, "never", "{}").result()).isEqualTo("Still working after 200 ms.");
    }

    @Test
    void keepsTheDefaultTextWhenTheErrorPolicyFails() {
        ToolErrorPolicy failing = new ToolErrorPolicy() {
            @Override
            public String onFailure(ToolDefinition tool, Throwable error, String genericText) {
                throw new IllegalArgumentException("policy bug");
            }
        };
        ToolInvoker invoker = track(ToolInvoker.builder().errorPolicy(failing).build());

        assertThat(invoke(invoker, "broken", "{}").result()).isEqualTo(ToolInvoker.DEFAULT_ERROR_TEXT);
    }

    @Test
    void namesAMissingArgument() {
        ToolOutcome outcome = invoke("lookupOrder", "{\"quantity\":1}");

        assertThat(outcome.status()).isEqualTo(ToolOutcome.Status.BAD_ARGUMENTS);
        assertThat(outcome.result()).isEqualTo("The argument 'orderNumber' is missing.");
        assertThat(((ToolArgumentException) outcome.error()).argument()).isEqualTo("orderNumber");
        assertThat(invoke("lookupOrder", "{\"orderNumber\":null,\"quantity\":1}").result())
                .isEqualTo("The argument 'orderNumber' is missing.");
    }

    @Test
    void namesAMistypedArgumentAndTheKindOfValueExpected() {
        assertThat(invoke("count", "{\"a\":\"many\",\"b\":1}").result())
                .isEqualTo("The argument 'a' must be a whole number from -2147483648 to 2147483647.");
        assertThat(invoke("available", "{\"sku\":{\"no\":1}}").result())
                .isEqualTo("The argument 'sku' must be text.");
        assertThat(invoke("search", "{\"query\":\"q\",\"limit\":1,\"exact\":true,\"tags\":[\"a\"],"
                + "\"near\":{\"street\":\"s\",\"zip\":\"z\"},\"shade\":\"purple\"}").result())
                .isEqualTo("The argument 'shade' must be one of: dark-green, LIGHT.");
    }

    @Test
    void namesMissingAndMistypedNestedArgumentsByTheirPath() {
        assertThat(invoke("deliver", "{\"address\":{\"street\":\"Main 1\"},\"items\":[]}").result())
                .isEqualTo("The argument 'address.zip' is missing.");
        assertThat(invoke("deliver", "{\"address\":{\"street\":\"Main 1\",\"zip\":\"1000\"},"
                + "\"items\":[{\"sku\":\"a\",\"quantity\":1},{\"quantity\":2}]}").result())
                .isEqualTo("The argument 'items[1].sku' is missing.");
        assertThat(invoke("deliver", "{\"address\":{\"street\":\"Main 1\",\"zip\":\"1000\"},"
                + "\"items\":[{\"sku\":\"a\",\"quantity\":\"lots\"}]}").result())
                .isEqualTo("The argument 'items[0].quantity' must be a whole number from -2147483648 to "
                        + "2147483647.");
    }

    @Test
    void rejectsArgumentsThatAreNotAJsonObject() {
        assertThat(invoke("count", "[1, 2]")).satisfies(o -> {
            assertThat(o.status()).isEqualTo(ToolOutcome.Status.BAD_ARGUMENTS);
            assertThat(o.result()).startsWith("The arguments must be a JSON object");
        });
        assertThat(invoke("count", "{\"a\": 1,").result()).startsWith("The arguments are not valid JSON");
    }

    @Test
    void refusesUnknownArgumentsByNameAsTheSchemaDoes() {
        assertThat(invoke("count", "{\"a\":1,\"b\":2,\"c\":3}").result())
                .isEqualTo("The argument 'c' is not known here; send only a, b.");
        assertThat(invoke("deliver", "{\"address\":{\"street\":\"Main 1\",\"zip\":\"1000\",\"country\":\"CH\"},"
                + "\"items\":[]}").result()).startsWith("The argument 'address.country' is not known here");
    }

    @Test
    void namesTheRangeOfAnOutOfRangeNumber() {
        assertThat(invoke("count", "{\"a\":2147483648,\"b\":1}").result())
                .isEqualTo("The argument 'a' must be a whole number from -2147483648 to 2147483647.");
    }

    @Test
    void refusesNullForAnOptionalArgumentInsteadOfTakingItAsAbsent() {
        assertThat(invoke("search", "{\"query\":\"q\",\"limit\":1,\"exact\":true,\"tags\":[\"a\"],"
                + "\"near\":{\"street\":\"Main 1\",\"zip\":\"8000\"},\"shade\":\"dark-green\",\"radius\":null}").result())
                .isEqualTo("The argument 'radius' must not be null; leave it out when there is no value.");
    }

    @Test
    void treatsAnEmptyBodyAsNoArguments() {
        ToolInvoker invoker = invoker();
        assertThat(invoker.invoke(invoker.prepare(definitions.get("list"), fixtures), ToolArguments.json(new byte[0]),
                ToolCallContext.empty()).result()).isEqualTo("[\"a\",\"b\"]");
        assertThat(invoker.invoke(invoker.prepare(definitions.get("count"), fixtures), ToolArguments.json(" "),
                ToolCallContext.empty()).result()).isEqualTo("The argument 'a' is missing.");
    }

    @Test
    void acceptsArgumentsAsBytesTextOrTree() throws Exception {
        ToolInvoker invoker = invoker();
        InvocableTool tool = invoker.prepare(definitions.get("count"), fixtures);
        String json = "{\"a\":2,\"b\":3}";

        assertThat(invoker.invoke(tool, ToolArguments.json(json.getBytes()), null).result()).isEqualTo("5");
        assertThat(invoker.invoke(tool, ToolArguments.json(json), null).result()).isEqualTo("5");
        assertThat(invoker.invoke(tool, ToolArguments.json(JsonMapper.shared().readTree(json)), null).result())
                .isEqualTo("5");
    }

    @Test
    void bindsQueryParametersOfGetToolsPerTheSchema() {
        ToolInvoker invoker = invoker();
        InvocableTool tool = invoker.prepare(definitions.get("search"), fixtures);

        ToolOutcome outcome = invoker.invoke(tool, ToolArguments.query(Map.of(
                "query", List.of("red shoes"),
                "limit", List.of("5"),
                "exact", List.of("TRUE"),
                "tags", List.of("a", "b"),
                "near", List.of("{\"street\":\"Main 1\",\"zip\":\"8000\"}"),
                "shade", List.of("dark-green"),
                "radius", List.of("2.5"))), ToolCallContext.empty());
        assertThat(outcome.result()).isEqualTo("red shoes|5|true|[a, b]|8000|DARK_GREEN|2.5");

        ToolOutcome mistyped = invoker.invoke(tool, ToolArguments.query(Map.of("query", List.of("q"), "limit",
                List.of("five"), "exact", List.of("false"), "tags", List.of("x"), "near",
                List.of("{\"street\":\"s\",\"zip\":\"z\"}"), "shade", List.of("LIGHT"))), ToolCallContext.empty());
        assertThat(mistyped.result()).isEqualTo("The argument 'limit' must be a whole number from -2147483648 to 2147483647.");

        ToolOutcome notJson = invoker.invoke(tool, ToolArguments.query(Map.of("query", List.of("q"), "near",
                List.of("Main street"))), ToolCallContext.empty());
        assertThat(notJson.result()).isEqualTo("The argument 'near' must be JSON text.");
    }

    @Test
    void injectsTheCallContext() {
        ToolInvoker invoker = invoker();
        ToolCallContext context = ToolCallContext.fromHeaders(Map.of(
                "x-fonella-call-id", List.of("call_1"),
                "X-FONELLA-TOOL-CALL-ID", List.of("tc_9"),
                "user-agent", List.of("Fonella/1"),
                "X-Fonella-Tool-Secret", List.of("s3cret")));

        ToolOutcome outcome = invoker.invoke(invoker.prepare(definitions.get("whoCalls"), fixtures),
                ToolArguments.json("{\"name\":\"Ada\"}"), context);

        assertThat(outcome.result()).isEqualTo("Ada in call call_1/tc_9 via Fonella/1");
        assertThat(context.headers()).doesNotContainKey("X-Fonella-Tool-Secret");
        assertThat(context.toString()).doesNotContain("Fonella/1").doesNotContain("s3cret");
        assertThat(invoke("whoCalls", "{\"name\":\"Bob\"}").result()).isEqualTo("Bob in call null/null via ?");
    }

    @Test
    void invokesThroughAJdkProxyOfTheInterface() {
        ToolInvoker invoker = invoker();
        AtomicReference<String> seen = new AtomicReference<>();
        Greeter proxy = (Greeter) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Greeter.class}, (p, method, args) -> {
                    seen.set(method.getName());
                    return method.invoke(fixtures, args);
                });

        ToolOutcome outcome = invoker.invoke(invoker.prepare(definitions.get("greet"), proxy),
                ToolArguments.json("{\"name\":\"Ada\"}"), ToolCallContext.empty());

        assertThat(outcome.result()).isEqualTo("Hello Ada!");
        assertThat(seen.get()).isEqualTo("greet");
    }

    @Test
    void invokesOnASubclassInstanceWithItsOverride() {
        ToolInvoker invoker = invoker();
        InvokerFixtures subclass = new InvokerFixtures() {
            @Override
            public int count(int a, int b) {
                return a * b;
            }
        };

        assertThat(invoker.invoke(invoker.prepare(definitions.get("count"), subclass),
                ToolArguments.json("{\"a\":6,\"b\":7}"), ToolCallContext.empty()).result()).isEqualTo("42");
    }

    @Test
    void invokesStaticToolsWithoutATarget() {
        ToolInvoker invoker = invoker();
        assertThat(invoker.invoke(invoker.prepare(definitions.get("add"), null), ToolArguments.json("{\"a\":1,\"b\":2}"),
                ToolCallContext.empty()).result()).isEqualTo("3");
    }

    @Test
    void refusesATargetThatCannotServeTheMethod() {
        ToolInvoker invoker = invoker();

        assertThatThrownBy(() -> invoker.prepare(definitions.get("count"), "not a tool object"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String")
                .hasMessageContaining("pass an instance of " + InvokerFixtures.class.getName());
        assertThatThrownBy(() -> invoker.prepare(definitions.get("count"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pass the object to invoke it on");
    }

    @Test
    void answersTheFallbackAtTheDeadlineAndInterruptsTheHandler() throws InterruptedException {
        long start = System.nanoTime();
        ToolOutcome outcome = invoke("block", "{}");
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(outcome.status()).isEqualTo(ToolOutcome.Status.TIMEOUT);
        assertThat(outcome.result()).isEqualTo(ToolInvoker.DEFAULT_TIMEOUT_TEXT);
        assertThat(outcome.error()).isInstanceOf(TimeoutException.class);
        assertThat(elapsed).isBetween(190L, 200 + MARGIN_MILLIS);
        assertThat(fixtures.interrupted.await(2, TimeUnit.SECONDS)).as("handler interrupted").isTrue();
    }

    @Test
    void answersInTimeEvenWhenTheHandlerIgnoresInterrupts() throws InterruptedException {
        ToolInvoker invoker = track(ToolInvoker.builder().timeoutText("One moment please.").build());
        long start = System.nanoTime();
        ToolOutcome outcome = invoke(invoker, "spin", "{}");
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        fixtures.stopSpinning = true;

        assertThat(outcome.result()).isEqualTo("One moment please.");
        assertThat(elapsed).isLessThan(200 + MARGIN_MILLIS);
    }

    @Test
    void appliesTheDeadlineToCompletionStages() {
        long start = System.nanoTime();
        ToolOutcome outcome = invoke("never", "{}");

        assertThat(outcome.status()).isEqualTo(ToolOutcome.Status.TIMEOUT);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(200 + MARGIN_MILLIS);
    }

    @Test
    void takesTheTimeoutFromTheBuilderThenTheAnnotationThenTheDefault() {
        ToolInvoker invoker = track(ToolInvoker.builder().defaultTimeout(Duration.ofSeconds(3))
                .timeout("block", Duration.ofMillis(150)).build());

        assertThat(invoker.prepare(definitions.get("block"), fixtures).timeout()).isEqualTo(Duration.ofMillis(150));
        assertThat(invoker.prepare(definitions.get("spin"), fixtures).timeout()).isEqualTo(Duration.ofMillis(200));
        assertThat(invoker.prepare(definitions.get("count"), fixtures).timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(invoker().prepare(definitions.get("count"), fixtures).timeout()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void refusesDeadlinesThatAreNotBelowThePlatformLimitAndBlankTexts() {
        assertThatThrownBy(() -> ToolInvoker.builder().defaultTimeout(Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("below 5 seconds");
        assertThatThrownBy(() -> ToolInvoker.builder().timeout("x", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("above zero");
        assertThatThrownBy(() -> ToolInvoker.builder().timeoutText(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeoutText");
    }

    @Test
    void countsTheDeadlineFromTheCallsArrival() {
        ToolInvoker invoker = invoker();
        InvocableTool block = invoker.prepare(definitions.get("block"), fixtures);
        long arrival = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(150);

        ToolOutcome outcome = invoker.invoke(block, ToolArguments.none(), ToolCallContext.empty(), arrival);

        assertThat(outcome.status()).isEqualTo(ToolOutcome.Status.TIMEOUT);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - arrival)).isLessThan(200 + MARGIN_MILLIS);
    }

    @Test
    void answersWithTheFallbackWithoutRunningTheHandlerWhenNothingIsLeftOfTheBudget() {
        ToolInvoker invoker = invoker();
        InvocableTool count = invoker.prepare(definitions.get("count"), fixtures);
        long arrival = System.nanoTime() - TimeUnit.SECONDS.toNanos(5);
        List<ToolOutcome> inline = new CopyOnWriteArrayList<>();

        ToolOutcome viaExecutor = invoker.invoke(count, ToolArguments.json("{\"a\":1,\"b\":2}"), ToolCallContext.empty(),
                arrival);
        invoker.invokeInline(count, ToolArguments.json("{\"a\":1,\"b\":2}"), ToolCallContext.empty(), arrival, inline::add);

        assertThat(viaExecutor.status()).isEqualTo(ToolOutcome.Status.TIMEOUT);
        assertThat(inline).singleElement().extracting(ToolOutcome::status).isEqualTo(ToolOutcome.Status.TIMEOUT);
        assertThat(fixtures.counted.get()).isZero();
    }

    @Test
    void invokesInlineOnTheCallingThread() {
        ToolInvoker invoker = invoker();
        List<ToolOutcome> outcomes = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();

        invoker.invokeInline(invoker.prepare(definitions.get("nothing"), fixtures), ToolArguments.json("{\"text\":\"x\"}"),
                ToolCallContext.empty(), outcome -> {
                    outcomes.add(outcome);
                    threads.add(Thread.currentThread());
                });

        assertThat(outcomes).extracting(ToolOutcome::result).containsExactly("Done.");
        assertThat(threads).containsExactly(Thread.currentThread());
        assertThat(fixtures.handlerThread.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void reportsTheFallbackOfAnInlineInvocationFromTheWatchdogAtTheDeadline() throws Exception {
        ToolInvoker invoker = invoker();
        CompletableFuture<ToolOutcome> reported = new CompletableFuture<>();
        CompletableFuture<Long> reportedAt = new CompletableFuture<>();
        List<ToolOutcome> all = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();

        invoker.invokeInline(invoker.prepare(definitions.get("block"), fixtures), ToolArguments.none(),
                ToolCallContext.empty(), outcome -> {
                    all.add(outcome);
                    reportedAt.complete(System.nanoTime());
                    reported.complete(outcome);
                });

        assertThat(reported.get(2, TimeUnit.SECONDS).status()).isEqualTo(ToolOutcome.Status.TIMEOUT);
        assertThat(TimeUnit.NANOSECONDS.toMillis(reportedAt.get() - start)).isBetween(190L, 200 + MARGIN_MILLIS);
        assertThat(fixtures.interrupted.getCount()).as("handler interrupted").isZero();
        assertThat(Thread.currentThread().isInterrupted()).as("caller's interrupt cleared").isFalse();
        assertThat(all).as("reported exactly once").hasSize(1);
    }

    @Test
    void reportsInlineFailuresAndBadArgumentsOnce() {
        ToolInvoker invoker = invoker();
        List<ToolOutcome> outcomes = new CopyOnWriteArrayList<>();

        invoker.invokeInline(invoker.prepare(definitions.get("broken"), fixtures), ToolArguments.none(),
                ToolCallContext.empty(), outcomes::add);
        invoker.invokeInline(invoker.prepare(definitions.get("count"), fixtures), ToolArguments.json("{\"a\":1}"),
                ToolCallContext.empty(), outcomes::add);
        invoker.invokeInline(invoker.prepare(definitions.get("later"), fixtures), ToolArguments.json("{\"text\":\"x\"}"),
                ToolCallContext.empty(), outcomes::add);

        assertThat(outcomes).hasSizeGreaterThanOrEqualTo(2);
        assertThat(outcomes.get(0).status()).isEqualTo(ToolOutcome.Status.ERROR);
        assertThat(outcomes.get(1).result()).isEqualTo("The argument 'b' is missing.");
    }

    @Test
    void servesConcurrentCallsCorrectly() throws Exception {
        ToolInvoker invoker = invoker();
        InvocableTool tool = invoker.prepare(definitions.get("count"), fixtures);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t * 1000;
                results.add(callers.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        String result = invoker.invoke(tool, ToolArguments.json("{\"a\":" + (offset + i) + ",\"b\":1}"),
                                ToolCallContext.empty()).result();
                        if (!result.equals(String.valueOf(offset + i + 1))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get(20, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void runsHandlersOnAGivenExecutor() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "custom-tool-thread"));
        try {
            ToolInvoker invoker = track(ToolInvoker.builder().executor(executor).build());
            invoke(invoker, "nothing", "{\"text\":\"x\"}");
            assertThat(fixtures.handlerThread.get().getName()).isEqualTo("custom-tool-thread");
        } finally {
            executor.shutdownNow();
        }
    }

    private ToolOutcome invoke(String tool, String json) {
        return invoke(invoker(), tool, json);
    }

    private ToolOutcome invoke(ToolInvoker invoker, String tool, String json) {
        ToolDefinition definition = definitions.get(tool);
        assertThat(definition).as("tool %s", tool).isNotNull();
        return invoker.invoke(invoker.prepare(definition, fixtures), ToolArguments.json(json), ToolCallContext.empty());
    }

    private ToolInvoker invoker() {
        return track(ToolInvoker.builder().build());
    }

    private ToolInvoker track(ToolInvoker invoker) {
        invokers.add(invoker);
        return invoker;
    }

    private static Map<String, ToolDefinition> byName(List<ToolDefinition> definitions) {
        Map<String, ToolDefinition> map = new java.util.HashMap<>();
        definitions.forEach(d -> map.put(d.name(), d));
        return map;
    }

    static CountDownLatch latch() {
        return new CountDownLatch(1);
    }
}
