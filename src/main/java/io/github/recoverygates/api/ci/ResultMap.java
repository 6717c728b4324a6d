package io.github.recoverygates.api.ci;

import io.github.recoverygates.core.BaselineDiff;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.Gate;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Threshold;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value a CI step returns to its script: a tree of {@code String}, {@code Long}, {@code Double},
 * {@code Boolean}, {@link ArrayList} and {@link LinkedHashMap} only, so that it crosses remoting,
 * survives a Pipeline restart and needs no script-security approval. Keys:
 * {@code gate, verdict, summary, exitCode, durationMs, buildResult, reason, metrics, counts,
 * thresholds, baseline, keyMetric, reports}.
 */
public final class ResultMap {

    private ResultMap() {
    }

    /**
     * @param reports   format to report file
     * @param workspace report paths are given relative to it when they lie inside it
     */
    public static Map<String, Object> of(Gate gate, GateResult result, Map<String, Path> reports, Path workspace,
                                         int exitCode, BuildOutcome outcome) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("gate", result.gate());
        map.put("step", gate.stepName());
        map.put("verdict", result.verdict().name());
        map.put("summary", result.summary());
        map.put("exitCode", (long) exitCode);
        map.put("durationMs", result.durationMs());
        map.put("buildResult", outcome.result());
        map.put("reason", outcome.reason());
        Map<String, Object> metrics = new LinkedHashMap<>();
        result.metrics().forEach((k, v) -> metrics.put(k, number(v)));
        map.put("metrics", metrics);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("error", result.count(Severity.ERROR));
        counts.put("warning", result.count(Severity.WARNING));
        counts.put("note", result.count(Severity.NOTE));
        counts.put("total", (long) result.findings().size());
        counts.put("new", result.findings().stream().filter(f -> f.baselineState() == Finding.BaselineState.NEW).count());
        map.put("counts", counts);
        List<Object> thresholds = new ArrayList<>();
        for (Threshold t : result.thresholds()) {
            thresholds.add(threshold(t));
        }
        map.put("thresholds", thresholds);
        BaselineDiff diff = result.baseline();
        if (diff != null) {
            Map<String, Object> baseline = new LinkedHashMap<>();
            baseline.put("file", diff.file());
            baseline.put("new", (long) diff.newCount());
            baseline.put("fixed", (long) diff.fixedCount());
            baseline.put("unchanged", (long) diff.unchangedCount());
            map.put("baseline", baseline);
        }
        map.put("keyMetric", keyMetric(gate, result));
        Map<String, Object> paths = new LinkedHashMap<>();
        Path ws = workspace.toAbsolutePath().normalize();
        reports.forEach((format, path) -> {
            Path p = path.toAbsolutePath().normalize();
            paths.put(format, (p.startsWith(ws) ? ws.relativize(p) : p).toString().replace('\\', '/'));
        });
        map.put("reports", paths);
        return map;
    }

    /**
     * The one number a trend plots for this gate: the first threshold's measured value (the gate
     * lists its most important threshold first: mission-critical parse rate, compliance, success
     * rate), or the error count when the gate has no threshold.
     */
    public static Map<String, Object> keyMetric(Gate gate, GateResult result) {
        Map<String, Object> key = new LinkedHashMap<>();
        if (!result.thresholds().isEmpty()) {
            Threshold t = result.thresholds().get(0);
            key.put("name", t.name());
            key.put("value", t.actualOrZero());
            key.put("unit", t.unit().symbol());
            key.put("label", gate.trendLabel() + " (" + t.name() + ")");
        } else {
            key.put("name", "findings.error");
            key.put("value", (double) result.count(Severity.ERROR));
            key.put("unit", "");
            key.put("label", "errors");
        }
        return key;
    }

    private static Map<String, Object> threshold(Threshold t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("include", new ArrayList<>(t.include()));
        m.put("required", t.required());
        m.put("actual", t.actual());
        m.put("passed", t.passed());
        m.put("kind", t.kind().id());
        m.put("direction", t.direction());
        m.put("unit", t.unit().symbol());
        return m;
    }

    /** Long for whole numbers, Double otherwise: the two number types every consumer accepts. */
    static Number number(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte || n instanceof BigInteger) {
            return n.longValue();
        }
        if (n instanceof BigDecimal d && d.scale() <= 0) {
            return d.longValue();
        }
        return n.doubleValue();
    }
}
