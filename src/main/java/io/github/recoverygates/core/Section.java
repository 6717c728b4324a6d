package io.github.recoverygates.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A gate-specific part of a report, as data: a table (the recovery timeline, the golden path's
 * latencies, the test files lost to syntax errors) and optionally a diagram in Mermaid syntax.
 * Renderers show it without knowing which gate made it.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Section(String id, String title, List<String> columns, List<List<String>> rows, String mermaid) {

    public Section {
        columns = columns == null ? List.of() : List.copyOf(columns);
        rows = rows == null ? List.of() : rows.stream().map(List::copyOf).toList();
    }

    public static Section table(String id, String title, List<String> columns, List<List<String>> rows) {
        return new Section(id, title, columns, rows, null);
    }
}
