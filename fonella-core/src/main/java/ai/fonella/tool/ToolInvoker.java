package ai.fonella.tool;

import ai.fonella.tool.internal.ArgumentMessages;
import ai.fonella.tool.internal.ConstraintViolations;
import ai.fonella.tool.internal.HandoffExecutor;
import ai.fonella.tool.internal.MethodPlan;
import ai.fonella.tool.internal.Timeouts;
import ai.fonella.tool.internal.ToolJson;
import ai.fonella.tool.internal.ToolMethods;
import ai.fonella.tool.internal.ToolParameters;
import ai.fonella.tool.internal.Types;
import ai.fonella.tool.internal.Watchdog;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

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
 * are converted per the schema (see {@link ToolArguments#query(Map)}). Binding uses Jackson with
 * readers resolved once per method. <b>Unknown arguments are ignored</b>: the schema declares
 * {@code additionalProperties: false}, so a well-behaved caller sends none, and failing a live call
 * over an extra property would only make the assistant apologise. A missing required argument (also
 * nested, per the schema), {@code null} for one, or a value of the wrong type ends the invocation
 * with {@link ToolOutcome.Status#BAD_ARGUMENTS} and a message naming the argument, e.g.
 * "The argument 'orderNumber' is missing.", which lets the assistant correct itself.
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
 * Each invocation runs on the invoker's executor under a deadline: the tool's
 * {@link #prepare prepared} timeout (default 4 seconds, always below the platform's 5). When it
 * passes, the invoker answers at once with the fallback text (status
 * {@link ToolOutcome.Status#TIMEOUT}) and interrupts the handler. With {@link #invoke} the caller's
 * thread only binds arguments and waits (the handler runs on the invoker's executor), so even a
 * handler that ignores interrupts cannot hold up the answer. {@link #invokeAsync} returns a future
 * instead of waiting. {@link #invokeInline} runs the handler on the caller's thread, without a
 * thread hop, and reports the fallback from a watchdog thread; use it where the response can be
 * completed from another thread (servlet async), as it is the cheapest of the three.
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
    private static final boolean MULTI_CORE = Runtime.getRuntime().availableProcessors() > 1;
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private final JsonMapper mapper;
    private final ObjectReader treeReader;
    private final ObjectWriter resultWriter;
    private final Duration defaultTimeout;
    private final Map<String, Duration> timeouts;
    private final String doneText;
    private final String emptyResultText;
    private final String timeoutText;
    private final String errorText;
    private final ToolErrorPolicy errorPolicy;
    private final Executor executor;
    private final HandoffExecutor ownedExecutor;
    private final ScheduledThreadPoolExecutor timer;
    private volatile Watchdog watchdog;

    private ToolInvoker(Builder builder) {
        this.mapper = ToolJson.withToolParamNames(builder.mapper.rebuild()).build();
        // numbers keep their exact decimal text until bound (a BigDecimal must not pass through double)
        this.treeReader = mapper.readerFor(JsonNode.class).with(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
        this.resultWriter = mapper.writer();
        this.defaultTimeout = builder.defaultTimeout;
        this.timeouts = Map.copyOf(builder.timeouts);
        this.doneText = builder.doneText;
        this.emptyResultText = builder.emptyResultText;
        this.timeoutText = builder.timeoutText;
        this.errorText = builder.errorText;
        this.errorPolicy = builder.errorPolicy;
        if (builder.executor != null) {
            this.executor = builder.executor;
            this.ownedExecutor = null;
        } else {
            HandoffExecutor pool = new HandoffExecutor("fonella-tool-", builder.maxThreads);
            this.executor = pool;
            this.ownedExecutor = pool;
        }
        this.timer = new ScheduledThreadPoolExecutor(1, daemonThreads("fonella-tool-deadline-"));
        this.timer.setRemoveOnCancelPolicy(true);
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
                invocationMethod = findOn(target.getClass(), method).orElseThrow(() -> new IllegalArgumentException(
                        "Tool '" + definition.name() + "' is served by " + ToolMethods.describe(null, method)
                        + ", but the target is a " + target.getClass().getName() + ", which has no such public "
                        + "method; pass an instance of " + method.getDeclaringClass().getName() + "."));
            }
        }
        ToolParameters parameters = parameters(target == null ? method.getDeclaringClass() : target.getClass(),
                method);
        MethodPlan plan = MethodPlan.create(parameters, invocationMethod, definition.inputSchema(), mapper);
        Duration timeout = timeouts.get(definition.name());
        if (timeout == null) {
            timeout = definition.timeout() != null ? definition.timeout() : defaultTimeout;
        }
        return new InvocableTool(definition, isStatic ? null : target, plan, timeout, isVoid(method));
    }

    /**
     * Invokes a tool and waits for its outcome, at most until its deadline.
     *
     * @param tool the prepared tool
     * @param arguments the raw arguments
     * @param context the call context, injected into {@link ToolCallContext} parameters
     * @return the outcome; never throws for anything the tool or its arguments do
     */
    public ToolOutcome invoke(InvocableTool tool, ToolArguments arguments, ToolCallContext context) {
        long start = System.nanoTime();
        Object[] values;
        try {
            values = bind(tool, arguments, context);
        } catch (ToolArgumentException e) {
            return badArguments(tool, e, start);
        }
        Invocation task = new Invocation(tool, values, start);
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            return failure(tool, e, start);
        }
        long deadline = start + tool.timeoutNanos();
        spinUntilDone(task);
        Object result;
        try {
            result = task.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            return timedOut(tool, start);
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            return failure(tool, e, start);
        } catch (ExecutionException | CancellationException e) {
            return failure(tool, e, start);
        }
        if (result instanceof CompletionStage<?> stage) {
            CompletableFuture<?> future = stage.toCompletableFuture();
            try {
                result = future.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                return timedOut(tool, start);
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                return failure(tool, e, start);
            } catch (ExecutionException | CancellationException e) {
                return failed(tool, e, start);
            }
            return converted(tool, result, start);
        }
        return (ToolOutcome) result;
    }

    /**
     * Invokes a tool without blocking the caller: the returned future completes with the outcome
     * when the handler answers, or with the fallback at the deadline (the handler is then
     * interrupted). Suited to asynchronous HTTP handling, where the request thread is released.
     *
     * @param tool the prepared tool
     * @param arguments the raw arguments
     * @param context the call context
     * @return the outcome's future; it never completes exceptionally
     */
    public CompletableFuture<ToolOutcome> invokeAsync(InvocableTool tool, ToolArguments arguments,
            ToolCallContext context) {
        long start = System.nanoTime();
        Object[] values;
        try {
            values = bind(tool, arguments, context);
        } catch (ToolArgumentException e) {
            return CompletableFuture.completedFuture(badArguments(tool, e, start));
        }
        CompletableFuture<ToolOutcome> outcome = new CompletableFuture<>();
        AsyncInvocation task = new AsyncInvocation(tool, values, outcome, start);
        long remaining = start + tool.timeoutNanos() - System.nanoTime();
        task.timeout = timer.schedule(() -> {
            if (outcome.complete(timedOut(tool, start))) {
                task.cancel(true);
                task.cancelStage();
            }
        }, remaining, TimeUnit.NANOSECONDS);
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            task.timeout.cancel(false);
            outcome.complete(failure(tool, e, start));
        }
        return outcome;
    }

    /**
     * Invokes a tool on the calling thread, without a thread hop, and reports the outcome exactly
     * once to {@code onOutcome}: from the calling thread when the handler answers in time, or from
     * the invoker's watchdog thread when the deadline passes first (within
     * {@value ai.fonella.tool.internal.Watchdog#MAX_LATENESS_MILLIS} ms). In that case the calling
     * thread is interrupted and stays inside the handler until it returns; its late result is
     * dropped and the interrupt is cleared before this method returns.
     *
     * <p>This is the fastest way to invoke a tool, for HTTP layers that can answer from another
     * thread, e.g. a servlet that calls {@code request.startAsync()} first and writes the response
     * and calls {@code asyncContext.complete()} in the callback. A callback that throws is logged.
     *
     * @param tool the prepared tool
     * @param arguments the raw arguments
     * @param context the call context
     * @param onOutcome receives the outcome, once
     */
    public void invokeInline(InvocableTool tool, ToolArguments arguments, ToolCallContext context,
            Consumer<? super ToolOutcome> onOutcome) {
        Objects.requireNonNull(onOutcome, "onOutcome");
        long start = System.nanoTime();
        Object[] values;
        try {
            values = bind(tool, arguments, context);
        } catch (ToolArgumentException e) {
            deliver(tool, onOutcome, badArguments(tool, e, start));
            return;
        }
        InlineInvocation entry = new InlineInvocation(start + tool.timeoutNanos(), tool, start, onOutcome);
        watchdog().watch(entry);
        Object result;
        try {
            result = tool.plan().invoke(tool.target(), values);
        } catch (Throwable e) {
            if (entry.finish()) {
                deliver(tool, onOutcome, failed(tool, e, start));
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
                    deliver(tool, onOutcome, error != null ? failed(tool, error, start) : converted(tool, value, start));
                }
            });
            return;
        }
        if (entry.finish()) {
            deliver(tool, onOutcome, converted(tool, result, start));
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
        timer.shutdownNow();
        synchronized (this) {
            if (watchdog != null) {
                watchdog.close();
            }
        }
        if (ownedExecutor != null) {
            ownedExecutor.close();
        }
    }

    /**
     * Most tools answer within microseconds; waiting for them by spinning briefly saves the cost of
     * parking and waking the caller. Bounded, so slow tools cost at most {@link #SPIN_NANOS} of CPU.
     */
    private static void spinUntilDone(FutureTask<?> task) {
        if (!MULTI_CORE) {
            return;
        }
        long until = System.nanoTime() + SPIN_NANOS;
        for (int spins = 1; !task.isDone(); spins++) {
            if ((spins & 63) == 0 && System.nanoTime() - until >= 0) {
                return;
            }
            Thread.onSpinWait();
        }
    }

    private Watchdog watchdog() {
        Watchdog current = watchdog;
        if (current == null) {
            synchronized (this) {
                current = watchdog;
                if (current == null) {
                    current = new Watchdog("fonella-tool-watchdog");
                    watchdog = current;
                }
            }
        }
        return current;
    }

    private static void deliver(InvocableTool tool, Consumer<? super ToolOutcome> onOutcome, ToolOutcome outcome) {
        try {
            onOutcome.accept(outcome);
        } catch (RuntimeException e) {
            log.warn("The outcome callback of tool '{}' failed", tool.name(), e);
        }
    }

    private Object[] bind(InvocableTool tool, ToolArguments arguments, ToolCallContext context) {
        ObjectNode object = argumentsObject(tool, arguments);
        return tool.plan().bind(object, context == null ? ToolCallContext.empty() : context);
    }

    private ObjectNode argumentsObject(InvocableTool tool, ToolArguments arguments) {
        JsonNode tree;
        try {
            switch (arguments.kind()) {
                case QUERY:
                    @SuppressWarnings("unchecked")
                    Map<String, List<String>> query = (Map<String, List<String>>) arguments.value();
                    return tool.plan().query().convert(query);
                case BYTES:
                    byte[] bytes = (byte[]) arguments.value();
                    tree = isBlank(bytes) ? null : treeReader.readValue(bytes);
                    break;
                case TEXT:
                    String text = (String) arguments.value();
                    tree = text.isBlank() ? null : treeReader.readValue(text);
                    break;
                default:
                    tree = (JsonNode) arguments.value();
                    break;
            }
        } catch (JacksonException e) {
            throw ArgumentMessages.notJson(e);
        }
        if (tree == null || tree.isNull() || tree.isMissingNode()) {
            return mapper.createObjectNode();
        }
        if (!(tree instanceof ObjectNode object)) {
            throw ArgumentMessages.notAnObject();
        }
        return object;
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Runs the method and converts its result; a CompletionStage is returned as is. */
    private Object call(InvocableTool tool, Object[] values, long start) {
        Object result;
        try {
            result = tool.plan().invoke(tool.target(), values);
        } catch (Throwable e) {
            return failed(tool, e, start);
        }
        if (result instanceof CompletionStage<?>) {
            return result;
        }
        return converted(tool, result, start);
    }

    private ToolOutcome converted(InvocableTool tool, Object value, long start) {
        if (tool.voidResult()) {
            return outcome(tool, doneText, ToolOutcome.Status.SUCCESS, null, start);
        }
        Object unwrapped = unwrap(value);
        if (unwrapped == null) {
            return outcome(tool, emptyResultText, ToolOutcome.Status.SUCCESS, null, start);
        }
        if (unwrapped instanceof ToolResult explicit) {
            return outcome(tool, explicit.text(), explicit.failure() ? ToolOutcome.Status.ERROR
                    : ToolOutcome.Status.SUCCESS, null, start);
        }
        if (unwrapped instanceof CharSequence || unwrapped instanceof Number || unwrapped instanceof Boolean
                || unwrapped instanceof Character) {
            return outcome(tool, unwrapped.toString(), ToolOutcome.Status.SUCCESS, null, start);
        }
        String json;
        try {
            json = resultWriter.writeValueAsString(unwrapped);
            if (json.length() >= 2 && json.charAt(0) == '"') {
                json = mapper.readValue(json, String.class);
            }
        } catch (JacksonException e) {
            return failure(tool, e, start);
        }
        return outcome(tool, json, ToolOutcome.Status.SUCCESS, null, start);
    }

    private static Object unwrap(Object value) {
        if (value instanceof Optional<?> optional) {
            return optional.orElse(null);
        }
        if (value instanceof OptionalInt optional) {
            return optional.isPresent() ? optional.getAsInt() : null;
        }
        if (value instanceof OptionalLong optional) {
            return optional.isPresent() ? optional.getAsLong() : null;
        }
        if (value instanceof OptionalDouble optional) {
            return optional.isPresent() ? optional.getAsDouble() : null;
        }
        return value;
    }

    /** A failure thrown by the handler (possibly wrapped). */
    private ToolOutcome failed(InvocableTool tool, Throwable thrown, long start) {
        Throwable error = unwrapThrowable(thrown);
        if (error instanceof ToolResultException resultException) {
            if (log.isDebugEnabled()) {
                log.debug("Tool '{}' answered with a ToolResultException", tool.name());
            }
            String text = safeText(() -> errorPolicy.onResultException(tool.definition(), resultException),
                    resultException.getMessage() == null ? errorText : resultException.getMessage(), tool);
            return outcome(tool, text, ToolOutcome.Status.ERROR, resultException, start);
        }
        ToolArgumentException violated = ConstraintViolations.asArgumentFailure(error);
        if (violated != null) {
            // a @Validated bean rejected the arguments: as a binding failure, spoken, not a crash
            return badArguments(tool, violated, start);
        }
        return failure(tool, error, start);
    }

    private ToolOutcome failure(InvocableTool tool, Throwable thrown, long start) {
        Throwable error = unwrapThrowable(thrown);
        log.error("Tool '{}' failed with {}; answered with the generic error text", tool.name(),
                error.getClass().getName(), error);
        String text = safeText(() -> errorPolicy.onFailure(tool.definition(), error, errorText), errorText, tool);
        return outcome(tool, text, ToolOutcome.Status.ERROR, error, start);
    }

    private ToolOutcome badArguments(InvocableTool tool, ToolArgumentException e, long start) {
        // the message may quote a validation message of the user's own types: keep it out of WARN
        log.warn("Tool '{}' was called with unusable arguments{}", tool.name(),
                e.argument() == null ? "" : " (argument '" + e.argument() + "')");
        log.debug("Tool '{}' argument problem: {}", tool.name(), e.getMessage());
        String text = safeText(() -> errorPolicy.onBadArguments(tool.definition(), e), e.getMessage(), tool);
        return outcome(tool, text, ToolOutcome.Status.BAD_ARGUMENTS, e, start);
    }

    private ToolOutcome timedOut(InvocableTool tool, long start) {
        log.warn("Tool '{}' did not answer within {} ms; answered with the fallback text and interrupted it",
                tool.name(), tool.timeout().toMillis());
        String text = safeText(() -> errorPolicy.onTimeout(tool.definition(), tool.timeout(), timeoutText),
                timeoutText, tool);
        TimeoutException error = new TimeoutException("Tool '" + tool.name() + "' did not answer within "
                + tool.timeout().toMillis() + " ms");
        return outcome(tool, text, ToolOutcome.Status.TIMEOUT, error, start);
    }

    private String safeText(java.util.function.Supplier<String> policy, String fallback, InvocableTool tool) {
        try {
            String text = policy.get();
            if (text != null && !text.isBlank()) {
                return text;
            }
            log.warn("The ToolErrorPolicy returned no text for tool '{}'; sending the default text", tool.name());
        } catch (RuntimeException e) {
            log.warn("The ToolErrorPolicy failed for tool '{}'; sending the default text", tool.name(), e);
        }
        return fallback;
    }

    private static ToolOutcome outcome(InvocableTool tool, String text, ToolOutcome.Status status, Throwable error,
            long start) {
        return new ToolOutcome(tool.name(), text, status, Duration.ofNanos(System.nanoTime() - start), error);
    }

    private static Throwable unwrapThrowable(Throwable thrown) {
        Throwable current = thrown;
        for (int i = 0; i < 8; i++) {
            Throwable cause = current.getCause();
            boolean wrapper = current instanceof InvocationTargetException || current instanceof ExecutionException
                    || current instanceof CompletionException || current instanceof UndeclaredThrowableException;
            if (!wrapper || cause == null) {
                break;
            }
            current = cause;
        }
        return current;
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

    private static Optional<Method> findOn(Class<?> type, Method method) {
        try {
            Method found = type.getMethod(method.getName(), method.getParameterTypes());
            return Optional.of(found);
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One synchronous invocation on the executor; cancelling it interrupts the handler. */
    private final class Invocation extends FutureTask<Object> {

        Invocation(InvocableTool tool, Object[] values, long start) {
            super(() -> call(tool, values, start));
        }

        @Override
        public void run() {
            super.run();
            if (isCancelled()) {
                Thread.interrupted(); // do not leak the deadline's interrupt into the executor's next task
            }
        }
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
            deliver(tool, onOutcome, timedOut(tool, start));
        }
    }

    /** One asynchronous invocation; completes the outcome unless the deadline did first. */
    private final class AsyncInvocation extends FutureTask<Object> {

        private final InvocableTool tool;
        private final CompletableFuture<ToolOutcome> outcome;
        private final long start;
        private volatile ScheduledFuture<?> timeout;
        private volatile CompletableFuture<?> stage;

        AsyncInvocation(InvocableTool tool, Object[] values, CompletableFuture<ToolOutcome> outcome, long start) {
            super(() -> call(tool, values, start));
            this.tool = tool;
            this.outcome = outcome;
            this.start = start;
        }

        @Override
        public void run() {
            super.run();
            if (isCancelled()) {
                Thread.interrupted();
            }
        }

        @Override
        protected void done() {
            if (isCancelled()) {
                return;
            }
            Object result;
            try {
                result = get();
            } catch (InterruptedException | ExecutionException | CancellationException e) {
                finish(failure(tool, e, start));
                return;
            }
            if (result instanceof CompletionStage<?> completionStage) {
                CompletableFuture<?> future = completionStage.toCompletableFuture();
                stage = future;
                future.whenComplete((value, error) -> finish(error != null ? failed(tool, error, start)
                        : converted(tool, value, start)));
            } else {
                finish((ToolOutcome) result);
            }
        }

        void cancelStage() {
            CompletableFuture<?> current = stage;
            if (current != null) {
                current.cancel(true);
            }
        }

        private void finish(ToolOutcome result) {
            if (outcome.complete(result)) {
                ScheduledFuture<?> scheduled = timeout;
                if (scheduled != null) {
                    scheduled.cancel(false);
                }
            }
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
         * mapper given. Schemas are generated with the default configuration, so a custom mapper
         * must not rename properties (e.g. with a naming strategy).
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
         * The executor that runs handlers for {@link ToolInvoker#invoke} and
         * {@link ToolInvoker#invokeAsync}. Default: a private pool of daemon threads
         * ({@code fonella-tool-N}, at most {@link #maxThreads(int)}) that hands tasks over with low
         * latency, closed by {@link ToolInvoker#close()}. A given executor is not shut down by the
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
