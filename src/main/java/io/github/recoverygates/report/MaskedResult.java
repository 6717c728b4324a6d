package io.github.recoverygates.report;

import io.github.recoverygates.core.BaselineDiff;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.Section;
import io.github.recoverygates.core.ThresholdResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A copy of a result with every secret the run has seen removed from every string in it.
 * Masking the model, not the rendered text, means a secret is caught before any format escapes it
 * (a secret with a quote in it looks different in JSON, XML and HTML).
 */
final class MaskedResult {

    private MaskedResult() {
    }

    static GateResult of(GateResult r, SecretMasker secretMasker) {
        if (secretMasker == null) {
            return r;
        }
        Masker masker = new Masker(secretMasker);
        SortedMap<String, Number> metrics = new TreeMap<>();
        r.metrics().forEach((k, v) -> metrics.put(masker.mask(k), v));
        List<ThresholdResult> thresholds = r.thresholds().stream()
                .map(t -> new ThresholdResult(masker.mask(t.name()), maskAll(t.include(), masker), t.required(),
                        t.actual(), t.passed(), t.direction(), masker.mask(t.unit()), t.numerator(), t.denominator()))
                .toList();
        BaselineDiff baseline = r.baseline() == null ? null : new BaselineDiff(masker.mask(r.baseline().file()),
                r.baseline().newCount(), r.baseline().unchangedCount(), r.baseline().fixedCount(),
                r.baseline().fixed().stream().map(f -> finding(f, masker)).toList());
        List<Section> sections = r.sections().stream()
                .map(s -> new Section(masker.mask(s.id()), masker.mask(s.title()), maskAll(s.columns(), masker),
                        s.rows().stream().map(row -> maskAll(row, masker)).toList(), masker.mask(s.mermaid())))
                .toList();
        @SuppressWarnings("unchecked")
        SortedMap<String, Object> details = (SortedMap<String, Object>) (SortedMap<?, ?>) new TreeMap<>(
                (Map<String, Object>) value(Json.REPORT.convertValue(r.details(), Map.class), masker));
        return new GateResult(r.schemaVersion(), r.gate(), r.verdict(), masker.mask(r.summary()), r.startedAt(),
                r.durationMs(), metrics, thresholds, baseline,
                r.findings().stream().map(f -> finding(f, masker)).toList(), sections, details);
    }

    static Finding finding(Finding f, Masker masker) {
        SortedMap<String, String> properties = new TreeMap<>();
        f.properties().forEach((k, v) -> properties.put(masker.mask(k), masker.mask(v)));
        return new Finding(f.ruleId(), f.severity(), masker.mask(f.category()), masker.mask(f.file()), f.line(),
                f.column(), f.endLine(), f.endColumn(), masker.mask(f.message()), f.baselineState(), properties);
    }

    private static List<String> maskAll(List<String> values, Masker masker) {
        return values.stream().map(masker::mask).toList();
    }

    private static Object value(Object v, Masker masker) {
        if (v instanceof String s) {
            return masker.mask(s);
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, x) -> out.put(masker.mask(String.valueOf(k)), value(x, masker)));
            return out;
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(x -> out.add(value(x, masker)));
            return out;
        }
        return v;
    }

    /**
     * Calls {@link SecretMasker#mask} only for text that could need it (it holds a secret or a URL):
     * the masker's URL pattern backtracks on long words, and a report has tens of thousands of cells.
     */
    static final class Masker {
        private final SecretMasker masker;
        private final List<String> secrets;

        Masker(SecretMasker masker) {
            this.masker = masker;
            this.secrets = List.copyOf(masker.secrets());
        }

        String mask(String text) {
            if (text == null || text.isEmpty()) {
                return text;
            }
            if (text.contains("://")) {
                return masker.mask(text);
            }
            for (String secret : secrets) {
                if (text.contains(secret)) {
                    return masker.mask(text);
                }
            }
            return text;
        }
    }
}
