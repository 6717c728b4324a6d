package io.github.recoverygates.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How much a finding matters; ordered from most to least severe. */
public enum Severity {
    ERROR, WARNING, NOTE;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Severity of(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }

    public boolean atLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }
}
