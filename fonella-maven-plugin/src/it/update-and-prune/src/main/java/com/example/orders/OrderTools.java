package com.example.orders;

import ai.fonella.tool.FonellaTool;
import ai.fonella.tool.ToolParam;

public class OrderTools {

    @FonellaTool(description = "Looks up an order by its number.")
    public String lookupOrder(@ToolParam(description = "The order number, e.g. A-1042") String orderNumber) {
        return "Order " + orderNumber + " ships tomorrow.";
    }

    @FonellaTool(description = "Cancels an order that has not shipped yet.")
    public String cancelOrder(String orderNumber, boolean refund) {
        return "Order " + orderNumber + " is cancelled.";
    }
}
