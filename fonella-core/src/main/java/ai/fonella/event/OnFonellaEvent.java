package ai.fonella.event;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that handles Fonella webhook events.
 *
 * <p>The event types are wire names such as {@code call.ended}; use the constants of this annotation.
 * When no type is given, the type is inferred from a parameter of a specific event class:
 *
 * <pre>{@code
 * @OnFonellaEvent                                   // call.ended, inferred from the parameter
 * void onEnded(CallEndedEvent event) { ... }
 *
 * @OnFonellaEvent({OnFonellaEvent.CALL_ENDED, OnFonellaEvent.CALL_FAILED})
 * void onOver(FonellaEvent event) { ... }          // several types: a common parameter type
 *
 * @OnFonellaEvent(OnFonellaEvent.CALL_SUMMARY)
 * void onSummary(Call call) { ... }                // just the call
 *
 * @OnFonellaEvent(OnFonellaEvent.ALL)               // every event, types this SDK does not know included
 * void audit(FonellaEvent event, JsonNode raw) { ... }
 * }</pre>
 *
 * <p>Each parameter is one of: an event class ({@link FonellaEvent} or one of its eight specific
 * records) that can receive every declared type, {@link ai.fonella.model.Call} (the event's
 * {@code data.call}, {@code null} when the delivery has none), or {@code tools.jackson.databind.JsonNode}
 * (the whole raw envelope). A method with explicit types may take no parameter at all. A catch-all
 * handler must say so with {@link #ALL}; a {@code FonellaEvent}, {@code Call} or {@code JsonNode}
 * parameter alone never means "all types". Mistakes are reported when the handler is built, by
 * {@link EventHandlers}, with an {@link EventHandlerDefinitionException} naming the method and the fix.
 *
 * <p>The annotation is found on the method itself or on a method it overrides or implements, in a
 * superclass or an interface. Handlers run synchronously on the thread that received the webhook,
 * so the HTTP answer reflects their outcome; their return value is ignored. A Kotlin {@code suspend}
 * handler is run to completion there too ({@code runBlocking}), so deduplication and failures work as
 * for any other handler.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnFonellaEvent {

    /** A call was answered. */
    String CALL_STARTED = "call.started";

    /** A call ended normally. */
    String CALL_ENDED = "call.ended";

    /** A call failed. */
    String CALL_FAILED = "call.failed";

    /** One finished utterance of a call's transcript. */
    String CALL_TRANSCRIPT = "call.transcript";

    /** The caller or the assistant started or stopped speaking. */
    String CALL_SPEECH_UPDATE = "call.speech_update";

    /** The assistant called a tool during a call. */
    String CALL_TOOL_CALL = "call.tool_call";

    /** The assistant is waiting for a slow response during a call. */
    String CALL_HANG = "call.hang";

    /** The summary of a finished call. */
    String CALL_SUMMARY = "call.summary";

    /**
     * Every event, including types this version of the SDK does not know (delivered as
     * {@link UnknownFonellaEvent}). Must be the only value; event parameters must then be
     * {@link FonellaEvent}.
     */
    String ALL = "*";

    /**
     * The event types handled, as wire names (the constants of this annotation), or {@link #ALL}.
     * Empty means: inferred from a parameter of a specific event class such as {@link CallEndedEvent}.
     *
     * @return the wire names of the handled types
     */
    String[] value() default {};

    /**
     * A stable identifier of this handler, the key under which deduplication remembers that the
     * handler already processed an event. Default: {@code <class name>#<method>(<parameter types>)}.
     * Set it when a shared deduplication store must survive renaming the class or the method.
     *
     * @return the handler id, or empty for the default
     */
    String id() default "";
}
