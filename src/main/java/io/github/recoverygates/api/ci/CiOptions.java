package io.github.recoverygates.api.ci;

import io.github.recoverygates.core.Gate;

/**
 * What a CI wrapper does with a verdict and what it publishes ({@link CiOption}); these step
 * parameters do not reach the engine.
 */
public record CiOptions(boolean unstableOnFailure, boolean unstableOnDegraded, boolean publishChecks,
                        boolean archive, String checksName, String sourceLink, int maxAnnotations, boolean propagate) {

    public static final int DEFAULT_MAX_ANNOTATIONS = 500;

    public static CiOptions defaults() {
        return new CiOptions(false, true, true, true, null, null, DEFAULT_MAX_ANNOTATIONS, true);
    }

    public String checksName(Gate gate) {
        return checksName == null || checksName.isBlank() ? "Recovery Gates / " + gate.name() : checksName;
    }
}
