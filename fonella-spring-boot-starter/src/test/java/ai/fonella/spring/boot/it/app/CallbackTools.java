package ai.fonella.spring.boot.it.app;

import ai.fonella.tool.FonellaTool;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import java.time.LocalTime;
import org.springframework.validation.annotation.Validated;

/**
 * Registered by a {@code @Bean} method and proxied by method validation, so invocation must go
 * through the proxy for the constraint to apply.
 */
@Validated
public class CallbackTools {

    @FonellaTool(description = "Book a callback from the shop at a date and time")
    public String bookCallback(LocalDate date, LocalTime time,
            @Pattern(regexp = "\\+[0-9]{6,15}") String phoneNumber) {
        return "Callback booked for " + date + " at " + time + ".";
    }
}
