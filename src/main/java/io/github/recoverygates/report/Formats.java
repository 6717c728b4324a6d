package io.github.recoverygates.report;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.ThresholdResult;
import java.math.BigDecimal;

/** The wording shared by the human-readable formats, so console, Markdown, HTML and JUnit agree. */
final class Formats {

    private Formats() {
    }

    static String number(Number n) {
        if (n == null) {
            return "";
        }
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return String.valueOf(d);
            }
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return n.toString();
    }

    static String withUnit(double value, String unit) {
        String v = number(value);
        if (unit == null || unit.isEmpty()) {
            return v;
        }
        return "%".equals(unit) ? v + "%" : v + " " + unit;
    }

    static String required(ThresholdResult t) {
        return ("max".equals(t.direction()) ? "<= " : ">= ") + withUnit(t.required(), t.unit());
    }

    static String actual(ThresholdResult t) {
        String a = withUnit(t.actual(), t.unit());
        if (t.numerator() != null && t.denominator() != null) {
            a += " (" + t.numerator() + "/" + t.denominator() + ")";
        }
        return a;
    }

    static String scope(ThresholdResult t) {
        return t.include().isEmpty() ? "" : String.join(", ", t.include());
    }

    static String thresholdVerdict(ThresholdResult t) {
        return t.name() + ": " + withUnit(t.actual(), t.unit()) + (t.passed() ? " meets " : " misses ")
                + "the required " + required(t);
    }

    static String thresholdLine(ThresholdResult t) {
        String scope = scope(t);
        return (t.passed() ? "pass " : "FAIL ") + t.name() + (scope.isEmpty() ? "" : " [" + scope + "]") + ": "
                + actual(t) + ", required " + required(t);
    }

    static String location(Finding f) {
        if (f.file() == null || f.file().isBlank()) {
            return "(run)";
        }
        StringBuilder s = new StringBuilder(f.file());
        if (f.line() > 0) {
            s.append(':').append(f.line());
            if (f.column() > 0) {
                s.append(':').append(f.column());
            }
        }
        return s.toString();
    }

    static String findingLine(Finding f) {
        return location(f) + " " + f.severity().id() + " [" + f.ruleId() + "] " + oneLine(f.message(), 2000);
    }

    static String counts(GateResult r) {
        String s = "errors " + r.count(Severity.ERROR) + ", warnings " + r.count(Severity.WARNING)
                + ", notes " + r.count(Severity.NOTE);
        if (r.baseline() != null) {
            s += "; against the baseline: new " + r.baseline().newCount() + ", still failing "
                    + r.baseline().unchangedCount() + ", fixed " + r.baseline().fixedCount();
        }
        return s;
    }

    /** A message on one line, at most {@code max} characters (an ellipsis marks a cut). */
    static String oneLine(String s, int max) {
        if (s == null) {
            return "";
        }
        String flat = s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').strip();
        if (flat.length() <= max) {
            return flat;
        }
        int cut = max - 1;
        if (Character.isHighSurrogate(flat.charAt(cut - 1))) {
            cut--;
        }
        return flat.substring(0, cut) + "…";
    }

    /** The findings most worth showing first: errors before warnings before notes, new before old. */
    static java.util.List<Finding> top(GateResult r) {
        return r.findings().stream()
                .sorted(java.util.Comparator.comparing(Finding::severity)
                        .thenComparing(f -> f.baselineState() == Finding.BaselineState.UNCHANGED)
                        .thenComparing(Finding.ORDER))
                .toList();
    }

    /** Groups findings by file, keeping the files in the order of their first finding. */
    static java.util.Map<String, java.util.List<Finding>> byFile(java.util.List<Finding> findings) {
        java.util.Map<String, java.util.List<Finding>> out = new java.util.LinkedHashMap<>();
        for (Finding f : findings) {
            String key = f.file() == null || f.file().isBlank() ? "" : f.file();
            out.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(f);
        }
        return out;
    }
}
