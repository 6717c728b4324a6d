package io.github.recoverygates.recovery;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a check ended: up; down (critical); degraded (not critical and down); skipped — never tried,
 * because a dependency failed or a variable it needs is not set (that cause is the finding, not this check).
 */
public enum CheckState {
    UP, DOWN, DEGRADED, SKIPPED;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }
}
