package io.github.recoverygates.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An earlier report of the same gate, and the comparison of a run with it: each finding is new or
 * unchanged, and the earlier findings no longer present are fixed. Matching is by
 * {@link Finding#fingerprint()}, counted, so three identical errors that became two leave one fixed.
 */
public record Baseline(Path file, GateResult earlier) {

    public static Baseline load(Path file, String expectedGate) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("--baseline " + file + " does not exist");
        }
        GateResult earlier;
        try {
            earlier = Json.REPORT.readValue(file.toFile(), GateResult.class);
        } catch (IOException e) {
            throw new ConfigException("--baseline " + file + " is not a gate report: " + e.getMessage(), e);
        }
        if (expectedGate != null && !expectedGate.equals(earlier.gate())) {
            throw new ConfigException("--baseline " + file + " is a report of gate '" + earlier.gate()
                    + "', not '" + expectedGate + "'");
        }
        return new Baseline(file, earlier);
    }

    /** The run's findings marked new or unchanged, and the diff. */
    public Comparison compare(List<Finding> findings) {
        Map<String, Integer> remaining = new HashMap<>();
        for (Finding f : earlier.findings()) {
            remaining.merge(f.fingerprint(), 1, Integer::sum);
        }
        List<Finding> marked = new ArrayList<>(findings.size());
        int fresh = 0;
        for (Finding f : findings.stream().sorted(Finding.ORDER).toList()) {
            Integer left = remaining.get(f.fingerprint());
            if (left != null && left > 0) {
                remaining.put(f.fingerprint(), left - 1);
                marked.add(f.withBaselineState(Finding.BaselineState.UNCHANGED));
            } else {
                marked.add(f.withBaselineState(Finding.BaselineState.NEW));
                fresh++;
            }
        }
        List<Finding> fixed = new ArrayList<>();
        for (Finding f : earlier.findings().stream().sorted(Finding.ORDER).toList()) {
            Integer left = remaining.get(f.fingerprint());
            if (left != null && left > 0) {
                remaining.put(f.fingerprint(), left - 1);
                fixed.add(f.withBaselineState(null));
            }
        }
        return new Comparison(marked, new BaselineDiff(file.toString(), fresh, findings.size() - fresh,
                fixed.size(), fixed));
    }

    public record Comparison(List<Finding> findings, BaselineDiff diff) {
    }
}
