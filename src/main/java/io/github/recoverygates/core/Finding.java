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
 * severity of an ssot rule, the check of a recovery finding) and may be empty. Made with
 * {@link #builder}; the record itself stays immutable.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"ruleId", "severity", "category", "file", "line", "column", "endLine", "endColumn",
        "message", "fingerprint", "baselineState", "diff", "properties"})
public record Finding(String ruleId, Severity severity, String category, String file,
                      int line, int column, int endLine, int endColumn, String message,
                      String fingerprint, BaselineState baselineState, DiffPosition diff,
                      SortedMap<String, String> properties) {

    /** Whether a finding is new against the baseline, or was there before. */
    public enum BaselineState {
        NEW, UNCHANGED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Where a finding stands against the change under review (a pull request's diff): on a line the
     * change added, within the diff's context lines, elsewhere in a file it changed, or outside it.
     */
    public enum DiffPosition {
        ADDED, CONTEXT, FILE, OUTSIDE;

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

    /**
     * The property naming what a finding is a consequence of (the check that blocked this one): a
     * finding with it is a symptom, shown after the causes.
     */
    public static final String CAUSED_BY = "blockedBy";

    /** Errors before warnings before notes, causes before their symptoms, new before old, then report order. */
    public static final Comparator<Finding> IMPORTANCE = Comparator.comparing(Finding::severity)
            .thenComparing(f -> f.properties().containsKey(CAUSED_BY))
            .thenComparing(f -> f.baselineState() == BaselineState.UNCHANGED)
            .thenComparing(ORDER);

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        message = message == null ? "" : message;
        properties = properties == null ? new TreeMap<>() : new TreeMap<>(properties);
    }

    /** A finding of {@code ruleId} at {@code severity}; everything else is optional. */
    public static Builder builder(String ruleId, Severity severity) {
        return new Builder(ruleId, severity);
    }

    /** A builder holding this finding's values, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder(ruleId, severity).category(category).file(file).at(line, column)
                .end(endLine, endColumn).message(message).fingerprint(fingerprint).baselineState(baselineState)
                .diff(diff);
        b.properties.putAll(properties);
        return b;
    }

    public boolean hasFile() {
        return file != null && !file.isBlank();
    }

    public Finding withBaselineState(BaselineState state) {
        return toBuilder().baselineState(state).build();
    }

    /**
     * What identifies this finding across runs: its {@link #fingerprint} (rule, file and the text of
     * its line, see {@link Fingerprints}) when known, else {@link #messageKey()}.
     */
    public String identity() {
        return fingerprint != null ? fingerprint : messageKey();
    }

    /**
     * What identifies a finding without a line to read: rule, file, category and the message with its
     * numbers removed, so that a finding that merely moved is not "new".
     */
    public String messageKey() {
        String stableMessage = message.replaceAll("\\d+", "#");
        return ruleId + '\u0000' + (file == null ? "" : file) + '\u0000'
                + (category == null ? "" : category) + '\u0000' + stableMessage;
    }

    public Finding withDiff(DiffPosition position) {
        return toBuilder().diff(position).build();
    }

    /** Builds a {@link Finding}; unset positions are 0 (unknown), unset texts null. */
    public static final class Builder {
        private final String ruleId;
        private Severity severity;
        private String category;
        private String file;
        private int line;
        private int column;
        private int endLine;
        private int endColumn;
        private String message;
        private String fingerprint;
        private BaselineState baselineState;
        private DiffPosition diff;
        private final SortedMap<String, String> properties = new TreeMap<>();

        private Builder(String ruleId, Severity severity) {
            this.ruleId = ruleId;
            this.severity = severity;
        }

        public Builder severity(Severity value) {
            severity = value;
            return this;
        }

        public Builder category(String value) {
            category = value;
            return this;
        }

        public Builder file(String value) {
            file = value;
            return this;
        }

        /** Line and column, 1-based (0: unknown). */
        public Builder at(int lineNumber, int columnNumber) {
            line = lineNumber;
            column = columnNumber;
            return this;
        }

        public Builder line(int lineNumber) {
            line = lineNumber;
            return this;
        }

        public Builder end(int lineNumber, int columnNumber) {
            endLine = lineNumber;
            endColumn = columnNumber;
            return this;
        }

        public Builder message(String value) {
            message = value;
            return this;
        }

        public Builder fingerprint(String value) {
            fingerprint = value;
            return this;
        }

        public Builder diff(DiffPosition value) {
            diff = value;
            return this;
        }

        public Builder baselineState(BaselineState value) {
            baselineState = value;
            return this;
        }

        public Builder property(String key, String value) {
            if (value != null) {
                properties.put(key, value);
            }
            return this;
        }

        public Builder properties(Map<String, String> values) {
            values.forEach(this::property);
            return this;
        }

        public Finding build() {
            return new Finding(ruleId, severity, category, file, line, column, endLine, endColumn, message,
                    fingerprint, baselineState, diff, properties);
        }
    }

}
