package io.github.recoverygates.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One problem at one place. {@code file} is relative to the checked root with '/' separators,
 * or null for a finding about the whole run (a service, a threshold). Lines and columns are
 * 1-based; 0 means unknown. {@code properties} carries rule-specific facts (the configured
 * severity of an ssot rule, the check of a recovery finding) and may be empty.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"ruleId", "severity", "category", "file", "line", "column", "endLine", "endColumn",
        "message", "baselineState", "properties"})
public record Finding(String ruleId, Severity severity, String category, String file,
                      int line, int column, int endLine, int endColumn, String message,
                      BaselineState baselineState, SortedMap<String, String> properties) {

    /** Whether a finding is new against the baseline, or was there before. */
    public enum BaselineState {
        NEW, UNCHANGED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final Comparator<Finding> ORDER = Comparator
            .comparing(Finding::file, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
            .thenComparingInt(Finding::line)
            .thenComparingInt(Finding::column)
            .thenComparing(Finding::ruleId)
            .thenComparing(Finding::severity)
            .thenComparing(Finding::message);

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        message = message == null ? "" : message;
        properties = properties == null ? new TreeMap<>() : new TreeMap<>(properties);
    }

    public static Finding of(String ruleId, Severity severity, String category, String file,
                             int line, int column, String message) {
        return new Finding(ruleId, severity, category, file, line, column, 0, 0, message, null, null);
    }

    public Finding withEnd(int endLine, int endColumn) {
        return new Finding(ruleId, severity, category, file, line, column, endLine, endColumn, message,
                baselineState, properties);
    }

    public Finding withBaselineState(BaselineState state) {
        return new Finding(ruleId, severity, category, file, line, column, endLine, endColumn, message,
                state, properties);
    }

    public Finding withProperties(Map<String, String> extra) {
        SortedMap<String, String> merged = new TreeMap<>(properties);
        merged.putAll(extra);
        return new Finding(ruleId, severity, category, file, line, column, endLine, endColumn, message,
                baselineState, merged);
    }

    /**
     * What identifies this finding across runs: rule, file, category and the message with its
     * numbers removed, so that a finding that merely moved is not "new".
     */
    public String fingerprint() {
        String stableMessage = message.replaceAll("\\d+", "#");
        return ruleId + '\u0000' + (file == null ? "" : file) + '\u0000'
                + (category == null ? "" : category) + '\u0000' + stableMessage;
    }
}
