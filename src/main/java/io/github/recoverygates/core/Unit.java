package io.github.recoverygates.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** What a threshold or metric is measured in; {@link #additive} units add up across shards. */
public enum Unit {
    PERCENT("%", false),
    MILLISECONDS("ms", false),
    COUNT("count", true),
    FILES("files", true),
    TESTS("tests", true),
    VIOLATIONS("violations", true),
    EVENTS("events", true),
    JOURNEYS("journeys", true);

    private final String symbol;
    private final boolean additive;

    Unit(String symbol, boolean additive) {
        this.symbol = symbol;
        this.additive = additive;
    }

    @JsonValue
    public String symbol() {
        return symbol;
    }

    public boolean additive() {
        return additive;
    }

    /** The unit written as {@code symbol}; an unknown one (a newer report) is read as a count. */
    @JsonCreator
    public static Unit of(String symbol) {
        return Arrays.stream(values()).filter(u -> u.symbol.equals(symbol)).findFirst().orElse(COUNT);
    }
}
