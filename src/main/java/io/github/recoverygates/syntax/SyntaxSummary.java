package io.github.recoverygates.syntax;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateOutcome;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Section;
import io.github.recoverygates.core.SourceFile;
import io.github.recoverygates.core.Table;
import io.github.recoverygates.core.Threshold;
import io.github.recoverygates.core.Unit;
import io.github.recoverygates.syntax.collection.TestCollection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The gate's words and tables: the one-line summary, metrics from the tally, the parse-rate and failure tables. */
final class SyntaxSummary {

    private SyntaxSummary() {
    }

    /** The one-line summary, from the metrics and thresholds alone (so a merged report words it as one run would). */
    static String summarize(Map<String, Number> metrics, List<Threshold> thresholds) {
        List<String> parts = new ArrayList<>();
        for (SyntaxConfig.Language l : SyntaxConfig.Language.values()) {
            Number files = metrics.get("files." + l.id());
            if (files != null) {
                parts.add(metrics.getOrDefault("failed." + l.id(), 0) + " of " + files + " " + label(l) + " files do not "
                        + (l == SyntaxConfig.Language.PYTHON ? "compile" : "parse"));
            }
        }
        String summary = parts.isEmpty() ? "no files to check" : String.join("; ", parts);
        List<String> failed = thresholds.stream().filter(t -> !t.passed()).map(t -> {
            String unit = t.unit() == Unit.PERCENT ? "%" : " " + t.unit().symbol();
            return t.isEmpty() ? t.name() + " has no files (an empty scope)"
                    : t.name() + " " + t.actual() + unit + " < " + t.required() + unit;
        }).toList();
        if (!failed.isEmpty()) {
            summary += "; threshold failed: " + String.join(", ", failed);
        }
        Number lost = metrics.get("tests.lost");
        if (lost != null && lost.longValue() > 0) {
            summary += "; " + lost + " tests cannot be collected";
        }
        return summary;
    }

    private static final List<String> LANGUAGE_HEADERS = List.of("Language", "Files", "Failing", "Rule");

    /** One row per language this run checked (files.<id>), plus TypeScript/JavaScript files left unchecked. */
    private static List<List<String>> languageRows(Map<String, Number> metrics) {
        List<List<String>> rows = new ArrayList<>();
        for (SyntaxConfig.Language l : SyntaxConfig.Language.values()) {
            Number files = metrics.get("files." + l.id());
            if (files != null) {
                rows.add(List.of(label(l), Long.toString(files.longValue()),
                        Long.toString(metrics.getOrDefault("failed." + l.id(), 0).longValue()), l.ruleId()));
            }
        }
        Number skipped = metrics.get("skipped.no-typescript");
        if (skipped != null && skipped.longValue() > 0) {
            rows.add(List.of("TypeScript/JavaScript (not checked: no typescript)", Long.toString(skipped.longValue()), "", ""));
        }
        return rows;
    }

    static String percent(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.1f", value);
    }

    static Map<String, Long> prefixed(Map<String, Number> metrics, String prefix) {
        Map<String, Long> out = new TreeMap<>();
        metrics.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v.longValue());
            }
        });
        return out;
    }

    static List<List<String>> ranked(Map<String, Long> counts, int limit) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit).map(e -> List.of(e.getKey(), Long.toString(e.getValue()))).toList();
    }

    static GateOutcome outcome(SyntaxTally tally, List<Threshold> thresholds, List<List<String>> scopeRows,
                                       Map<String, Object> details, Map<SyntaxConfig.Language, List<SourceFile>> selected) {
        Map<String, Number> metrics = new TreeMap<>(tally.metrics);
        for (SyntaxConfig.Language l : SyntaxConfig.Language.values()) {
            long files = tally.files.getOrDefault(l, 0L);
            long failed = tally.failed.getOrDefault(l, 0L);
            if (!selected.get(l).isEmpty() || files > 0) {
                metrics.put("files." + l.id(), files);
                metrics.put("failed." + l.id(), failed);
            }
        }
        tally.categories.forEach((k, v) -> metrics.put("category." + k, v));
        tally.failedByDir.forEach((k, v) -> metrics.put("failed.dir." + k, v));
        metrics.put("cache.hits", tally.cacheHits);
        metrics.put("compiled.python", tally.compiledPython);
        metrics.put("skipped.too-large", tally.tooLarge);
        if (tally.skippedScripts > 0) {
            metrics.put("skipped.no-typescript", tally.skippedScripts);
        }
        metrics.put("worker.restarts", tally.workerRestarts);
        String summary = summarize(metrics, thresholds);
        List<Section> sections = new ArrayList<>();
        List<List<String>> languageRows = languageRows(metrics);
        if (!languageRows.isEmpty()) {
            sections.add(Table.ofText("syntax-languages", "Files by language", LANGUAGE_HEADERS, languageRows));
        }
        if (!scopeRows.isEmpty()) {
            sections.add(Table.ofText("syntax-thresholds", "Parse rate by scope",
                    List.of("Scope", "Include", "Python files", "Compile", "Fail", "Unknown", "Rate %", "Required %", "Result"),
                    scopeRows));
        }
        if (!tally.categories.isEmpty()) {
            sections.add(Table.ofText("syntax-categories", "Python files that do not compile, by category",
                    List.of("Category", "Files"), ranked(tally.categories, Integer.MAX_VALUE)));
        }
        if (!tally.failedByDir.isEmpty()) {
            sections.add(Table.ofText("syntax-directories", "Failing files by top-level directory",
                    List.of("Directory", "Failing files"), ranked(tally.failedByDir, 25)));
        }
        List<Finding> findings = new ArrayList<>(tally.findings);
        findings.sort(Finding.ORDER);
        return new GateOutcome(summary, metrics, thresholds, findings, sections, details, null);
    }

    static String label(SyntaxConfig.Language l) {
        return switch (l) {
            case PYTHON -> "Python";
            case JAVA -> "Java";
            case YAML -> "YAML";
            case JSON -> "JSON";
            case TOML -> "TOML";
            case TYPESCRIPT -> "TypeScript";
            case JAVASCRIPT -> "JavaScript";
        };
    }

    /** Rebuilds the summary and the tables from the joined totals, as one unsharded run would write them. */
    static GateResult afterMerge(GateResult merged, List<GateResult> shards) {
        String summary = summarize(merged.metrics(), merged.thresholds());
        List<Threshold> scopes = merged.thresholds().stream().filter(t -> !t.name().startsWith("collect.")).toList();
        List<Section> sections = new ArrayList<>();
        List<List<String>> scopeRows = ParseRates.mergedRows(scopes);
        Map<String, Long> categories = prefixed(merged.metrics(), "category.");
        Map<String, Long> dirs = prefixed(merged.metrics(), "failed.dir.");
        SortedMap<String, Number> metrics = new TreeMap<>(merged.metrics());
        shards.stream().map(r -> r.metrics().get("tests.projects")).filter(java.util.Objects::nonNull)
                .mapToLong(Number::longValue).max().ifPresent(n -> metrics.put("tests.projects", n));
        List<Section> collection = TestCollection.mergeSections(shards.stream().map(GateResult::sections).toList());
        for (Section section : merged.sections()) {
            if (!(section instanceof Table s)) {
                sections.add(section);
                continue;
            }
            switch (s.id()) {
                case "test-collection", "lost-tests" -> collection.stream().filter(c -> c.id().equals(s.id()))
                        .findFirst().ifPresent(sections::add);
                case "syntax-thresholds" -> sections.add(Table.ofText(s.id(), s.title(), s.headers(), scopeRows));
                case "syntax-languages" -> sections.add(Table.ofText(s.id(), s.title(), s.headers(), languageRows(metrics)));
                case "syntax-categories" -> sections.add(Table.ofText(s.id(), s.title(), s.headers(), ranked(categories, Integer.MAX_VALUE)));
                case "syntax-directories" -> sections.add(Table.ofText(s.id(), s.title(), s.headers(), ranked(dirs, 25)));
                default -> sections.add(s);
            }
        }
        SortedMap<String, Object> details = new TreeMap<>(merged.details());
        details.remove("notSelectedFiles");
        details.keySet().removeIf(k -> k.startsWith("thresholds.") && k.endsWith(".unknownFiles"));
        Number errors = metrics.get("tests.collectionErrors");
        if (errors != null && errors.longValue() > 0) {
            details.put("testCollection.pytestRun", TestCollection.pytestRunNote(errors.longValue(),
                    metrics.getOrDefault("tests.collectable", 0).longValue()));
        }
        return new GateResult(merged.schemaVersion(), merged.gate(), merged.verdict(), summary, merged.startedAt(),
                merged.durationMs(), metrics, merged.thresholds(), merged.baseline(), merged.findings(),
                sections, details);
    }
}
