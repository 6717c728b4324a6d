package io.github.recoverygates.api.ci;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The findings a CI's gate page lists, as data (the page escapes and links them itself), most
 * important first ({@link Finding#IMPORTANCE}), at most {@link #MAX}. Rows are JDK types:
 * {@code severity, rule, category, file} (repository path: the root's prefix put before it; null for
 * a run-level finding), {@code line} (0 when none), {@code message}, {@code new}.
 */
public final class TopFindings {

    public static final int MAX = 20;

    private TopFindings() {
    }

    public static List<Map<String, Object>> of(GateResult result, String prefix) {
        List<Map<String, Object>> rows = new ArrayList<>();
        result.findings().stream()
                .sorted(Finding.IMPORTANCE)
                .limit(MAX)
                .forEach(f -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("severity", f.severity().id());
                    row.put("rule", f.ruleId());
                    row.put("category", f.category());
                    row.put("file", f.file() == null || f.file().isBlank() ? null : prefix + f.file());
                    row.put("line", (long) Math.max(0, f.line()));
                    row.put("message", f.message());
                    row.put("new", f.baselineState() == Finding.BaselineState.NEW);
                    rows.add(row);
                });
        return rows;
    }
}
