package io.github.recoverygates.render;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Threshold;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML fragment for a CI's build page: verdict, summary, thresholds, metrics and
 * the top findings, optionally linked to the source. Every text that came from the run is escaped,
 * so the fragment can be written into a page as it is; links are only ever http(s).
 */
public final class SummaryHtml {

    public static final int TOP_FINDINGS = 20;
    public static final int MAX_METRICS = 60;

    private SummaryHtml() {
    }

    /** The fragment of a masked result; {@code links} make findings point at the source. */
    public static String of(GateResult result, Links links) {
        StringBuilder h = new StringBuilder(4096);
        String verdict = result.verdict().name();
        h.append("<div class=\"recovery-gates recovery-gates-").append(verdict.toLowerCase(Locale.ROOT)).append("\">\n");
        h.append("<p><strong class=\"recovery-gates-verdict\">").append(verdict).append("</strong> ")
                .append(HtmlText.esc(result.summary())).append("</p>\n");
        h.append("<p>").append(result.count(Severity.ERROR)).append(" error(s), ")
                .append(result.count(Severity.WARNING)).append(" warning(s), ")
                .append(result.count(Severity.NOTE)).append(" note(s)");
        if (result.baseline() != null) {
            h.append("; against the baseline: ").append(result.baseline().newCount()).append(" new, ")
                    .append(result.baseline().fixedCount()).append(" fixed, ")
                    .append(result.baseline().unchangedCount()).append(" still failing");
        }
        h.append("</p>\n");
        if (!result.thresholds().isEmpty()) {
            h.append("<table class=\"pane bigtable recovery-gates-thresholds\">\n<tr><th>Threshold</th><th>Scope</th>"
                    + "<th>Required</th><th>Actual</th><th>Result</th></tr>\n");
            for (Threshold t : result.thresholds()) {
                h.append("<tr><td>").append(HtmlText.esc(t.name())).append("</td><td>")
                        .append(HtmlText.esc(String.join(", ", t.include()))).append("</td><td>")
                        .append(HtmlText.esc(Wording.required(t)))
                        .append("</td><td>").append(HtmlText.esc(Wording.actual(t))).append("</td><td>")
                        .append(t.passed() ? "passed" : "<strong>failed</strong>").append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        if (!result.metrics().isEmpty()) {
            h.append("<table class=\"pane bigtable recovery-gates-metrics\">\n<tr><th>Metric</th><th>Value</th></tr>\n");
            result.metrics().entrySet().stream().limit(MAX_METRICS).forEach(e ->
                    h.append("<tr><td>").append(HtmlText.esc(e.getKey())).append("</td><td>")
                            .append(HtmlText.esc(Numbers.format(e.getValue()))).append("</td></tr>\n"));
            if (result.metrics().size() > MAX_METRICS) {
                h.append("<tr><td colspan=\"2\">").append(result.metrics().size() - MAX_METRICS)
                        .append(" more in the JSON report</td></tr>\n");
            }
            h.append("</table>\n");
        }
        List<Finding> top = result.findings().stream()
                .sorted(Finding.IMPORTANCE)
                .limit(TOP_FINDINGS).toList();
        if (!top.isEmpty()) {
            h.append("<table class=\"pane bigtable recovery-gates-findings\">\n<tr><th>Severity</th><th>Rule</th>"
                    + "<th>Where</th><th>Message</th></tr>\n");
            for (Finding f : top) {
                h.append("<tr><td>").append(f.severity().id()).append("</td><td>").append(HtmlText.esc(f.ruleId()))
                        .append("</td><td>").append(where(f, links)).append("</td><td>")
                        .append(HtmlText.esc(f.message()));
                if (f.baselineState() == Finding.BaselineState.NEW) {
                    h.append(" <em>new</em>");
                }
                h.append("</td></tr>\n");
            }
            if (result.findings().size() > top.size()) {
                h.append("<tr><td colspan=\"4\">").append(result.findings().size() - top.size())
                        .append(" more finding(s) in the reports</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("</div>\n");
        return h.toString();
    }

    private static String where(Finding f, Links links) {
        if (!f.hasFile()) {
            return "";
        }
        String text = HtmlText.esc(f.file() + (f.line() > 0 ? ":" + f.line() : ""));
        return links.to(f.file(), f.line()).map(u -> "<a href=\"" + HtmlText.esc(u) + "\">" + text + "</a>").orElse(text);
    }
}
