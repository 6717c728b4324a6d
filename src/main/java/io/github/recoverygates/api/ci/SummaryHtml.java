package io.github.recoverygates.api.ci;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.ThresholdResult;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    public static String of(GateStep step, GateResult result, String sourceLink) {
        return of(step, result, sourceLink, "");
    }

    /** As {@link #of(GateStep, GateResult, String)}; {@code prefix} is the checked root within the repository, for links. */
    public static String of(GateStep step, GateResult result, String sourceLink, String prefix) {
        StringBuilder h = new StringBuilder(4096);
        String verdict = result.verdict().name();
        h.append("<div class=\"recovery-gates recovery-gates-").append(verdict.toLowerCase(Locale.ROOT)).append("\">\n");
        h.append("<p><strong class=\"recovery-gates-verdict\">").append(verdict).append("</strong> ")
                .append(escape(result.summary())).append("</p>\n");
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
            for (ThresholdResult t : result.thresholds()) {
                String unit = t.unit() == null ? "" : t.unit();
                h.append("<tr><td>").append(escape(t.name())).append("</td><td>")
                        .append(escape(String.join(", ", t.include()))).append("</td><td>")
                        .append("max".equals(t.direction()) ? "&le; " : "&ge; ").append(escape(format(t.required()) + unit))
                        .append("</td><td>").append(escape(format(t.actual()) + unit)).append("</td><td>")
                        .append(t.passed() ? "passed" : "<strong>failed</strong>").append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        if (!result.metrics().isEmpty()) {
            h.append("<table class=\"pane bigtable recovery-gates-metrics\">\n<tr><th>Metric</th><th>Value</th></tr>\n");
            result.metrics().entrySet().stream().limit(MAX_METRICS).forEach(e ->
                    h.append("<tr><td>").append(escape(e.getKey())).append("</td><td>")
                            .append(escape(format(e.getValue()))).append("</td></tr>\n"));
            if (result.metrics().size() > MAX_METRICS) {
                h.append("<tr><td colspan=\"2\">").append(result.metrics().size() - MAX_METRICS)
                        .append(" more in the JSON report</td></tr>\n");
            }
            h.append("</table>\n");
        }
        List<Finding> top = result.findings().stream()
                .sorted(Comparator.comparing(Finding::severity).thenComparing(Finding.ORDER))
                .limit(TOP_FINDINGS).toList();
        if (!top.isEmpty()) {
            h.append("<table class=\"pane bigtable recovery-gates-findings\">\n<tr><th>Severity</th><th>Rule</th>"
                    + "<th>Where</th><th>Message</th></tr>\n");
            for (Finding f : top) {
                h.append("<tr><td>").append(f.severity().id()).append("</td><td>").append(escape(f.ruleId()))
                        .append("</td><td>").append(where(f, sourceLink, prefix)).append("</td><td>")
                        .append(escape(f.message()));
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

    private static String where(Finding f, String sourceLink, String prefix) {
        if (f.file() == null) {
            return "";
        }
        String text = escape(f.file() + (f.line() > 0 ? ":" + f.line() : ""));
        String href = link(sourceLink, prefix + f.file(), f.line());
        return href == null ? text : "<a href=\"" + escape(href) + "\">" + text + "</a>";
    }

    /** The template with {file} (each path segment URL-encoded) and {line}; null unless http(s). */
    public static String link(String template, String file, int line) {
        if (template == null || template.isBlank()) {
            return null;
        }
        StringBuilder encoded = new StringBuilder();
        for (String segment : file.split("/")) {
            if (encoded.length() > 0) {
                encoded.append('/');
            }
            encoded.append(java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        }
        String url = template.replace("{file}", encoded).replace("{line}", Integer.toString(Math.max(1, line)));
        try {
            String scheme = new URI(url).getScheme();
            return scheme != null && Map.of("http", 1, "https", 1).containsKey(scheme.toLowerCase(Locale.ROOT)) ? url : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    static String format(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
        return String.valueOf(n);
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
