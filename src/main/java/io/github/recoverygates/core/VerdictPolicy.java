package io.github.recoverygates.core;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns findings and thresholds into a verdict. With {@code --fail-on error} any error finding or
 * failed threshold fails; {@code warning} fails on warnings too; {@code new} fails only on findings
 * absent from the baseline (and, with a filter mode, on the change's lines) and on thresholds that got
 * worse than the baseline's — and never on a first run that has no baseline. With
 * {@code strictBaseline}, a baseline entry that no longer matches anything (stale) fails too. What
 * does not fail but is not clean is WARN.
 */
public final class VerdictPolicy {
    private VerdictPolicy() {
    }

    public static Verdict decide(List<Finding> findings, List<Threshold> thresholds, FailOn failOn,
                                 Baseline baseline, Verdict minimum) {
        return decide(findings, thresholds, RunPolicy.of(failOn, baseline), null, minimum);
    }

    public static Verdict decide(List<Finding> findings, List<Threshold> thresholds, RunPolicy policy,
                                 BaselineDiff diff, Verdict minimum) {
        boolean newOnly = policy.failOn() == FailOn.NEW;
        boolean firstRun = newOnly && policy.baseline() == null;
        List<Finding> counted = !newOnly ? findings
                : firstRun ? List.of()
                : findings.stream().filter(f -> f.baselineState() != Finding.BaselineState.UNCHANGED)
                        .filter(f -> policy.filterMode().accepts(f.diff())).toList();
        Map<String, Threshold> earlier = policy.baseline() == null ? Map.of() : policy.baseline().earlier().thresholds()
                .stream().collect(Collectors.toMap(Threshold::name, Function.identity(), (a, b) -> a));
        boolean thresholdFails = !firstRun && thresholds.stream().anyMatch(t -> !t.passed()
                && (!newOnly || !earlier.containsKey(t.name()) || t.worseThan(earlier.get(t.name()))));
        boolean anyFailedThreshold = thresholds.stream().anyMatch(t -> !t.passed());
        boolean stale = policy.strictBaseline() && diff != null && diff.fixedCount() > 0;
        boolean fail = thresholdFails || stale
                || counted.stream().anyMatch(f -> f.severity() == Severity.ERROR)
                || policy.failOn() == FailOn.WARNING && counted.stream().anyMatch(f -> f.severity() == Severity.WARNING);
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
