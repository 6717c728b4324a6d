package io.github.recoverygates.render;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Threshold;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The words every human-readable sink uses, so console, Markdown, HTML, JUnit and the CI fragments
 * agree. Plain text: each sink escapes it with its own escaper.
 */
public final class Wording {

    private Wording() {
    }

    public static String required(Threshold t) {
        return (t.kind() == Threshold.Kind.MAXIMUM ? "<= " : ">= ") + Numbers.withUnit(t.required(), t.unit());
    }

    /** "97.5% (39/40)", or "empty scope (0 files)" when nothing was measured. */
    public static String actual(Threshold t) {
        if (t.isEmpty()) {
            return t.kind() == Threshold.Kind.RATE ? "empty scope (0/0)" : "no samples";
        }
        String a = Numbers.withUnit(t.actual(), t.unit());
        if (t.numerator() != null && t.denominator() != null) {
            a += " (" + t.numerator() + "/" + t.denominator() + ")";
        }
        return a;
    }

    public static String scope(Threshold t) {
        return t.include().isEmpty() ? "" : String.join(", ", t.include());
    }

    /** "unit: 84.2% misses the required >= 90%". */
    public static String thresholdVerdict(Threshold t) {
        if (t.isEmpty()) {
            return t.name() + ": " + actual(t) + (t.passed() ? ", allowed to be empty" : ": nothing was measured, so it fails"
                    + (t.kind() == Threshold.Kind.RATE && !t.include().isEmpty()
                    ? " (allowEmpty: true accepts an empty scope)" : ""));
        }
        return t.name() + ": " + Numbers.withUnit(t.actual(), t.unit()) + (t.passed() ? " meets " : " misses ")
                + "the required " + required(t);
    }

    public static String thresholdLine(Threshold t) {
        String scope = scope(t);
        return (t.passed() ? "pass " : "FAIL ") + t.name() + (scope.isEmpty() ? "" : " [" + scope + "]") + ": "
                + actual(t) + ", required " + required(t);
    }

    public static String location(Finding f) {
        if (!f.hasFile()) {
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

    public static String findingLine(Finding f) {
        return location(f) + " " + f.severity().id() + " [" + f.ruleId() + "] " + oneLine(f.message(), 2000);
    }

    public static String counts(GateResult r) {
        String s = "errors " + r.count(Severity.ERROR) + ", warnings " + r.count(Severity.WARNING)
                + ", notes " + r.count(Severity.NOTE);
        if (r.baseline() != null) {
            s += "; against the baseline: new " + r.baseline().newCount() + ", still failing "
                    + r.baseline().unchangedCount() + ", fixed " + r.baseline().fixedCount();
        }
        return s;
    }

    /** A message on one line, at most {@code max} characters (an ellipsis marks a cut). */
    public static String oneLine(String s, int max) {
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

    /** The findings most worth showing first ({@link Finding#IMPORTANCE}). */
    public static List<Finding> top(GateResult r) {
        return r.findings().stream().sorted(Finding.IMPORTANCE).toList();
    }

    /** The thresholds that failed, in the gate's order. */
    public static List<Threshold> failed(GateResult r) {
        return r.thresholds().stream().filter(t -> !t.passed()).toList();
    }

    /** Groups findings by file, keeping the files in the order of their first finding. */
    public static Map<String, List<Finding>> byFile(List<Finding> findings) {
        Map<String, List<Finding>> out = new LinkedHashMap<>();
        for (Finding f : findings) {
            out.computeIfAbsent(f.hasFile() ? f.file() : "", k -> new ArrayList<>()).add(f);
        }
        return out;
    }
}
