package io.github.recoverygates.syntax.collection;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.Section;
import io.github.recoverygates.core.Threshold;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What static test collection found: findings, flat metrics, one table per scope, thresholds and details;
 * {@code scanned}: the test files whose text it read (every other Python file counts by its verdict alone).
 */
public record CollectionReport(List<Finding> findings, Map<String, Number> metrics, List<Section> sections,
                               List<Threshold> thresholds, Map<String, Object> details, Set<String> scanned) {

    public CollectionReport {
        findings = List.copyOf(findings);
        metrics = Collections.unmodifiableSortedMap(new TreeMap<>(metrics));
        sections = List.copyOf(sections);
        thresholds = List.copyOf(thresholds);
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        scanned = Set.copyOf(scanned);
    }

    public static CollectionReport empty() {
        return new CollectionReport(List.of(), Map.of(), List.of(), List.of(), Map.of(), Set.of());
    }
}
