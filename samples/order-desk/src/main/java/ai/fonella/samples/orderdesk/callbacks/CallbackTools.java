package ai.fonella.samples.orderdesk.callbacks;

import ai.fonella.tool.FonellaTool;
import ai.fonella.tool.ToolCallContext;
import ai.fonella.tool.ToolParam;
import ai.fonella.tool.ToolResultException;
import jakarta.validation.constraints.FutureOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * Books callbacks. {@code @Validated} makes Spring check the constraints before the method runs;
 * {@code @Pattern} and {@code @Size} also appear in the tool's schema, so the assistant knows them.
 * A violation is spoken back by the starter, as an error result naming the parameter.
 */
@Component
@Validated
public class CallbackTools {

    static final LocalTime OPENS = LocalTime.of(9, 0);
    static final LocalTime CLOSES = LocalTime.of(18, 0);
    private static final DateTimeFormatter SPOKEN_DATE = DateTimeFormatter.ofPattern("EEEE, d MMMM", Locale.ENGLISH);

    private final CallbackRepository callbacks;

    public CallbackTools(CallbackRepository callbacks) {
        this.callbacks = callbacks;
    }

    @FonellaTool(description = "Books a callback: someone from the shop calls the customer back on the given day "
            + "and time (shop hours 09:00 to 18:00).")
    public String bookCallback(
            @ToolParam(description = "The day of the callback")
            @FutureOrPresent(message = "The callback day must be today or later.") LocalDate date,
            @ToolParam(description = "The time of day, between 09:00 and 18:00") LocalTime time,
            @ToolParam(description = "The number to call back, in international format, e.g. +4915112345678")
            @Pattern(regexp = "\\+[1-9][0-9]{6,14}",
                    message = "The phone number must be in international format, like +49 151 12345678.")
            String phoneNumber,
            @ToolParam(description = "What the callback is about, in a few words",
                    required = ToolParam.Requirement.OPTIONAL)
            @Size(max = 200) String topic,
            ToolCallContext context) {
        if (time.isBefore(OPENS) || time.isAfter(CLOSES)) {
            throw new ToolResultException("We can only call back between 9 in the morning and 6 in the evening. "
                    + "Which time would suit you?");
        }
        callbacks.book(context.toolCallId(), context.callId(), phoneNumber, date, time, topic);
        return "The callback is booked for " + SPOKEN_DATE.format(date) + " at " + time + " on " + phoneNumber + ".";
    }
}
