package ai.fonella.tool;

import ai.fonella.internal.KotlinSupport;
import ai.fonella.internal.Types;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Invokes tools: binds the raw arguments to the method's parameters, calls the method under a
 * deadline, and turns whatever happens into a {@link ToolOutcome} whose text the assistant can
 * speak. Configure one per application with {@link #builder()}; it is thread-safe.
 *
 * <pre>{@code
 * ToolInvoker invoker = ToolInvoker.builder().build();
 * InvocableTool tool = invoker.prepare(definition, orderTools);          // once, at startup
 * ToolOutcome outcome = invoker.invoke(tool, ToolArguments.json(body),   // per call
 *         ToolCallContext.fromHeaders(headers));
 * respond(200, Map.of("result", outcome.result()));
 * }</pre>
 *
 * <h2>Arguments</h2>
 * A {@code POST} body is a JSON object with one property per argument (or, for a tool whose only
 * parameter is a record or bean, that record's properties). A {@code GET} call's query parameters
 * are converted per the schema (see {@link ToolArguments#query(Map)}). <b>The tool's input schema is
 * the contract</b>: what it admits binds, to the same value, and what it refuses (a missing or
 * unknown argument, {@code null}, a value of the wrong type, out of range, too long, not matching a
 * pattern or format, also nested) ends the invocation with
 * {@link ToolOutcome.Status#BAD_ARGUMENTS} and a sentence naming the argument, e.g. "The argument
 * 'orderNumber' is missing.", which lets the assistant correct itself. Binding uses Jackson with
 * readers resolved once per method.
 *
 * <h2>Results</h2>
 * {@code String} and other {@code CharSequence}s are sent as they are (never JSON-quoted);
 * {@code void} (and {@code CompletionStage<Void>}) gives the "done" text; numbers, booleans and
 * characters their text; {@code Optional}s are unwrapped; {@code null} or an empty {@code Optional}
 * gives the "empty result" text; a {@link ToolResult} its text (a failure counts as
 * {@link ToolOutcome.Status#ERROR}); a {@link CompletionStage} is awaited within the same deadline;
 * anything else (records, maps, collections) is compact JSON, and a value that serializes to a JSON
 * string (an enum, a UUID, a date) is that string.
 *
 * <h2>Kotlin</h2>
 * An absent argument of a parameter with a default value gets the Kotlin default (the function is
 * called with {@code KFunction.callBy}); a {@code suspend} function is awaited like a
 * {@link CompletionStage}, and at the deadline its coroutine is cancelled; {@code Unit} gives the
 * "done" text. See the README, section "Kotlin".
 *
 * <h2>Failures</h2>
 * A {@link ToolResultException}'s message is sent verbatim. A Jakarta
 * {@code ConstraintViolationException} (a {@code @Validated} bean rejecting its arguments) counts as
 * {@link ToolOutcome.Status#BAD_ARGUMENTS}: each violation is spoken as "The argument 'phoneNumber'
 * must match ...", and it is logged at WARN without values. Any other exception (unwrapped from
 * {@link InvocationTargetException} and {@link CompletionException}) gives the generic error text
 * and is logged at ERROR with the tool name; argument values are never logged. A
 * {@link ToolErrorPolicy} may change each text.
 *
 * <h2>Deadline</h2>
 * Each invocation runs under a deadline: the tool's {@link #prepare prepared} timeout (default 4
 * seconds, always below the platform's 5), counted from the call's arrival when the caller passes
 * it ({@code arrivalNanos}, a {@link System#nanoTime()} taken when the request arrived), else from
 * the invocation. When it passes, the invoker answers at once with the fallback text (status
 * {@link ToolOutcome.Status#TIMEOUT}) and interrupts the handler; a call that arrives with nothing
 * left of its budget gets the fallback without running the handler. Two ways to run a tool:
 * <ul>
 * <li>{@link #invokeInline} runs the handler on the caller's thread, without a thread hop, and
 * reports the fallback from the invoker's watchdog thread. For HTTP layers that can complete a
 * response from another thread (servlet async); the cheapest way. {@link #invokeOnExecutor} is
 * the same on a thread of the invoker's executor, for when the caller's threads must stay free.</li>
 * <li>{@link #invoke} binds on the caller's thread, runs the handler on the invoker's executor and
 * waits, so even a handler that ignores interrupts cannot hold up the answer. For callers that
 * must answer on their own thread.</li>
 * </ul>
 * Binding lives in the prepared tool and result conversion in {@code ToolOutcomes}; the invoker
 * only schedules.
 */
public final class ToolInvoker implements AutoCloseable {

    /** The default "done" text for {@code void} methods. */
    public static final String DEFAULT_DONE_TEXT = "Done.";

    /** The default text for a {@code null} or empty result. */
    public static final String DEFAULT_EMPTY_RESULT_TEXT = "No result.";

    /** The default fallback text when the deadline passes. */
    public static final String DEFAULT_TIMEOUT_TEXT =
            "Sorry, this is taking longer than expected. Please try again in a moment.";

    /** The default text for an unexpected failure. */
    public static final String DEFAULT_ERROR_TEXT = "Sorry, something went wrong on our side. Please try again later.";

    private static final Logger log = LoggerFactory.getLogger(ToolInvoker.class);

    private final JsonMapper mapper;
    private final ToolOutcomes outcomes;
    private final Duration defaultTimeout;
    private final Map<String, Duration> timeouts;
    private final Executor executor;
    private final ExecutorService ownedExecutor;
    private final Watchdog watchdog = new Watchdog("fonella-tool-watchdog");

    private ToolInvoker(Builder builder) {
        this.mapper = builder.mapper == ToolJson.mapper() ? builder.mapper // already so configured: no second copy
                : ToolJson.withToolParamNames(KotlinSupport.withKotlinModule(builder.mapper.rebuild())).build();
        this.outcomes = new ToolOutcomes(mapper, builder.doneText, builder.emptyResultText, builder.timeoutText,
                builder.errorText, builder.errorPolicy);
        this.defaultTimeout = builder.defaultTimeout;
        this.timeouts = Map.copyOf(builder.timeouts);
        if (builder.executor != null) {
            this.executor = builder.executor;
            this.ownedExecutor = null;
        } else {
            AtomicInteger counter = new AtomicInteger();
            ThreadPoolExecutor pool = new ThreadPoolExecutor(0, builder.maxThreads, 60, TimeUnit.SECONDS,
                    new SynchronousQueue<>(), runnable -> {
                        Thread thread = new Thread(runnable, "fonella-tool-" + counter.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
            this.executor = pool;
            this.ownedExecutor = pool;
        }
    }

    /**
     * Starts an invoker with the defaults: a 4 second deadline, the default texts, the default
     * error policy, the tool JSON configuration and a private pool of daemon threads.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The Jackson mapper an invoker binds arguments and writes results with unless
     * {@link Builder#jsonMapper(JsonMapper)} says otherwise: Fonella's wire settings, exact decimals,
     * date-times with the offset as sent. Start from its {@code rebuild()} to add modules.
     *
     * @return the shared default mapper
     */
    public static JsonMapper defaultJsonMapper() {
        return ToolJson.mapper();
    }

    /**
     * Resolves everything needed to invoke a tool. Call once per tool, e.g. at startup.
     *
     * @param definition the definition from {@link ToolDefinitions}
     * @param target the object serving the tool: an instance of the method's declaring class, or a
     *     proxy implementing the same public method (such as a JDK proxy of its interface);
     *     {@code null} only for a static method
     * @return the prepared tool
     * @throws IllegalArgumentException when the target cannot serve the method
     */
    public InvocableTool prepare(ToolDefinition definition, Object target) {
        Objects.requireNonNull(definition, "definition");
        Method method = definition.javaMethod();
        Method invocationMethod = method;
        boolean isStatic = Modifier.isStatic(method.getModifiers());
        if (!isStatic) {
            if (target == null) {
                throw new IllegalArgumentException("Tool '" + definition.name() + "' is served by the instance method "
                        + ToolMethods.describe(null, method) + "; pass the object to invoke it on.");
            }
            if (!method.getDeclaringClass().isInstance(target)) {
                try {
                    invocationMethod = target.getClass().getMethod(method.getName(), method.getParameterTypes());
                } catch (NoSuchMethodException e) {
                    throw new IllegalArgumentException("Tool '" + definition.name() + "' is served by "
                            + ToolMethods.describe(null, method) + ", but the target is a " + target.getClass().getName()
                            + ", which has no such public method; pass an instance of "
                            + method.getDeclaringClass().getName() + ".", e);
                }
            }
        }
        ToolParameters parameters = parameters(target == null ? method.getDeclaringClass() : target.getClass(),
                method);
        MethodPlan plan = MethodPlan.create(parameters, invocationMethod, definition.inputSchema(), mapper);
        Duration timeout = timeouts.get(definition.name());
        if (timeout == null) {
            timeout = definition.timeout() != null ? definition.timeout() : defaultTimeout;
        }
        boolean voidResult = isVoid(method) || parameters.kotlin() != null && parameters.kotlin().returnsUnit();
        return new InvocableTool(definition, isStatic ? null : target, plan, timeout, voidResult);
    }

    /**
     * Invokes a tool and waits for its outcome, at most until its deadline counted from now.
     *
     * @param tool the prepared tool
     * @param arguments the raw arguments
     * @param context the call context, injected into {@link ToolCallContext} parameters
     * @return the outcome; never throws for anything the tool or its arguments do
     */
    public ToolOutcome invoke(InvocableTool tool, ToolArguments arguments, ToolCallContext context) {
        return invoke(tool, arguments, context, System.nanoTime());
    }

    /**
     * Invokes a tool on the invoker's executor and waits for its outcome, at most until
     * {@code arrivalNanos + tool.timeout()}. The handler is interrupted when the deadline passes;
     * with nothing left of the budget it does not run at all.
     *
     * @param tool the prepared tool
     * @param arguments the raw arguments
     * @param context the call context, injected into {@link ToolCallContext} parameters
     * @param arrivalNanos the {@link System#nanoTime()} at which the call arrived
     * @return the outcome; never throws for anything the tool or its arguments do
     */
    public ToolOutcome invoke(InvocableTool tool, ToolArguments arguments, ToolCallContext context,
            long arrivalNanos) {
        long deadline = arrivalNanos + tool.timeoutNanos();
        Object[] values;
        try {
            values = tool.bind(arguments, context);
        } catch (ToolArgumentException e) {
            return outcomes.badArguments(tool, e, arrivalNanos);
        }
        if (deadline - System.nanoTime() <= 0) {
            return outcomes.timedOut(tool, arrivalNanos);
        }
        FutureTask<Object> task = new FutureTask<>(() -> tool.plan().invoke(tool.target(), values));
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            return outcomes.failure(tool, e, arrivalNanos);
        }
        CompletableFuture<?> stage = null;
        try {
            Object result = task.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (result instanceof CompletionStage<?> pending) {
                stage = pending.toCompletableFuture();
                result = stage.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
            return outcomes.converted(tool, result, arrivalNanos);
        } catch (TimeoutException e) {
            task.cancel(true);
            if (stage != null) {
                stage.cancel(true);
            }
            return outcomes.timedOut(tool, arrivalNanos);
        } catch (ExecutionException | CancellationException e) {
            return outcomes.failed(tool, e, arrivalNanos);
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            return outcomes.failure(tool, e, arrivalNanos);
        }
    }

    /**
     * As {@link #invokeInline(InvocableTool, ToolArguments, ToolCallContext, long, Consumer)} with
     * the deadline counted from now.
     *
     * @param tool the prepared tool
     * @param arguments the raw arguments
     * @param context the call context
     * @param onOutcome receives the outcome, once
     */
    public void invokeInline(InvocableTool tool, ToolArguments arguments, ToolCallContext context,
            Consumer<? super ToolOutcome> onOutcome) {
        invokeInline(tool, arguments, context, System.nanoTime(), onOutcome);
    }

    /**
     * Invokes a tool on the calling thread, without a thread hop, and reports the outcome exactly
     * once to {@code onOutcome}: from the calling thread when the handler answers in time, or from
     * the invoker's watchdog thread when {@code arrivalNanos + tool.timeout()} passes first (within
     * 10 ms). In that case the calling thread is interrupted and
     * stays inside the handler until it returns; its late result is dropped and the interrupt is
     * cleared before this method returns. With nothing left of the budget, the fallback is reported
     * at once and the handler does not run.
     *
     * <p>This is the fastest way to invoke a tool, for HTTP layers that can answer from another
     * thread, e.g. a servlet that calls {@code request.startAsync()} first and writes the response
     * and calls {@code asyncContext.complete()} in the callback. A callback that throws is logged.
     *
     * @param tool the prepared tool
     * @param arguments the raw arguments
     * @param context the call context
     * @param arrivalNanos the {@link System#nanoTime()} at which the call arrived
     * @param onOutcome receives the outcome, once
     */
    public void invokeInline(InvocableTool tool, ToolArguments arguments, ToolCallContext context,
            long arrivalNanos, Consumer<? super ToolOutcome> onOutcome) {
        Objects.requireNonNull(onOutcome, "onOutcome");
        long deadline = arrivalNanos + tool.timeoutNanos();
        Object[] values;
        try {
            values = tool.bind(arguments, context);
        } catch (ToolArgumentException e) {
            deliver(tool, onOutcome, outcomes.badArguments(tool, e, arrivalNanos));
            return;
        }
        if (deadline - System.nanoTime() <= 0) {
            deliver(tool, onOutcome, outcomes.timedOut(tool, arrivalNanos));
            return;
        }
        InlineInvocation entry = new InlineInvocation(deadline, tool, arrivalNanos, onOutcome);
        watchdog.watch(entry);
        Object result;
        try {
            result = tool.plan().invoke(tool.target(), values);
        } catch (Throwable e) {
            if (entry.finish()) {
                deliver(tool, onOutcome, outcomes.failed(tool, e, arrivalNanos));
            }
            return;
        }
        if (result instanceof CompletionStage<?> stage) {
            CompletableFuture<?> future = stage.toCompletableFuture();
            entry.stage = future;
            if (!entry.detach()) {
                future.cancel(true);
                return;
            }
            future.whenComplete((value, error) -> {
                if (entry.complete()) {
                    deliver(tool, onOutcome, error != null ? outcomes.failed(tool, error, arrivalNanos)
                            : outcomes.converted(tool, value, arrivalNanos));
                }
            });
            return;
        }
        if (entry.finish()) {
            deliver(tool, onOutcome, outcomes.converted(tool, result, arrivalNanos));
        }
    }

    /**
     * As {@link #invokeInline(InvocableTool, ToolArguments, ToolCallContext, long, Consumer)}, on a
     * thread of the invoker's executor instead of the caller's: the calling thread returns at once.
     * For an HTTP layer that must not let tools hold all of its own threads. The executor hands the
     * call to a thread at once or refuses it, so no call waits in a queue unseen: when no thread is
     * free, the fallback is reported at once and the handler does not run.
     *
     * @param tool the prepared tool
     * @param arguments the raw arguments
     * @param context the call context
     * @param arrivalNanos the {@link System#nanoTime()} at which the call arrived
     * @param onOutcome receives the outcome, once, from another thread
     */
    public void invokeOnExecutor(InvocableTool tool, ToolArguments arguments, ToolCallContext context,
            long arrivalNanos, Consumer<? super ToolOutcome> onOutcome) {
        Objects.requireNonNull(onOutcome, "onOutcome");
        try {
            executor.execute(() -> invokeInline(tool, arguments, context, arrivalNanos, onOutcome));
        } catch (RejectedExecutionException e) {
            log.debug("No thread free for tool '{}'; answering with the fallback", tool.name());
            deliver(tool, onOutcome, outcomes.timedOut(tool, arrivalNanos));
        }
    }

    /**
     * The argument mapper actually used (the configured one, honouring {@code @ToolParam(name)}).
     *
     * @return the mapper
     */
    public JsonMapper mapper() {
        return mapper;
    }

    /** Stops the invoker's own threads; an executor passed to the builder is left running. */
    @Override
    public void close() {
        watchdog.close();
        if (ownedExecutor != null) {
            ownedExecutor.shutdownNow();
        }
    }

    private static void deliver(InvocableTool tool, Consumer<? super ToolOutcome> onOutcome, ToolOutcome outcome) {
        try {
            onOutcome.accept(outcome);
        } catch (RuntimeException e) {
            log.warn("The outcome callback of tool '{}' failed", tool.name(), e);
        }
    }

    private static boolean isVoid(Method method) {
        Class<?> raw = method.getReturnType();
        if (raw == void.class || raw == Void.class) {
            return true;
        }
        if (CompletionStage.class.isAssignableFrom(raw)) {
            Type value = Types.resolve(CompletionStage.class.getTypeParameters()[0], method.getGenericReturnType());
            return value == Void.class;
        }
        return false;
    }

    private static ToolParameters parameters(Class<?> targetClass, Method method) {
        if (method.getDeclaringClass().isAssignableFrom(targetClass)) {
            try {
                return ToolParameters.of(targetClass, method);
            } catch (ToolDefinitionException e) {
                // e.g. a JDK proxy, which does not carry the generic interface types: use the declaring class
            }
        }
        return ToolParameters.of(method.getDeclaringClass(), method);
    }

    /** One inline invocation watched for its deadline. */
    private final class InlineInvocation extends Watchdog.Entry {

        private final InvocableTool tool;
        private final long start;
        private final Consumer<? super ToolOutcome> onOutcome;
        private volatile CompletableFuture<?> stage;

        InlineInvocation(long deadline, InvocableTool tool, long start, Consumer<? super ToolOutcome> onOutcome) {
            super(deadline);
            this.tool = tool;
            this.start = start;
            this.onOutcome = onOutcome;
        }

        @Override
        protected void expire() {
            CompletableFuture<?> pending = stage;
            if (pending != null) {
                pending.cancel(true);
            }
            deliver(tool, onOutcome, outcomes.timedOut(tool, start));
        }
    }

    /** Configures a {@link ToolInvoker}. */
    public static final class Builder {

        private JsonMapper mapper = ToolJson.mapper();
        private Duration defaultTimeout = Timeouts.DEFAULT;
        private final Map<String, Duration> timeouts = new HashMap<>();
        private String doneText = DEFAULT_DONE_TEXT;
        private String emptyResultText = DEFAULT_EMPTY_RESULT_TEXT;
        private String timeoutText = DEFAULT_TIMEOUT_TEXT;
        private String errorText = DEFAULT_ERROR_TEXT;
        private ToolErrorPolicy errorPolicy = ToolErrorPolicy.DEFAULT;
        private Executor executor;
        private int maxThreads = 256;

        private Builder() {
        }

        /**
         * The mapper that reads arguments and writes results. The default ignores unknown
         * properties, matches enums case-insensitively, rejects {@code null} for primitives and
         * omits {@code null} fields from results. {@code @ToolParam(name)} is honoured on top of any
         * mapper given, and Jackson's Kotlin module ({@code jackson-module-kotlin}) is added when it
         * is on the class path, so that Kotlin data classes bind as their schemas say. Schemas are
         * generated with the default configuration, so a custom mapper must not rename properties
         * (e.g. with a naming strategy).
         *
         * @param mapper the mapper
         * @return this builder
         */
        public Builder jsonMapper(JsonMapper mapper) {
            this.mapper = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        /**
         * The deadline of tools that set none. Default 4 seconds.
         *
         * @param timeout above zero and below 5 seconds
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder defaultTimeout(Duration timeout) {
            this.defaultTimeout = Timeouts.requireWithinLimit(Objects.requireNonNull(timeout, "timeout"),
                    "defaultTimeout");
            return this;
        }

        /**
         * The deadline of one tool, overriding its {@code @FonellaTool(timeout)}, e.g. from
         * configuration.
         *
         * @param toolName the tool's name
         * @param timeout above zero and below 5 seconds
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder timeout(String toolName, Duration timeout) {
            Objects.requireNonNull(toolName, "toolName");
            timeouts.put(toolName, Timeouts.requireWithinLimit(Objects.requireNonNull(timeout, "timeout"),
                    "timeout of tool '" + toolName + "'"));
            return this;
        }

        /**
         * The text for {@code void} methods. Default {@value ToolInvoker#DEFAULT_DONE_TEXT}.
         *
         * @param text the text
         * @return this builder
         */
        public Builder doneText(String text) {
            this.doneText = requireText(text, "doneText");
            return this;
        }

        /**
         * The text for a {@code null} or empty {@code Optional} result. Default
         * {@value ToolInvoker#DEFAULT_EMPTY_RESULT_TEXT}.
         *
         * @param text the text
         * @return this builder
         */
        public Builder emptyResultText(String text) {
            this.emptyResultText = requireText(text, "emptyResultText");
            return this;
        }

        /**
         * The fallback text sent when the deadline passes. Default
         * {@value ToolInvoker#DEFAULT_TIMEOUT_TEXT}.
         *
         * @param text the text
         * @return this builder
         */
        public Builder timeoutText(String text) {
            this.timeoutText = requireText(text, "timeoutText");
            return this;
        }

        /**
         * The generic text sent when a tool fails unexpectedly. Default
         * {@value ToolInvoker#DEFAULT_ERROR_TEXT}.
         *
         * @param text the text
         * @return this builder
         */
        public Builder errorText(String text) {
            this.errorText = requireText(text, "errorText");
            return this;
        }

        /**
         * The policy that may change the text of each kind of failure.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder errorPolicy(ToolErrorPolicy policy) {
            this.errorPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * The executor that runs handlers for {@link ToolInvoker#invoke}. Default: a private pool of
         * daemon threads ({@code fonella-tool-N}, at most {@link #maxThreads(int)}, idle ones ending
         * after a minute), closed by {@link ToolInvoker#close()}. A given executor is not shut down by the
         * invoker; it must not run tasks on the caller's thread (or the deadline cannot hold) and
         * should clear a thread's interrupt between tasks, as
         * {@link java.util.concurrent.ThreadPoolExecutor} does.
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * The most threads of the default pool; calls beyond are answered with the error text.
         * Default 256.
         *
         * @param maxThreads at least 2
         * @return this builder
         */
        public Builder maxThreads(int maxThreads) {
            if (maxThreads < 2) {
                throw new IllegalArgumentException("maxThreads must be at least 2, but was " + maxThreads + ".");
            }
            this.maxThreads = maxThreads;
            return this;
        }

        /**
         * Builds the invoker.
         *
         * @return the invoker
         */
        public ToolInvoker build() {
            return new ToolInvoker(this);
        }

        private static String requireText(String text, String name) {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank; the assistant needs something to say.");
            }
            return text;
        }
    }
}
