package io.github.recoverygates.core;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns findings and thresholds into a verdict. With {@code --fail-on error} any error finding or
 * failed threshold fails; {@code warning} fails on warnings too; {@code new} fails only on findings
 * absent from the baseline and on thresholds that got worse than the baseline's. What does not
 * fail but is not clean (warnings, old errors under {@code new}) is WARN.
 */
public final class VerdictPolicy {
    private VerdictPolicy() {
    }

    public static Verdict decide(List<Finding> findings, List<Threshold> thresholds, FailOn failOn,
                                 Baseline baseline, Verdict minimum) {
        List<Finding> counted = failOn == FailOn.NEW
                ? findings.stream().filter(f -> f.baselineState() != Finding.BaselineState.UNCHANGED).toList()
                : findings;
        Map<String, Threshold> earlier = baseline == null ? Map.of() : baseline.earlier().thresholds().stream()
                .collect(Collectors.toMap(Threshold::name, Function.identity(), (a, b) -> a));
        boolean thresholdFails = thresholds.stream().anyMatch(t -> !t.passed()
                && (failOn != FailOn.NEW || !earlier.containsKey(t.name()) || t.worseThan(earlier.get(t.name()))));
        boolean anyFailedThreshold = thresholds.stream().anyMatch(t -> !t.passed());
        boolean fail = thresholdFails
                || counted.stream().anyMatch(f -> f.severity() == Severity.ERROR)
                || failOn == FailOn.WARNING && counted.stream().anyMatch(f -> f.severity() == Severity.WARNING);
        Verdict verdict;
        if (fail) {
            verdict = Verdict.FAIL;
        } else if (anyFailedThreshold || findings.stream().anyMatch(f -> f.severity().atLeast(Severity.WARNING))) {
            verdict = Verdict.WARN;
        } else {
            verdict = Verdict.PASS;
        }
        return Verdict.worst(verdict, minimum == null ? Verdict.PASS : minimum);
    }
}
