package com.example.orders;

import ai.fonella.tool.FonellaTool;
import ai.fonella.tool.ToolParam;

/** The next release: a better description, and cancelOrder is gone. */
public class OrderTools {

    @FonellaTool(description = "Looks up an order by its number and tells when it ships.")
    public String lookupOrder(@ToolParam(description = "The order number, e.g. A-1042") String orderNumber) {
        return "Order " + orderNumber + " ships tomorrow.";
    }
}
