package ai.fonella.tool;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns whatever a tool did into the {@link ToolOutcome} the assistant speaks: the result converted
 * to text, or the text for a failure, bad arguments or a missed deadline, each passed through the
 * {@link ToolErrorPolicy}. Logs each failure once, never with argument values. Thread-safe.
 */
final class ToolOutcomes {

    private static final Logger log = LoggerFactory.getLogger(ToolInvoker.class);

    private final JsonMapper mapper;
    private final ObjectWriter resultWriter;
    private final String doneText;
    private final String emptyResultText;
    private final String timeoutText;
    private final String errorText;
    private final ToolErrorPolicy errorPolicy;

    ToolOutcomes(JsonMapper mapper, String doneText, String emptyResultText, String timeoutText, String errorText,
            ToolErrorPolicy errorPolicy) {
        this.mapper = mapper;
        this.resultWriter = mapper.writer();
        this.doneText = doneText;
        this.emptyResultText = emptyResultText;
        this.timeoutText = timeoutText;
        this.errorText = errorText;
        this.errorPolicy = errorPolicy;
    }

    /** The handler returned {@code value} (a completed stage's value included). */
    ToolOutcome converted(InvocableTool tool, Object value, long start) {
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

    /** The handler threw (possibly wrapped), or its stage completed exceptionally. */
    ToolOutcome failed(InvocableTool tool, Throwable thrown, long start) {
        Throwable error = unwrap(thrown);
        if (error instanceof ToolResultException resultException) {
            log.debug("Tool '{}' answered with a ToolResultException", tool.name());
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

    /** Something unexpected: logged at ERROR, answered with the generic text. */
    ToolOutcome failure(InvocableTool tool, Throwable thrown, long start) {
        Throwable error = unwrap(thrown);
        log.error("Tool '{}' failed with {}; answered with the generic error text", tool.name(),
                error.getClass().getName(), error);
        String text = safeText(() -> errorPolicy.onFailure(tool.definition(), error, errorText), errorText, tool);
        return outcome(tool, text, ToolOutcome.Status.ERROR, error, start);
    }

    ToolOutcome badArguments(InvocableTool tool, ToolArgumentException e, long start) {
        // the message may quote a validation message of the user's own types: keep it out of WARN
        log.warn("Tool '{}' was called with unusable arguments{}", tool.name(),
                e.argument() == null ? "" : " (argument '" + e.argument() + "')");
        log.debug("Tool '{}' argument problem: {}", tool.name(), e.getMessage());
        String text = safeText(() -> errorPolicy.onBadArguments(tool.definition(), e), e.getMessage(), tool);
        return outcome(tool, text, ToolOutcome.Status.BAD_ARGUMENTS, e, start);
    }

    ToolOutcome timedOut(InvocableTool tool, long start) {
        log.warn("Tool '{}' did not answer within {} ms of the call's arrival; answered with the fallback text",
                tool.name(), tool.timeout().toMillis());
        String text = safeText(() -> errorPolicy.onTimeout(tool.definition(), tool.timeout(), timeoutText),
                timeoutText, tool);
        TimeoutException error = new TimeoutException("Tool '" + tool.name() + "' did not answer within "
                + tool.timeout().toMillis() + " ms");
        return outcome(tool, text, ToolOutcome.Status.TIMEOUT, error, start);
    }

    private String safeText(Supplier<String> policy, String fallback, InvocableTool tool) {
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

    private static Throwable unwrap(Throwable thrown) {
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
}
