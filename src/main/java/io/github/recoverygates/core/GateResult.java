package io.github.recoverygates.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The report model of one gate run: what {@code <out>/<gate>.json} holds and what every other
 * format renders. {@code details} is gate-specific structured data (the recovery graph and
 * timeline, golden path percentiles) kept as JSON-friendly maps and lists.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion", "gate", "verdict", "summary", "startedAt", "durationMs", "metrics",
        "thresholds", "baseline", "shard", "findings", "sections", "details"})
public record GateResult(int schemaVersion, String gate, Verdict verdict, String summary,
                         Instant startedAt, long durationMs, SortedMap<String, Number> metrics,
                         List<Threshold> thresholds, BaselineDiff baseline, List<Finding> findings,
                         List<Section> sections, SortedMap<String, Object> details, ShardInfo shard) {

    public static final int SCHEMA_VERSION = 1;

    public GateResult {
        metrics = metrics == null ? new TreeMap<>() : new TreeMap<>(metrics);
        thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
        findings = findings == null ? List.of() : findings.stream().sorted(Finding.ORDER).toList();
        sections = sections == null ? List.of() : List.copyOf(sections);
        details = details == null ? new TreeMap<>() : new TreeMap<>(details);
    }

    public GateResult(int schemaVersion, String gate, Verdict verdict, String summary, Instant startedAt,
                      long durationMs, SortedMap<String, Number> metrics, List<Threshold> thresholds,
                      BaselineDiff baseline, List<Finding> findings, List<Section> sections,
                      SortedMap<String, Object> details) {
        this(schemaVersion, gate, verdict, summary, startedAt, durationMs, metrics, thresholds, baseline, findings,
                sections, details, null);
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    public GateResult withVerdict(Verdict newVerdict) {
        return new GateResult(schemaVersion, gate, newVerdict, summary, startedAt, durationMs, metrics,
                thresholds, baseline, findings, sections, details, shard);
    }

    public GateResult withFindingsAndBaseline(List<Finding> newFindings, BaselineDiff diff) {
        return new GateResult(schemaVersion, gate, verdict, summary, startedAt, durationMs, metrics,
                thresholds, diff, newFindings, sections, details, shard);
    }

    /** A result for a gate that could not run at all. */
    public static GateResult error(String gate, Instant startedAt, long durationMs, String reason) {
        return new GateResult(SCHEMA_VERSION, gate, Verdict.ERROR, reason, startedAt, durationMs,
                null, null, null, List.of(Finding.builder(gate + "/gate-error", Severity.ERROR).category("gate-error").message(reason).build()), null, null);
    }
}
