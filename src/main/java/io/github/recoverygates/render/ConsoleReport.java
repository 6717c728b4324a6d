package io.github.recoverygates.render;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Threshold;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The summary printed to stdout after a run, answer first: the verdict and summary, what failed
 * (thresholds, then the most important findings, first causes before what they block), then every
 * threshold, the counts and the report files. Every untrusted part passes {@link ConsoleText};
 * every line begins with our own words.
 */
public final class ConsoleReport {

    static final int FINDINGS = 10;

    /**
     * How much to print and how.
     *
     * @param quiet   only the verdict line
     * @param verbose every finding and the metrics
     * @param colour  the verdict in colour (a terminal without NO_COLOR)
     */
    public record Style(boolean quiet, boolean verbose, boolean colour) {
        public static final Style PLAIN = new Style(false, false, false);
    }

    private ConsoleReport() {
    }

    /** The summary of a masked result. */
    public static String render(GateResult r, Map<String, Path> reports) {
        return render(r, reports, Style.PLAIN);
    }

    public static String render(GateResult r, Map<String, Path> reports, Style style) {
        StringBuilder s = new StringBuilder();
        line(s, r.gate() + ": " + verdict(r, style) + " — " + ConsoleText.safe(Wording.oneLine(r.summary(), 500)));
        if (style.quiet()) {
            return s.toString().stripTrailing();
        }
        List<Threshold> failed = Wording.failed(r);
        for (Threshold t : failed) {
            line(s, "  failed threshold " + ConsoleText.safe(Wording.thresholdVerdict(t)));
        }
        List<Finding> top = Wording.top(r);
        if (!top.isEmpty()) {
            int shown = style.verbose() ? top.size() : Math.min(FINDINGS, top.size());
            line(s, "  findings" + (top.size() > shown ? " (the first " + shown + " of " + top.size() + ")" : "") + ":");
            for (Finding f : top.subList(0, shown)) {
                line(s, "    " + f.severity().id() + " " + ConsoleText.safe(Wording.location(f)) + " "
                        + ConsoleText.safe(Wording.oneLine(f.message(), 300)) + " [" + ConsoleText.safe(f.ruleId()) + "]"
                        + (f.baselineState() == Finding.BaselineState.NEW ? " (new)" : ""));
            }
        }
        if (r.thresholds().size() > failed.size()) {
            line(s, "  thresholds:");
            for (Threshold t : r.thresholds()) {
                line(s, "    " + ConsoleText.safe(Wording.thresholdLine(t)));
            }
        }
        line(s, "  " + Wording.counts(r));
        if (style.verbose() && !r.metrics().isEmpty()) {
            line(s, "  metrics:");
            r.metrics().forEach((k, v) -> line(s, "    " + ConsoleText.safe(k) + " " + Numbers.format(v)));
        }
        if (reports != null && !reports.isEmpty()) {
            line(s, "  reports:");
            reports.forEach((format, path) -> line(s, "    " + String.format("%-6s", format) + ConsoleText.safe(path.toString())));
        }
        return s.toString().stripTrailing();
    }

    private static String verdict(GateResult r, Style style) {
        if (!style.colour()) {
            return r.verdict().name();
        }
        String code = switch (r.verdict()) {
            case PASS -> "32";
            case WARN -> "33";
            case FAIL -> "31";
            case ERROR -> "35";
        };
        return "\u001b[1;" + code + "m" + r.verdict() + "\u001b[0m";
    }

    private static void line(StringBuilder s, String text) {
        s.append(ConsoleText.line(text)).append('\n');
    }
}
