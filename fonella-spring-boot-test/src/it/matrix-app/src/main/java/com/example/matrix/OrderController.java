package com.example.matrix;

import java.time.LocalDate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A plain REST endpoint of the app, written by the app's own JSON mapper (Boot's, of its line). */
@RestController
public class OrderController {

    /**
     * An order as the app's own API shows it.
     *
     * @param number the order number
     * @param shipped the shipping day
     */
    public record Order(String number, LocalDate shipped) {
    }

    @GetMapping("/orders/{number}")
    public Order order(@PathVariable("number") String number) {
        return new Order(number, LocalDate.of(2026, 11, 24));
    }
}
