package io.github.recoverygates.recovery;

import io.github.recoverygates.core.LowerCaseId;

/**
 * Where a check ended: up; down (critical); degraded (not critical and down); skipped — never tried,
 * because a dependency failed or a variable it needs is not set (that cause is the finding, not this check).
 */
public enum CheckState implements LowerCaseId {
    UP, DOWN, DEGRADED, SKIPPED;

    @Override
    public String toString() {
        return id();
    }
}
