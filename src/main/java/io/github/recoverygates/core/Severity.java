package io.github.recoverygates.core;

import com.fasterxml.jackson.annotation.JsonCreator;

/** How much a finding matters; ordered from most to least severe. */
public enum Severity implements LowerCaseId {
    ERROR, WARNING, NOTE;

    @JsonCreator
    public static Severity of(String id) {
        return LowerCaseId.of(Severity.class, id);
    }

    public boolean atLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }
}
