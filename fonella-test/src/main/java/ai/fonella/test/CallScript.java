package ai.fonella.test;

import ai.fonella.support.FonellaJson;
import ai.fonella.model.TranscriptMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What happens on a simulated call: who calls whom, what is said, which tools the assistant calls
 * with which arguments (in order, between utterances), and how the call ends. Immutable; build it
 * with {@link #builder()} or read it from JSON with {@link #fromJson(String)}.
 *
 * <pre>{@code
 * CallScript script = CallScript.builder()
 *         .from("+4915112345678")
 *         .user("Where is my order 4711?")
 *         .toolCall("lookupOrder", Map.of("orderNumber", "4711"))
 *         .assistant("It ships tomorrow.")
 *         .endedBy("customer-ended")
 *         .build();
 * Call call = emulator.placeCall(script);
 * }</pre>
 *
 * <p>The JSON form, used by {@code POST /_emulator/calls}:
 * <pre>{@code
 * {"from": "+4915112345678", "to": "+4915792816700",
 *  "steps": [{"user": "Where is my order?"}, {"tool": "lookupOrder", "arguments": {"orderNumber": "4711"}},
 *            {"hang": "One moment please."}, {"assistant": "It ships tomorrow."}],
 *  "endedReason": "customer-ended", "summary": "optional", "durationSeconds": 42}
 * }</pre>
 * A call fails instead of ending when {@code "error"} is given ({@code endedReason} then defaults to
 * {@value #DEFAULT_FAILED_REASON}).
 */
public final class CallScript {

    /** The caller's number when none is given. */
    public static final String DEFAULT_CUSTOMER_PHONE = "+4915112345678";

    /** The called number when none is given. */
    public static final String DEFAULT_CALLED_PHONE = "+4915792816700";

    /** How a call ends when nothing else is said. */
    public static final String DEFAULT_ENDED_REASON = "customer-ended";

    /** The {@code endedReason} of a failed call when none is given. */
    public static final String DEFAULT_FAILED_REASON = "pipeline-error";

    private final String customerPhone;
    private final String calledPhoneNumber;
    private final List<Step> steps;
    private final String endedReason;
    private final String error;
    private final String summary;
    private final Duration duration;

    private CallScript(Builder builder) {
        this.customerPhone = builder.customerPhone;
        this.calledPhoneNumber = builder.calledPhoneNumber;
        this.steps = List.copyOf(builder.steps);
        this.error = builder.error;
        this.endedReason = builder.endedReason != null ? builder.endedReason
                : error != null ? DEFAULT_FAILED_REASON : DEFAULT_ENDED_REASON;
        this.summary = builder.summary;
        this.duration = builder.duration;
    }

    /**
     * Starts a script: a call from {@value #DEFAULT_CUSTOMER_PHONE} to {@value #DEFAULT_CALLED_PHONE}
     * that the customer ends.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a script in the JSON form shown above.
     *
     * @param json the script
     * @return the script
     * @throws IllegalArgumentException naming what is wrong
     */
    public static CallScript fromJson(String json) {
        JsonNode node;
        try {
            node = FonellaJson.mapper().readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("The call script is not valid JSON: " + e.getOriginalMessage());
        }
        return fromJson(node);
    }

    /**
     * Reads a script in the JSON form shown above.
     *
     * @param json the script object
     * @return the script
     * @throws IllegalArgumentException naming what is wrong
     */
    public static CallScript fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("A call script must be a JSON object such as {\"steps\": [{\"user\": "
                    + "\"Hello\"}]}");
        }
        Builder builder = builder();
        text(json, "from").ifPresent(builder::from);
        text(json, "to").ifPresent(builder::to);
        JsonNode steps = json.get("steps");
        if (steps != null && !steps.isNull()) {
            if (!steps.isArray()) {
                throw new IllegalArgumentException("steps must be an array of objects such as {\"user\": \"Hello\"}");
            }
            int index = 0;
            for (JsonNode step : steps) {
                addStep(builder, step, index++);
            }
        }
        Optional<String> reason = text(json, "endedReason");
        Optional<String> error = text(json, "error");
        if (error.isPresent()) {
            builder.failed(reason.orElse(DEFAULT_FAILED_REASON), error.get());
        } else {
            reason.ifPresent(builder::endedBy);
        }
        text(json, "summary").ifPresent(builder::summary);
        JsonNode seconds = json.get("durationSeconds");
        if (seconds != null && !seconds.isNull()) {
            if (!seconds.canConvertToInt() || !seconds.isIntegralNumber()) {
                throw new IllegalArgumentException("durationSeconds must be a whole number of seconds");
            }
            builder.duration(Duration.ofSeconds(seconds.asInt()));
        }
        return builder.build();
    }

    private static void addStep(Builder builder, JsonNode step, int index) {
        String where = "steps[" + index + "]";
        if (!step.isObject()) {
            throw new IllegalArgumentException(where + " must be an object such as {\"user\": \"Hello\"}");
        }
        if (step.has("user")) {
            builder.user(text(step, "user").orElseThrow(() -> new IllegalArgumentException(where + ".user must be text")));
        } else if (step.has("assistant")) {
            builder.assistant(text(step, "assistant")
                    .orElseThrow(() -> new IllegalArgumentException(where + ".assistant must be text")));
        } else if (step.has("tool")) {
            String name = text(step, "tool")
                    .orElseThrow(() -> new IllegalArgumentException(where + ".tool must be the tool's name"));
            JsonNode arguments = step.get("arguments");
            builder.toolCall(name, arguments == null || arguments.isNull()
                    ? FonellaJson.mapper().createObjectNode() : arguments);
        } else if (step.has("hang")) {
            builder.hang(text(step, "hang")
                    .orElseThrow(() -> new IllegalArgumentException(where + ".hang must be text")));
        } else {
            throw new IllegalArgumentException(where + " must have one of user, assistant, tool or hang");
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            throw new IllegalArgumentException(field + " must be a JSON string");
        }
        return Optional.of(value.asString());
    }

    /**
     * @return the caller's number, E.164
     */
    public String customerPhone() {
        return customerPhone;
    }

    /**
     * @return the number that was called, E.164
     */
    public String calledPhoneNumber() {
        return calledPhoneNumber;
    }

    /**
     * @return the utterances, tool calls and hangs, in order
     */
    public List<Step> steps() {
        return steps;
    }

    /**
     * @return whether the call fails ({@code call.failed}) instead of ending ({@code call.ended})
     */
    public boolean failed() {
        return error != null;
    }

    /**
     * @return the call's {@code endedReason}
     */
    public String endedReason() {
        return endedReason;
    }

    /**
     * @return why the call failed, for {@code call.failed}; empty for a call that ends normally
     */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /**
     * @return the summary to store, or empty for one built from the script
     */
    public Optional<String> summary() {
        return Optional.ofNullable(summary);
    }

    /**
     * @return the call's duration, or empty for an estimate from the script
     */
    public Optional<Duration> duration() {
        return Optional.ofNullable(duration);
    }

    @Override
    public String toString() {
        return "CallScript[from=" + customerPhone + ", to=" + calledPhoneNumber + ", steps=" + steps
                + ", endedReason=" + endedReason + (error == null ? "" : ", error=" + error) + "]";
    }

    /** One step of a call. */
    public sealed interface Step permits Utterance, ToolCall, Hang {
    }

    /**
     * Someone says something; becomes speech updates, a {@code call.transcript} event and a transcript
     * message.
     *
     * @param role {@code user} (the caller) or {@code assistant}
     * @param text what is said
     */
    public record Utterance(String role, String text) implements Step {
        /** Requires both fields. */
        public Utterance {
            requireText(role, "role");
            requireText(text, "text");
        }
    }

    /**
     * The assistant calls a registered tool; becomes an HTTP invocation, a {@code call.tool_call} event
     * and a transcript line with the result or the error.
     *
     * @param name the tool's name
     * @param arguments the arguments object
     */
    public record ToolCall(String name, ObjectNode arguments) implements Step {
        /** Requires a name and copies the arguments. */
        public ToolCall {
            requireText(name, "name");
            Objects.requireNonNull(arguments, "arguments");
            arguments = arguments.deepCopy();
        }

        /**
         * @return a copy of the arguments object
         */
        @Override
        public ObjectNode arguments() {
            return arguments.deepCopy();
        }
    }

    /**
     * The assistant keeps the caller waiting; becomes a {@code call.hang} event.
     *
     * @param message what the assistant says while waiting
     */
    public record Hang(String message) implements Step {
        /** Requires a message. */
        public Hang {
            requireText(message, "message");
        }
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /** Builds a {@link CallScript}. */
    public static final class Builder {
        private String customerPhone = DEFAULT_CUSTOMER_PHONE;
        private String calledPhoneNumber = DEFAULT_CALLED_PHONE;
        private final List<Step> steps = new ArrayList<>();
        private String endedReason;
        private String error;
        private String summary;
        private Duration duration;

        private Builder() {
        }

        /**
         * @param customerPhone the caller's number, E.164
         * @return this builder
         */
        public Builder from(String customerPhone) {
            this.customerPhone = requireText(customerPhone, "from");
            return this;
        }

        /**
         * @param calledPhoneNumber the number called, E.164
         * @return this builder
         */
        public Builder to(String calledPhoneNumber) {
            this.calledPhoneNumber = requireText(calledPhoneNumber, "to");
            return this;
        }

        /**
         * The caller says something.
         *
         * @param text what the caller says
         * @return this builder
         */
        public Builder user(String text) {
            return say(TranscriptMessage.ROLE_USER, text);
        }

        /**
         * The assistant says something.
         *
         * @param text what the assistant says
         * @return this builder
         */
        public Builder assistant(String text) {
            return say(TranscriptMessage.ROLE_ASSISTANT, text);
        }

        /**
         * Someone says something.
         *
         * @param role {@code user}, {@code assistant} or another role
         * @param text what is said
         * @return this builder
         */
        public Builder say(String role, String text) {
            steps.add(new Utterance(role, text));
            return this;
        }

        /**
         * The assistant calls a tool.
         *
         * @param name the tool's name
         * @param arguments the arguments, converted to a JSON object with Jackson
         * @return this builder
         */
        public Builder toolCall(String name, Map<String, ?> arguments) {
            JsonNode tree = FonellaJson.mapper().valueToTree(Objects.requireNonNull(arguments, "arguments"));
            return toolCall(name, tree);
        }

        /**
         * The assistant calls a tool.
         *
         * @param name the tool's name
         * @param argumentsJson the arguments as a JSON object, e.g. {@code {"orderNumber": "4711"}}
         * @return this builder
         */
        public Builder toolCall(String name, String argumentsJson) {
            try {
                JsonNode tree = FonellaJson.mapper().readTree(argumentsJson);
                return toolCall(name, tree);
            } catch (JacksonException e) {
                throw new IllegalArgumentException("The arguments of tool call '" + name + "' are not valid JSON: "
                        + e.getOriginalMessage());
            }
        }

        /**
         * The assistant calls a tool.
         *
         * @param name the tool's name
         * @param arguments the arguments, a JSON object
         * @return this builder
         */
        public Builder toolCall(String name, JsonNode arguments) {
            if (arguments == null || !arguments.isObject()) {
                throw new IllegalArgumentException("The arguments of tool call '" + name + "' must be a JSON object");
            }
            steps.add(new ToolCall(name, (ObjectNode) arguments));
            return this;
        }

        /**
         * The assistant keeps the caller waiting.
         *
         * @param message what the assistant says meanwhile
         * @return this builder
         */
        public Builder hang(String message) {
            steps.add(new Hang(message));
            return this;
        }

        /**
         * The call ends normally ({@code call.ended}) for this reason.
         *
         * @param endedReason e.g. {@code customer-ended} or {@code assistant-ended}
         * @return this builder
         */
        public Builder endedBy(String endedReason) {
            this.endedReason = requireText(endedReason, "endedReason");
            this.error = null;
            return this;
        }

        /**
         * The call fails ({@code call.failed}) with {@code endedReason}
         * {@value CallScript#DEFAULT_FAILED_REASON}.
         *
         * @param error why it failed
         * @return this builder
         */
        public Builder failed(String error) {
            return failed(DEFAULT_FAILED_REASON, error);
        }

        /**
         * The call fails ({@code call.failed}).
         *
         * @param endedReason the call's {@code endedReason}
         * @param error why it failed
         * @return this builder
         */
        public Builder failed(String endedReason, String error) {
            this.endedReason = requireText(endedReason, "endedReason");
            this.error = requireText(error, "error");
            return this;
        }

        /**
         * @param summary the summary to store instead of one built from the script
         * @return this builder
         */
        public Builder summary(String summary) {
            this.summary = requireText(summary, "summary");
            return this;
        }

        /**
         * @param duration the call's duration instead of an estimate; whole seconds are kept
         * @return this builder
         */
        public Builder duration(Duration duration) {
            if (duration == null || duration.isNegative()) {
                throw new IllegalArgumentException("duration must be zero or positive");
            }
            this.duration = duration;
            return this;
        }

        /**
         * @return the script
         */
        public CallScript build() {
            return new CallScript(this);
        }
    }
}
