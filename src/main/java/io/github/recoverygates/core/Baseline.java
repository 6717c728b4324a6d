package io.github.recoverygates.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * An earlier report of the same gate, and the comparison of a run with it: each finding is new or
 * unchanged, and the earlier findings no longer present are fixed (stale entries of the baseline).
 * Matching is by {@link Finding#identity()} (the line-text fingerprint), counted, so three identical
 * errors that became two leave one fixed; what is left is matched by message key, so a baseline
 * written before fingerprints existed still recognises its findings.
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
        List<Finding> now = findings.stream().sorted(Finding.ORDER).toList();
        List<Finding> before = earlier.findings().stream().sorted(Finding.ORDER).toList();
        Set<Integer> matchedNow = new LinkedHashSet<>();
        Set<Integer> matchedBefore = new LinkedHashSet<>();
        match(now, before, Finding::identity, matchedNow, matchedBefore);
        match(now, before, Finding::messageKey, matchedNow, matchedBefore);
        List<Finding> marked = new ArrayList<>(now.size());
        int fresh = 0;
        for (int i = 0; i < now.size(); i++) {
            boolean known = matchedNow.contains(i);
            marked.add(now.get(i).withBaselineState(known ? Finding.BaselineState.UNCHANGED : Finding.BaselineState.NEW));
            fresh += known ? 0 : 1;
        }
        List<Finding> fixed = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            if (!matchedBefore.contains(i)) {
                fixed.add(before.get(i).withBaselineState(null));
            }
        }
        return new Comparison(marked, new BaselineDiff(file.toString(), fresh, findings.size() - fresh,
                fixed.size(), fixed));
    }

    private static void match(List<Finding> now, List<Finding> before, Function<Finding, String> key,
                              Set<Integer> matchedNow, Set<Integer> matchedBefore) {
        Map<String, List<Integer>> open = new HashMap<>();
        for (int i = 0; i < before.size(); i++) {
            if (!matchedBefore.contains(i)) {
                open.computeIfAbsent(key.apply(before.get(i)), k -> new ArrayList<>()).add(i);
            }
        }
        for (int i = 0; i < now.size(); i++) {
            if (matchedNow.contains(i)) {
                continue;
            }
            List<Integer> candidates = open.get(key.apply(now.get(i)));
            if (candidates != null && !candidates.isEmpty()) {
                matchedBefore.add(candidates.remove(0));
                matchedNow.add(i);
            }
        }
    }

    public record Comparison(List<Finding> findings, BaselineDiff diff) {
    }
}
