package ai.fonella.spring.boot.it.app;

import ai.fonella.tool.ToolParam;

/**
 * What the caller asks about.
 *
 * @param orderNumber the order number
 * @param expectedStatus the status the caller believes the order has, if they said
 */
public record OrderQuery(
        @ToolParam(description = "The order number, e.g. A-1001") String orderNumber,
        @ToolParam(description = "The status the caller expects", required = ToolParam.Requirement.OPTIONAL)
        OrderStatus expectedStatus) {
}
