package com.example.lib;

/** A library module without fonella-core: the fonella goals skip it. */
public record Money(long cents, String currency) {
}
