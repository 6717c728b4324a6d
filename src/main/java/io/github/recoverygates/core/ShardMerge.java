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
        checkShards(shards);
        Set<Finding> findings = new LinkedHashSet<>();
        shards.forEach(s -> findings.addAll(s.findings()));
        List<Threshold> thresholds = mergeThresholds(shards);
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

    /**
     * The reports must be the shards 1..N of one run, each once: a missing, repeated or foreign shard
     * (another N, another file list) would give a smaller or wrong answer, so it is refused.
     */
    static void checkShards(List<GateResult> shards) {
        List<String> unsharded = new ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            if (shards.get(i).shard() == null) {
                unsharded.add("report " + (i + 1));
            }
        }
        if (!unsharded.isEmpty()) {
            throw new ConfigException("merge: " + String.join(", ", unsharded)
                    + (unsharded.size() == 1 ? " is" : " are") + " not a shard report (run each shard with --shard I/N)");
        }
        ShardInfo first = shards.get(0).shard();
        Map<Integer, Integer> seen = new java.util.TreeMap<>();
        for (GateResult r : shards) {
            ShardInfo s = r.shard();
            if (s.count() != first.count()) {
                throw new ConfigException("merge: shards of different runs: " + first + " and " + s
                        + " (every shard must use the same N)");
            }
            if (!java.util.Objects.equals(s.workspace(), first.workspace())) {
                throw new ConfigException("merge: shard " + s + " saw another file list than shard " + first
                        + " (different checkouts or excludes); run every shard on the same commit and config");
            }
            seen.merge(s.index(), 1, Integer::sum);
        }
        List<String> repeated = seen.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(e -> e.getKey() + "/" + first.count() + " (" + e.getValue() + " times)").toList();
        if (!repeated.isEmpty()) {
            throw new ConfigException("merge: repeated shard " + String.join(", ", repeated));
        }
        List<String> missing = new ArrayList<>();
        for (int i = 1; i <= first.count(); i++) {
            if (!seen.containsKey(i)) {
                missing.add(i + "/" + first.count());
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigException("merge: missing shard " + String.join(", ", missing)
                    + " (got " + seen.keySet().stream().map(i -> i + "/" + first.count()).toList() + ")");
        }
    }

    private static List<Threshold> mergeThresholds(List<GateResult> shards) {
        Map<String, List<Threshold>> byName = new LinkedHashMap<>();
        shards.forEach(s -> s.thresholds().forEach(t -> byName.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(t)));
        List<Threshold> merged = new ArrayList<>();
        byName.forEach((name, parts) -> {
            Threshold first = parts.get(0);
            if (parts.stream().allMatch(t -> t.numerator() != null && t.denominator() != null)) {
                long part = parts.stream().mapToLong(Threshold::numerator).sum();
                long whole = parts.stream().mapToLong(Threshold::denominator).sum();
                Double rate = whole == 0 ? null : Threshold.round1(100.0 * part / whole);
                merged.add(first.remeasured(rate, part, whole));
            } else if (first.unit().additive()) {
                boolean none = parts.stream().allMatch(Threshold::isEmpty);
                double sum = parts.stream().mapToDouble(Threshold::actualOrZero).sum();
                merged.add(first.remeasured(none ? null : sum, null, null));
            } else {
                // Not additive (a latency, a percentile): the worst shard speaks for the whole run.
                merged.add(parts.stream().min(Comparator.comparing(Threshold::passed)
                        .thenComparing(t -> t.kind() == Threshold.Kind.MAXIMUM ? -t.actualOrZero() : t.actualOrZero()))
                        .orElseThrow());
            }
        });
        return merged;
    }

    private static SortedMap<String, Number> mergeMetrics(List<GateResult> shards, List<Threshold> thresholds) {
        SortedMap<String, Number> metrics = new TreeMap<>();
        for (GateResult shard : shards) {
            shard.metrics().forEach((k, v) -> metrics.merge(k, v, ShardMerge::add));
        }
        for (Threshold t : thresholds) {
            if (metrics.containsKey("rate." + t.name())) {
                if (t.isEmpty()) {
                    metrics.remove("rate." + t.name());
                } else {
                    metrics.put("rate." + t.name(), t.actual());
                }
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
                byId.merge(s.id(), s, ShardMerge::join);
            }
        }
        return List.copyOf(byId.values());
    }

    /** Two shards' tables of one id: the rows of both, each once; other sections: the first shard's. */
    private static Section join(Section a, Section b) {
        if (a instanceof Table ta && b instanceof Table tb) {
            LinkedHashSet<List<Object>> rows = new LinkedHashSet<>(ta.rows());
            rows.addAll(tb.rows());
            return new Table(ta.id(), ta.title(), ta.columns(), List.copyOf(rows));
        }
        return a;
    }
}
