package io.github.recoverygates.recovery;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a check ended: up; down (critical); degraded (not critical and down); blocked by a dependency or the environment. */
public enum CheckState {
    UP, DOWN, DEGRADED, BLOCKED;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }
}
