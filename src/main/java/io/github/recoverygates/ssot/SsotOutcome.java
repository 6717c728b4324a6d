package io.github.recoverygates.ssot;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateOutcome;
import io.github.recoverygates.core.Section;
import io.github.recoverygates.core.Table;
import io.github.recoverygates.core.Unit;
import io.github.recoverygates.core.Threshold;
import io.github.recoverygates.ssot.SsotConfig.SsotSeverity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The ssot gate's verdict from its violations: metrics, the compliance threshold, findings and tables. */
final class SsotOutcome {

    private SsotOutcome() {
    }

    static GateOutcome of(SsotConfig config, ScanIndex index, List<Violation> violations, int cacheHits,
                                boolean partial) {
        Map<String, Number> metrics = new TreeMap<>();
        Map<String, Integer> byLanguage = new TreeMap<>();
        int checked = 0;
        int unparsed = 0;
        int skipped = 0;
        long imports = 0;
        long definitions = 0;
        for (String path : index.selected()) {
            FileFacts f = index.facts().get(path);
            if (f == null) {
                continue;
            }
            if (f.parseError() != null && (f.parseError().startsWith("skipped") || f.parseError().startsWith("unreadable"))) {
                skipped++;
                continue;
            }
            checked++;
            byLanguage.merge(f.language(), 1, Integer::sum);
            if (!f.parsed()) {
                unparsed++;
            }
            imports += f.imports().size();
            definitions += f.definitions().size();
        }
        Set<String> nonCompliant = new HashSet<>();
        Map<SsotSeverity, Integer> bySeverity = new EnumMap<>(SsotSeverity.class);
        Map<String, Map<SsotSeverity, Integer>> byRule = new LinkedHashMap<>();
        for (Rule rule : SsotGate.rules(true)) {
            byRule.put(rule.id(), new EnumMap<>(SsotSeverity.class));
        }
        for (Violation v : violations) {
            bySeverity.merge(v.severity(), 1, Integer::sum);
            byRule.get(v.rule()).merge(v.severity(), 1, Integer::sum);
            if (v.severity().blocksCompliance() && v.file() != null) {
                nonCompliant.add(v.file());
            }
        }
        int compliant = checked - (int) nonCompliant.stream().filter(index.selected()::contains).count();
        compliant = Math.max(0, compliant);
        double required = config.threshold() == null ? 0.0 : config.threshold();
        Threshold rate = partial ? Threshold.partialRate("compliance", List.of(), required, compliant, checked, false)
                : Threshold.rate("compliance", List.of(), required, compliant, checked, false);
        int critical = bySeverity.getOrDefault(SsotSeverity.CRITICAL, 0);

        byLanguage.forEach((lang, n) -> metrics.put("files." + lang, n));
        metrics.put("files.checked", checked);
        metrics.put("files.compliant", compliant);
        metrics.put("files.unparsed", unparsed);
        metrics.put("files.skipped", skipped);
        metrics.put("files.scanned", index.facts().size());
        if (!rate.isEmpty()) {
            metrics.put("compliance", rate.actual());
        }
        metrics.put("imports", imports);
        metrics.put("definitions", definitions);
        metrics.put("cache.hits", cacheHits);
        for (SsotSeverity s : SsotSeverity.values()) {
            metrics.put("violations." + s.id(), bySeverity.getOrDefault(s, 0));
        }
        byRule.forEach((rule, counts) -> metrics.put("rule." + rule,
                counts.values().stream().mapToInt(Integer::intValue).sum()));

        List<Threshold> thresholds = new ArrayList<>();
        if (config.threshold() != null) {
            thresholds.add(rate);
        }
        if (config.criticalThreshold() != null) {
            thresholds.add(Threshold.atMost("critical", config.criticalThreshold(), (double) critical, Unit.VIOLATIONS));
        }

        List<List<String>> rows = new ArrayList<>();
        byRule.forEach((rule, counts) -> rows.add(List.of("ssot/" + rule,
                String.valueOf(counts.getOrDefault(SsotSeverity.CRITICAL, 0)),
                String.valueOf(counts.getOrDefault(SsotSeverity.HIGH, 0)),
                String.valueOf(counts.getOrDefault(SsotSeverity.MEDIUM, 0)),
                String.valueOf(counts.getOrDefault(SsotSeverity.LOW, 0)))));
        List<Section> sections = List.of(Table.ofText("ssot-rules", "Violations by rule",
                List.of("rule", "critical", "high", "medium", "low"), rows));

        List<Finding> findings = violations.stream().map(Violation::toFinding).sorted(Finding.ORDER).toList();
        String summary = String.format(java.util.Locale.ROOT,
                "compliance %.1f%% (%d of %d files without high or critical violations); %d critical, %d high, "
                        + "%d medium, %d low violations", rate.actualOrZero(), compliant, checked, critical,
                bySeverity.getOrDefault(SsotSeverity.HIGH, 0), bySeverity.getOrDefault(SsotSeverity.MEDIUM, 0),
                bySeverity.getOrDefault(SsotSeverity.LOW, 0))
                + (skipped > 0 ? "; " + skipped + " files skipped (too large or unreadable)" : "");
        Map<String, Object> details = new TreeMap<>();
        details.put("complianceFormula", "files checked without a high or critical violation / files checked");
        return new GateOutcome(summary, metrics, thresholds, findings, sections, details, null);
    }
}
