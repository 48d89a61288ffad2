package com.example.shop;

import ai.fonella.model.ToolMethod;
import ai.fonella.tool.FonellaTool;
import ai.fonella.tool.ToolCallContext;
import ai.fonella.tool.ToolParam;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Tools whose schemas use most of what the generator knows, including non-ASCII text. */
public class ShopTools {

    public enum Size2 { SMALL, MEDIUM, @JsonProperty("xl") EXTRA_LARGE }

    public record Address(@NotBlank String street, String city,
            @JsonPropertyDescription("Postleitzahl, z. B. 80331 M\u00fcnchen") Optional<String> postalCode) {
    }

    public record Line(@Pattern(regexp = "[A-Z]{2}-\\d{4}") String sku, @Min(1) @Max(99) int quantity,
            BigDecimal unitPrice) {
    }

    public record Order(Address shipTo, Address billTo, List<Line> lines, Map<String, String> notes,
            Size2 boxSize) {
    }

    @FonellaTool(description = "Places an order \u2014 \"quoted\", with <angle> & ampersand.")
    public String placeOrder(Order order, ToolCallContext context) {
        return "ok";
    }

    @FonellaTool(description = "Reschedules a delivery.", timeout = "2s")
    public String reschedule(@ToolParam(description = "The delivery id") UUID deliveryId,
            @ToolParam(description = "When, with offset") OffsetDateTime when,
            @Size(min = 1, max = 3) List<LocalDate> alternatives) {
        return "ok";
    }

    @FonellaTool(name = "stockLevel", description = "Tells how many items are in stock.", method = ToolMethod.GET)
    public String stock(@JsonProperty("sku_code") String sku, Optional<Integer> warehouse) {
        return "ok";
    }
}
