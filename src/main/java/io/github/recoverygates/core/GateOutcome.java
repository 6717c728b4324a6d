package io.github.recoverygates.core;

import java.util.List;
import java.util.Map;

/**
 * What a gate measured, before the engine applies the baseline and the fail-on policy to turn
 * it into a verdict. A gate that wants a verdict no policy would give (WARN for a degraded
 * system with no findings, say) sets {@code minimumVerdict}.
 */
public record GateOutcome(String summary, Map<String, Number> metrics, List<ThresholdResult> thresholds,
                          List<Finding> findings, List<Section> sections, Map<String, Object> details,
                          Verdict minimumVerdict) {

    public GateOutcome {
        metrics = metrics == null ? Map.of() : metrics;
        thresholds = thresholds == null ? List.of() : thresholds;
        findings = findings == null ? List.of() : findings;
        sections = sections == null ? List.of() : sections;
        details = details == null ? Map.of() : details;
        minimumVerdict = minimumVerdict == null ? Verdict.PASS : minimumVerdict;
    }

    public GateOutcome(String summary, Map<String, Number> metrics, List<ThresholdResult> thresholds,
                       List<Finding> findings) {
        this(summary, metrics, thresholds, findings, null, null, null);
    }
}
