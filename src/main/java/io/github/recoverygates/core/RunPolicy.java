package io.github.recoverygates.core;

/**
 * How a run's findings become a verdict: what fails ({@code failOn}), the earlier report they are
 * compared with, which findings a "new only" gate counts ({@code filterMode} against the change), and
 * whether a baseline with stale entries fails ({@code strictBaseline}).
 */
public record RunPolicy(FailOn failOn, Baseline baseline, FilterMode filterMode, boolean strictBaseline) {

    public RunPolicy {
        failOn = failOn == null ? FailOn.ERROR : failOn;
        filterMode = filterMode == null ? FilterMode.NOFILTER : filterMode;
    }

    public static RunPolicy of(FailOn failOn, Baseline baseline) {
        return new RunPolicy(failOn, baseline, FilterMode.NOFILTER, false);
    }
}
