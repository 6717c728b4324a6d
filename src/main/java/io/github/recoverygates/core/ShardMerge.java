package io.github.recoverygates.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Joins the reports of one gate's shards ({@code --shard I/N}) into the report of the whole run:
 * findings are concatenated, count metrics summed, rate thresholds recomputed from their
 * numerators and denominators, and the verdict decided again by the same policy.
 */
public final class ShardMerge {

    /** Units whose measurements add up across shards (a count of violations, of tests). */
    private static final Set<String> ADDITIVE_UNITS = Set.of("count", "tests", "files");

    private ShardMerge() {
    }

    public static GateResult merge(List<GateResult> shards, FailOn failOn) {
        if (shards.isEmpty()) {
            throw new ConfigException("merge: no shard reports given");
        }
        String gate = shards.get(0).gate();
        for (GateResult shard : shards) {
            if (!shard.gate().equals(gate)) {
                throw new ConfigException("merge: reports of different gates (" + gate + ", " + shard.gate() + ")");
            }
        }
        Set<Finding> findings = new LinkedHashSet<>();
        shards.forEach(s -> findings.addAll(s.findings()));
        List<ThresholdResult> thresholds = mergeThresholds(shards);
        SortedMap<String, Number> metrics = mergeMetrics(shards, thresholds);
        Verdict verdict = shards.stream().anyMatch(s -> s.verdict() == Verdict.ERROR) ? Verdict.ERROR
                : VerdictPolicy.decide(List.copyOf(findings), thresholds, failOn, null, Verdict.PASS);
        Instant started = shards.stream().map(GateResult::startedAt).filter(java.util.Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(null);
        long duration = shards.stream().mapToLong(GateResult::durationMs).max().orElse(0);
        SortedMap<String, Object> details = new TreeMap<>();
        shards.forEach(s -> s.details().forEach(details::putIfAbsent));
        String summary = shards.size() == 1 ? shards.get(0).summary()
                : shards.stream().map(GateResult::summary).distinct().count() == 1 ? shards.get(0).summary()
                : "merged from " + shards.size() + " shards";
        return new GateResult(GateResult.SCHEMA_VERSION, gate, verdict, summary, started, duration, metrics,
                thresholds, null, List.copyOf(findings), mergeSections(shards), details);
    }

    private static List<ThresholdResult> mergeThresholds(List<GateResult> shards) {
        Map<String, List<ThresholdResult>> byName = new LinkedHashMap<>();
        shards.forEach(s -> s.thresholds().forEach(t -> byName.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(t)));
        List<ThresholdResult> merged = new ArrayList<>();
        byName.forEach((name, parts) -> {
            ThresholdResult first = parts.get(0);
            if (parts.stream().allMatch(t -> t.numerator() != null && t.denominator() != null)) {
                long part = parts.stream().mapToLong(ThresholdResult::numerator).sum();
                long whole = parts.stream().mapToLong(ThresholdResult::denominator).sum();
                ThresholdResult rate = ThresholdResult.minRate(name, first.include(), first.required(), part, whole);
                merged.add("max".equals(first.direction())
                        ? new ThresholdResult(name, first.include(), first.required(), rate.actual(),
                        rate.actual() <= first.required(), "max", first.unit(), part, whole)
                        : rate);
            } else if (ADDITIVE_UNITS.contains(first.unit())) {
                double sum = parts.stream().mapToDouble(ThresholdResult::actual).sum();
                merged.add(new ThresholdResult(name, first.include(), first.required(), sum,
                        "max".equals(first.direction()) ? sum <= first.required() : sum >= first.required(),
                        first.direction(), first.unit(), null, null));
            } else {
                // Not additive (a latency, a percentile): the worst shard speaks for the whole run.
                merged.add(parts.stream().min(Comparator.comparing((ThresholdResult t) -> t.passed())
                        .thenComparing(t -> "max".equals(t.direction()) ? -t.actual() : t.actual())).orElseThrow());
            }
        });
        return merged;
    }

    private static SortedMap<String, Number> mergeMetrics(List<GateResult> shards, List<ThresholdResult> thresholds) {
        SortedMap<String, Number> metrics = new TreeMap<>();
        for (GateResult shard : shards) {
            shard.metrics().forEach((k, v) -> metrics.merge(k, v, ShardMerge::add));
        }
        for (ThresholdResult t : thresholds) {
            if (metrics.containsKey("rate." + t.name())) {
                metrics.put("rate." + t.name(), t.actual());
            }
        }
        return metrics;
    }

    private static Number add(Number a, Number b) {
        if (a instanceof Double || a instanceof Float || b instanceof Double || b instanceof Float) {
            return a.doubleValue() + b.doubleValue();
        }
        return a.longValue() + b.longValue();
    }

    private static List<Section> mergeSections(List<GateResult> shards) {
        Map<String, Section> byId = new LinkedHashMap<>();
        for (GateResult shard : shards) {
            for (Section s : shard.sections()) {
                byId.merge(s.id(), s, (a, b) -> {
                    LinkedHashSet<List<String>> rows = new LinkedHashSet<>(a.rows());
                    rows.addAll(b.rows());
                    return new Section(a.id(), a.title(), a.columns(), List.copyOf(rows), a.mermaid());
                });
            }
        }
        return List.copyOf(byId.values());
    }
}
