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
        Files files = Files.of(index);
        Counts counts = Counts.of(violations);
        int compliant = files.checked() - (int) counts.nonCompliant().stream().filter(index.selected()::contains).count();
        compliant = Math.max(0, compliant);
        double required = config.threshold() == null ? 0.0 : config.threshold();
        Threshold rate = partial ? Threshold.partialRate("compliance", List.of(), required, compliant, files.checked(), false)
                : Threshold.rate("compliance", List.of(), required, compliant, files.checked(), false);

        Map<String, Number> metrics = metrics(files, counts, compliant, rate, index.facts().size(), cacheHits);
        List<Threshold> thresholds = new ArrayList<>();
        if (config.threshold() != null) {
            thresholds.add(rate);
        }
        if (config.criticalThreshold() != null) {
            thresholds.add(Threshold.atMost("critical", config.criticalThreshold(),
                    (double) counts.of(SsotSeverity.CRITICAL), Unit.VIOLATIONS));
        }
        List<Finding> findings = violations.stream().map(Violation::toFinding).sorted(Finding.ORDER).toList();
        String summary = String.format(java.util.Locale.ROOT,
                "compliance %.1f%% (%d of %d files without high or critical violations); %d critical, %d high, "
                        + "%d medium, %d low violations", rate.actualOrZero(), compliant, files.checked(),
                counts.of(SsotSeverity.CRITICAL), counts.of(SsotSeverity.HIGH), counts.of(SsotSeverity.MEDIUM),
                counts.of(SsotSeverity.LOW))
                + (files.skipped() > 0 ? "; " + files.skipped() + " files skipped (too large or unreadable)" : "");
        Map<String, Object> details = new TreeMap<>();
        details.put("complianceFormula", "files checked without a high or critical violation / files checked");
        return new GateOutcome(summary, metrics, thresholds, findings, List.of(rulesTable(counts)), details, null);
    }

    private static Map<String, Number> metrics(Files files, Counts counts, int compliant, Threshold rate, int scanned,
                                               int cacheHits) {
        Map<String, Number> metrics = new TreeMap<>();
        files.byLanguage().forEach((lang, n) -> metrics.put("files." + lang, n));
        metrics.put("files.checked", files.checked());
        metrics.put("files.compliant", compliant);
        metrics.put("files.unparsed", files.unparsed());
        metrics.put("files.skipped", files.skipped());
        metrics.put("files.scanned", scanned);
        if (!rate.isEmpty()) {
            metrics.put("compliance", rate.actual());
        }
        metrics.put("imports", files.imports());
        metrics.put("definitions", files.definitions());
        metrics.put("cache.hits", cacheHits);
        for (SsotSeverity s : SsotSeverity.values()) {
            metrics.put("violations." + s.id(), counts.of(s));
        }
        counts.byRule().forEach((rule, n) -> metrics.put("rule." + rule,
                n.values().stream().mapToInt(Integer::intValue).sum()));
        return metrics;
    }

    private static Section rulesTable(Counts counts) {
        List<List<String>> rows = new ArrayList<>();
        counts.byRule().forEach((rule, n) -> rows.add(List.of("ssot/" + rule,
                String.valueOf(n.getOrDefault(SsotSeverity.CRITICAL, 0)),
                String.valueOf(n.getOrDefault(SsotSeverity.HIGH, 0)),
                String.valueOf(n.getOrDefault(SsotSeverity.MEDIUM, 0)),
                String.valueOf(n.getOrDefault(SsotSeverity.LOW, 0)))));
        return Table.ofText("ssot-rules", "Violations by rule", List.of("rule", "critical", "high", "medium", "low"), rows);
    }

    /** The selected files as checked: skipped ones (too large, unreadable) apart, the rest by language. */
    private record Files(int checked, int unparsed, int skipped, long imports, long definitions,
                         Map<String, Integer> byLanguage) {

        static Files of(ScanIndex index) {
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
            return new Files(checked, unparsed, skipped, imports, definitions, byLanguage);
        }
    }

    /** The violations counted by severity and by rule (every rule listed, in report order). */
    private record Counts(Map<SsotSeverity, Integer> bySeverity, Map<String, Map<SsotSeverity, Integer>> byRule,
                          Set<String> nonCompliant) {

        static Counts of(List<Violation> violations) {
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
            return new Counts(bySeverity, byRule, nonCompliant);
        }

        int of(SsotSeverity severity) {
            return bySeverity.getOrDefault(severity, 0);
        }
    }
}
