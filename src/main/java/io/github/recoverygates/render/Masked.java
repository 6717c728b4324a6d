package io.github.recoverygates.render;

import io.github.recoverygates.core.BaselineDiff;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.SecretMasker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A copy of a result with every secret the run has seen removed from every string in it. Masking
 * the model, before any sink escapes, cuts or wraps it, means a secret is caught whole (a secret
 * with a quote in it looks different in JSON, XML and HTML; a cut one is half a secret).
 */
public final class Masked {

    private Masked() {
    }

    public static GateResult of(GateResult r, SecretMasker masker) {
        if (masker == null) {
            return r;
        }
        SortedMap<String, Number> metrics = new TreeMap<>();
        r.metrics().forEach((k, v) -> metrics.put(masker.mask(k), v));
        BaselineDiff baseline = r.baseline() == null ? null : new BaselineDiff(masker.mask(r.baseline().file()),
                r.baseline().newCount(), r.baseline().unchangedCount(), r.baseline().fixedCount(),
                r.baseline().fixed().stream().map(f -> finding(f, masker)).toList());
        @SuppressWarnings("unchecked")
        SortedMap<String, Object> details = (SortedMap<String, Object>) (SortedMap<?, ?>) new TreeMap<>(
                (Map<String, Object>) value(Json.REPORT.convertValue(r.details(), Map.class), masker));
        return new GateResult(r.schemaVersion(), r.gate(), r.verdict(), masker.mask(r.summary()), r.startedAt(),
                r.durationMs(), metrics, r.thresholds().stream().map(t -> t.mapText(masker::mask)).toList(), baseline,
                r.findings().stream().map(f -> finding(f, masker)).toList(),
                r.sections().stream().map(s -> s.mapText(masker::mask)).toList(), details, r.shard());
    }

    static Finding finding(Finding f, SecretMasker masker) {
        Finding.Builder b = f.toBuilder().category(masker.mask(f.category())).file(masker.mask(f.file()))
                .message(masker.mask(f.message()));
        SortedMap<String, String> properties = new TreeMap<>();
        f.properties().forEach((k, v) -> properties.put(masker.mask(k), masker.mask(v)));
        return rebuild(b.build(), properties);
    }

    private static Finding rebuild(Finding f, SortedMap<String, String> properties) {
        return new Finding(f.ruleId(), f.severity(), f.category(), f.file(), f.line(), f.column(), f.endLine(),
                f.endColumn(), f.message(), f.fingerprint(), f.baselineState(), f.diff(), properties);
    }

    private static Object value(Object v, SecretMasker masker) {
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
}
