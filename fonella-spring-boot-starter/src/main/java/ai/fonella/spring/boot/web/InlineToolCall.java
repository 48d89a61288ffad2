package ai.fonella.spring.boot.web;

import ai.fonella.tool.InvocableTool;
import ai.fonella.tool.ToolArguments;
import ai.fonella.tool.ToolCallContext;
import ai.fonella.tool.ToolInvoker;
import ai.fonella.tool.ToolOutcome;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;

/**
 * One tool invocation on the request thread, with the deadline kept: the request is put in
 * asynchronous mode first ({@link HttpServletRequest#startAsync()}), then the tool runs on this very
 * thread with {@link ToolInvoker#invokeInline}. In the usual case the outcome arrives on this thread
 * before {@code invokeInline} returns and is written the ordinary way, no other thread involved.
 * When the deadline passes while the handler still runs, the invoker's watchdog thread delivers the
 * fallback, and this class writes it and completes the response from there, so the assistant gets
 * its answer on time even from a handler that ignores interrupts. That fallback goes to the
 * container's response ({@link HttpServletRequest#startAsync()}), beneath any response wrappers
 * of filters, which the request thread still holds. A handler that returns a
 * {@code CompletionStage} is waited for on the request thread, as {@link ToolInvoker#invoke} would.
 *
 * <p>This replaces handing every call to the invoker's pool and blocking the request thread until
 * it answers: that hand-off costs a thread wake-up per call, which is cheap only while a core is
 * idle (see docs/PERFORMANCE.md). Where the request cannot be made asynchronous (a filter without
 * async support), the handler falls back to {@link ToolInvoker#invoke}.
 */
final class InlineToolCall implements Consumer<ToolOutcome> {

    private static final Logger log = LoggerFactory.getLogger(InlineToolCall.class);

    /** The handler is running on the request thread. */
    private static final int IN_HANDLER = 0;
    /** {@code invokeInline} returned without an outcome; the request thread waits for it. */
    private static final int WAITING = 1;
    /** The outcome arrived on another thread while the handler was still running, which answered. */
    private static final int ANSWERED_ELSEWHERE = 2;
    /** The request thread gave up (the invoker was closed, or something failed); a late outcome is dropped. */
    private static final int ABANDONED = 3;

    /** Beyond the deadline, how long the request thread waits for a pending outcome at most. */
    private static final long WAIT_MARGIN_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Thread requestThread = Thread.currentThread();
    private final AtomicInteger state = new AtomicInteger(IN_HANDLER);
    private final AsyncContext async;
    private final Function<ToolOutcome, byte[]> body;
    private volatile ToolOutcome outcome;

    private InlineToolCall(AsyncContext async, Function<ToolOutcome, byte[]> body) {
        this.async = async;
        this.body = body;
    }

    /**
     * Invokes the tool as described above.
     *
     * @param invoker the invoker
     * @param tool the tool
     * @param arguments the arguments
     * @param context the call context
     * @param arrival when the request arrived ({@link System#nanoTime()}): the deadline counts from there
     * @param request the request, not yet asynchronous
     * @param body renders the JSON answer of an outcome
     * @return the outcome, and the reply that writes it (nothing when another thread answered)
     */
    static Result invoke(ToolInvoker invoker, InvocableTool tool, ToolArguments arguments, ToolCallContext context,
            long arrival, HttpServletRequest request, Function<ToolOutcome, byte[]> body) {
        if (!request.isAsyncSupported() || request.isAsyncStarted()) {
            ToolOutcome outcome = invoker.invoke(tool, arguments, context, arrival);
            return new Result(outcome, answer(body.apply(outcome)));
        }
        AsyncContext async = request.startAsync();
        // the watchdog completes the response at the deadline; this only guards against a lost completion
        async.setTimeout(tool.timeout().plus(Duration.ofSeconds(30)).toMillis());
        InlineToolCall call = new InlineToolCall(async, body);
        try {
            invoker.invokeInline(tool, arguments, context, arrival, call);
            return call.afterHandler(tool, arrival);
        } catch (RuntimeException | Error e) {
            call.abandon();
            throw e;
        }
    }

    /**
     * Hands the call to a thread of the invoker ({@link ToolInvoker#invokeOnExecutor}) and returns at
     * once, so that the request thread is free; the answer is written and the request completed from
     * the thread that delivers the outcome, within the deadline counted from {@code arrival}.
     *
     * @param invoker the invoker
     * @param tool the tool
     * @param arguments the arguments
     * @param context the call context
     * @param arrival when the request arrived ({@link System#nanoTime()})
     * @param request the request, not yet asynchronous
     * @param body renders the JSON answer of an outcome
     * @param answered told of the outcome once it is answered
     */
    static void handOff(ToolInvoker invoker, InvocableTool tool, ToolArguments arguments, ToolCallContext context,
            long arrival, HttpServletRequest request, Function<ToolOutcome, byte[]> body,
            Consumer<ToolOutcome> answered) {
        AsyncContext async = request.startAsync();
        async.setTimeout(tool.timeout().plus(Duration.ofSeconds(30)).toMillis());
        invoker.invokeOnExecutor(tool, arguments, context, arrival, outcome -> {
            try {
                answer(body.apply(outcome)).send((HttpServletResponse) async.getResponse());
            } catch (IOException | RuntimeException e) {
                log.debug("Could not send the answer of tool '{}'", outcome.toolName(), e);
            } finally {
                async.complete();
                answered.accept(outcome);
            }
        });
    }

    /** Something failed outside the tool: completes the request unless another thread answered it. */
    private void abandon() {
        int previous = state.getAndSet(ABANDONED);
        if (previous == IN_HANDLER || previous == WAITING) {
            async.complete();
        }
    }

    /** Receives the outcome exactly once, on the request thread or on another one. */
    @Override
    public void accept(ToolOutcome delivered) {
        outcome = delivered;
        if (Thread.currentThread() == requestThread) {
            return;
        }
        if (state.compareAndSet(IN_HANDLER, ANSWERED_ELSEWHERE)) {
            answerHere(delivered);
        } else {
            LockSupport.unpark(requestThread);
        }
    }

    private Result afterHandler(InvocableTool tool, long arrival) {
        if (outcome == null && state.compareAndSet(IN_HANDLER, WAITING)) {
            long until = arrival + tool.timeout().toNanos() + WAIT_MARGIN_NANOS;
            while (outcome == null) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    // only this thread moves the state on from WAITING; invoke() completes the request
                    throw new IllegalStateException("Tool '" + tool.name() + "' delivered no outcome within its "
                            + "deadline; is the ToolInvoker closed?");
                }
                LockSupport.parkNanos(this, left);
            }
        }
        ToolOutcome current = outcome; // set before any state change, so visible here
        if (state.get() == ANSWERED_ELSEWHERE) {
            return new Result(current, response -> { });
        }
        Problems.Reply answer = answer(body.apply(current));
        return new Result(current, response -> {
            try {
                answer.send(response);
            } finally {
                async.complete();
            }
        });
    }

    /**
     * The ordinary answer to a tool call.
     *
     * @param json the JSON body
     * @return {@code 200} with the body
     */
    private static Problems.Reply answer(byte[] json) {
        return Problems.json(HttpServletResponse.SC_OK, MediaType.APPLICATION_JSON_VALUE, json);
    }

    /**
     * An outcome and the reply that writes it.
     *
     * @param outcome the outcome
     * @param reply writes the answer and completes the asynchronous request; writes nothing when another
     *     thread answered
     */
    record Result(ToolOutcome outcome, Problems.Reply reply) {
    }

    /** Writes the answer from the thread that delivered it, while the request thread is still busy. */
    private void answerHere(ToolOutcome delivered) {
        try {
            HttpServletResponse response = (HttpServletResponse) async.getResponse();
            answer(body.apply(delivered)).send(response);
            response.flushBuffer();
        } catch (IOException | RuntimeException e) {
            log.debug("Could not send the answer of tool '{}'", delivered.toolName(), e);
        } finally {
            async.complete();
        }
    }
}
