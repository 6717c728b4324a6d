package io.github.recoverygates.render;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Graph;
import io.github.recoverygates.core.Section;
import io.github.recoverygates.core.Table;
import io.github.recoverygates.core.Threshold;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * {@code <gate>.html}: one page, answer first (verdict, what failed, findings), then thresholds,
 * the gate's tables and graphs, and the metrics folded away. No script; the styles are both linked
 * ({@value #STYLESHEET}, written beside the page, for servers whose Content-Security-Policy forbids
 * inline styles, such as Jenkins' for archived files) and inline with their hash in the page's own
 * policy, so the page also renders on its own. Every string from the run is HTML-escaped.
 */
public final class HtmlReport {

    public static final int MAX_FINDINGS = 1000;
    public static final String STYLESHEET = "recovery-gates.css";
    static final String CSS = resource("report.css");
    private static final String CSP = "default-src 'none'; style-src 'self' '" + sha256(CSS) + "'; img-src data:";

    private HtmlReport() {
    }

    /** The page of a masked result. */
    public static String render(GateResult r) {
        StringBuilder h = new StringBuilder(16 * 1024);
        String title = r.gate() + " gate: " + r.verdict();
        page(h, title);
        h.append("<header class=\"verdict v-").append(r.verdict().name()).append("\">\n<h1>").append(HtmlText.esc(title))
                .append("</h1>\n<p>").append(HtmlText.esc(r.summary())).append("</p>\n</header>\n");
        result(h, r);
        findings(h, r);
        thresholds(h, r);
        sections(h, r);
        metrics(h, r);
        h.append("</main>\n<footer>");
        if (r.startedAt() != null) {
            h.append("Started ").append(HtmlText.esc(r.startedAt().toString())).append(", took ")
                    .append(HtmlText.esc(Numbers.duration(r.durationMs()))).append(" · ");
        }
        h.append(HtmlText.esc(ToolVersion.NAME + " " + ToolVersion.version())).append("</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    /** The answer: the failed thresholds, the counts and the comparison with the baseline. */
    private static void result(StringBuilder h, GateResult r) {
        List<Threshold> failed = Wording.failed(r);
        h.append("<section id=\"result\">\n<h2>Result</h2>\n");
        if (!failed.isEmpty()) {
            h.append("<ul class=\"failed\">\n");
            failed.forEach(t -> h.append("<li>").append(HtmlText.esc(Wording.thresholdVerdict(t))).append("</li>\n"));
            h.append("</ul>\n");
        }
        h.append("<p>").append(HtmlText.esc(Wording.counts(r))).append("</p>\n");
        if (r.baseline() != null) {
            h.append("<p class=\"muted\">Compared with <code>").append(HtmlText.esc(r.baseline().file()))
                    .append("</code>: ").append(r.baseline().newCount()).append(" new, ")
                    .append(r.baseline().unchangedCount()).append(" still failing, ")
                    .append(r.baseline().fixedCount()).append(" fixed.</p>\n");
        }
        h.append("</section>\n");
    }

    private static void thresholds(StringBuilder h, GateResult r) {
        if (r.thresholds().isEmpty()) {
            return;
        }
        h.append("<section id=\"thresholds\">\n<h2>Thresholds</h2>\n<table>\n<tr><th>Threshold</th><th>Scope</th>")
                .append("<th class=\"num\">Required</th><th class=\"num\">Actual</th><th></th><th>Result</th></tr>\n");
        for (Threshold t : r.thresholds()) {
            h.append("<tr><td>").append(HtmlText.esc(t.name())).append("</td><td><code>")
                    .append(HtmlText.esc(Wording.scope(t))).append("</code></td><td class=\"num\">")
                    .append(HtmlText.esc(Wording.required(t))).append("</td><td class=\"num\">")
                    .append(HtmlText.esc(Wording.actual(t))).append("</td><td>").append(bar(t)).append("</td><td class=\"")
                    .append(t.passed() ? "pass\">pass" : "fail\">FAIL").append("</td></tr>\n");
        }
        h.append("</table>\n</section>\n");
    }

    /** The gate's own sections: a graph as SVG, a table as a table. */
    private static void sections(StringBuilder h, GateResult r) {
        for (Section s : r.sections()) {
            h.append("<section class=\"gate-section\" id=\"").append(HtmlText.esc(s.id())).append("\">\n<h2>")
                    .append(HtmlText.esc(s.title() == null ? s.id() : s.title())).append("</h2>\n");
            if (s instanceof Graph g) {
                h.append(GraphSvg.render(g)).append('\n');
            } else if (s instanceof Table t) {
                table(h, t);
            }
            h.append("</section>\n");
        }
    }

    /** Every metric, folded away. */
    private static void metrics(StringBuilder h, GateResult r) {
        if (r.metrics().isEmpty()) {
            return;
        }
        h.append("<section id=\"metrics\">\n<details><summary>Metrics (").append(r.metrics().size())
                .append(")</summary>\n<table>\n<tr><th>Metric</th><th class=\"num\">Value</th></tr>\n");
        r.metrics().forEach((k, v) -> h.append("<tr><td>").append(HtmlText.esc(k)).append("</td><td class=\"num\">")
                .append(HtmlText.esc(Numbers.format(v))).append("</td></tr>\n"));
        h.append("</table>\n</details>\n</section>\n");
    }

    /** The document head: title, the strict policy, the linked and the inline styles. */
    static void page(StringBuilder h, String title) {
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CSP).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(HtmlText.esc(title)).append("</title>\n")
                .append("<link rel=\"stylesheet\" href=\"").append(STYLESHEET).append("\">\n")
                .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
    }

    private static void findings(StringBuilder h, GateResult r) {
        List<Finding> top = Wording.top(r);
        h.append("<section id=\"findings\">\n<h2>Findings</h2>\n");
        if (top.isEmpty()) {
            h.append("<p>No findings.</p>\n</section>\n");
            return;
        }
        List<Finding> shown = top.subList(0, Math.min(MAX_FINDINGS, top.size()));
        h.append("<table>\n<tr><th>File</th><th class=\"num\">Line</th><th class=\"num\">Col</th><th>Severity</th>")
                .append("<th>Rule</th><th>Category</th><th>Message</th></tr>\n");
        for (Finding f : shown) {
            h.append("<tr><td><code>").append(HtmlText.esc(f.hasFile() ? f.file() : "(run)")).append("</code></td>")
                    .append("<td class=\"num\">").append(f.line() > 0 ? f.line() : "").append("</td>")
                    .append("<td class=\"num\">").append(f.column() > 0 ? f.column() : "").append("</td>")
                    .append("<td class=\"sev-").append(f.severity().id()).append("\">").append(f.severity().id())
                    .append(f.baselineState() == Finding.BaselineState.NEW ? " (new)" : "").append("</td>")
                    .append("<td>").append(HtmlText.esc(f.ruleId())).append("</td>")
                    .append("<td>").append(HtmlText.esc(f.category())).append("</td>")
                    .append("<td class=\"msg\">").append(HtmlText.esc(f.message())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (top.size() > shown.size()) {
            h.append("<p>…and ").append(top.size() - shown.size()).append(" more — see <code>")
                    .append(HtmlText.esc(r.gate() + ".json")).append("</code>.</p>\n");
        }
        h.append("</section>\n");
    }

    private static void table(StringBuilder h, Table t) {
        if (t.columns().isEmpty()) {
            return;
        }
        h.append("<table>\n<tr>");
        t.columns().forEach(c -> h.append(c.type() == Table.Type.NUMBER ? "<th class=\"num\">" : "<th>")
                .append(HtmlText.esc(c.name())).append("</th>"));
        h.append("</tr>\n");
        for (List<Object> row : t.rows()) {
            h.append("<tr>");
            for (int i = 0; i < t.columns().size(); i++) {
                Table.Column c = t.columns().get(i);
                String text = MarkdownReport.cell(i < row.size() ? row.get(i) : null);
                switch (c.type()) {
                    case NUMBER -> h.append("<td class=\"num\">").append(HtmlText.esc(text));
                    case STATE -> h.append("<td class=\"state-").append(HtmlText.cls(text)).append("\">").append(HtmlText.esc(text));
                    case PATH -> h.append("<td><code>").append(HtmlText.esc(text)).append("</code>");
                    default -> h.append("<td>").append(HtmlText.esc(text));
                }
                h.append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    /** A threshold as a bar: the measured value filled, the required value as a mark. */
    static String bar(Threshold t) {
        double[] scaled = Bars.scale(t);
        int width = 160;
        return String.format(Locale.ROOT,
                "<svg class=\"bar\" width=\"%d\" height=\"14\" viewBox=\"0 0 %d 14\" role=\"img\" aria-label=\"%s\">"
                        + "<rect class=\"track\" x=\"0\" y=\"2\" width=\"%d\" height=\"10\"/>"
                        + "<rect class=\"%s\" x=\"0\" y=\"2\" width=\"%.1f\" height=\"10\"/>"
                        + "<line class=\"req\" x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"14\"/></svg>",
                width, width, HtmlText.esc(Wording.actual(t) + ", required " + Wording.required(t)), width,
                t.passed() ? "ok" : "bad", scaled[0] * width, scaled[1] * width, scaled[1] * width);
    }

    static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CSP source expression for an inline block: {@code sha256-<base64>}. */
    static String sha256(String text) {
        try {
            return "sha256-" + Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
