package ai.fonella.samples.orderdesk.orders;

import ai.fonella.tool.ToolParam;

/**
 * The arguments of {@link OrderTools#lookupOrder}. As the tool's only parameter, its components are
 * the top-level properties of the tool's schema.
 *
 * @param orderNumber the order number the caller gives
 * @param expectedStatus what the caller believes, when they said so ("has it shipped yet?")
 */
public record OrderQuery(
        @ToolParam(description = "The order number the caller gives, e.g. A-1001") String orderNumber,
        @ToolParam(description = "The status the caller asks about or expects, if they said one",
                required = ToolParam.Requirement.OPTIONAL) OrderStatus expectedStatus) {
}
