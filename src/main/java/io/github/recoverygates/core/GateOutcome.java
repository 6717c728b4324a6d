package io.github.recoverygates.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a gate measured, before the engine applies the baseline and the fail-on policy to turn
 * it into a verdict. A gate that wants a verdict no policy would give (WARN for a degraded
 * system with no findings, say) sets {@code minimumVerdict}. Made with {@link #builder}.
 */
public record GateOutcome(String summary, Map<String, Number> metrics, List<Threshold> thresholds,
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

    public static Builder builder(String summary) {
        return new Builder(summary);
    }

    public Builder toBuilder() {
        Builder b = new Builder(summary).metrics(metrics).thresholds(thresholds).findings(findings)
                .sections(sections).minimumVerdict(minimumVerdict);
        b.details.putAll(details);
        return b;
    }

    /** Builds a {@link GateOutcome}; everything but the summary is optional. */
    public static final class Builder {
        private String summary;
        private final Map<String, Number> metrics = new LinkedHashMap<>();
        private final List<Threshold> thresholds = new ArrayList<>();
        private final List<Finding> findings = new ArrayList<>();
        private final List<Section> sections = new ArrayList<>();
        private final Map<String, Object> details = new LinkedHashMap<>();
        private Verdict minimumVerdict = Verdict.PASS;

        private Builder(String summary) {
            this.summary = summary;
        }

        public Builder summary(String value) {
            summary = value;
            return this;
        }

        public Builder metrics(Map<String, ? extends Number> values) {
            metrics.putAll(values);
            return this;
        }

        public Builder thresholds(List<Threshold> values) {
            thresholds.addAll(values);
            return this;
        }

        public Builder findings(List<Finding> values) {
            findings.clear();
            findings.addAll(values);
            return this;
        }

        public Builder sections(List<? extends Section> values) {
            sections.clear();
            sections.addAll(values);
            return this;
        }

        public Builder detail(String key, Object value) {
            details.put(key, value);
            return this;
        }

        public Builder details(Map<String, ?> values) {
            details.putAll(values);
            return this;
        }

        public Builder minimumVerdict(Verdict value) {
            minimumVerdict = value;
            return this;
        }

        public GateOutcome build() {
            return new GateOutcome(summary, metrics, thresholds, findings, sections, details, minimumVerdict);
        }
    }
}
