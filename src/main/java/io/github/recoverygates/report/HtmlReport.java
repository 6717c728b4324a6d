package io.github.recoverygates.report;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.Section;
import io.github.recoverygates.core.ThresholdResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * {@code <gate>.html}: the Markdown summary's content as one self-contained page (inline CSS and
 * SVG, a Content-Security-Policy that forbids scripts and every network fetch but the page's own
 * stylesheet). Every string from the run is HTML-escaped, so a message or file name cannot inject
 * markup. The same CSS is also linked as {@code <gate>.css} (written beside it by {@link Reports}), so
 * the page keeps its style where a viewer's CSP forbids inline style, as Jenkins' artifact pages do
 * ({@code style-src 'self'}); it has no inline {@code style} attribute and no script.
 */
public final class HtmlReport {

    public static final int MAX_FINDINGS = 1000;
    private static final String CSS = css();

    private HtmlReport() {
    }

    public static String render(GateResult result, SecretMasker masker) {
        GateResult r = MaskedResult.of(result, masker);
        StringBuilder h = new StringBuilder(16 * 1024);
        String title = r.gate() + " gate: " + r.verdict();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'self' 'unsafe-inline'; img-src data:\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<link rel=\"stylesheet\" href=\"")
                .append(esc(stylesheetName(r.gate()))).append("\">\n<style>\n").append(CSS).append("</style>\n")
                .append("</head>\n<body>\n<main>\n");
        h.append("<header class=\"verdict v-").append(r.verdict().name()).append("\">\n<h1>").append(esc(title))
                .append("</h1>\n<p>").append(esc(r.summary())).append("</p>\n</header>\n");

        h.append("<section id=\"counts\">\n<h2>Result</h2>\n<p>").append(esc(Formats.counts(r))).append("</p>\n");
        if (r.startedAt() != null) {
            h.append("<p class=\"muted\">Started ").append(esc(r.startedAt().toString())).append(", took ")
                    .append(esc(Formats.number(r.durationMs() / 1000.0))).append(" s.</p>\n");
        }
        h.append("</section>\n");

        if (r.baseline() != null) {
            h.append("<section id=\"baseline\">\n<h2>Baseline</h2>\n<p class=\"muted\">Compared with <code>")
                    .append(esc(r.baseline().file())).append("</code>.</p>\n<table>\n<tr><th class=\"num\">New</th>")
                    .append("<th class=\"num\">Still failing</th><th class=\"num\">Fixed</th></tr>\n<tr><td class=\"num\">")
                    .append(r.baseline().newCount()).append("</td><td class=\"num\">").append(r.baseline().unchangedCount())
                    .append("</td><td class=\"num\">").append(r.baseline().fixedCount()).append("</td></tr>\n</table>\n")
                    .append("</section>\n");
        }

        if (!r.thresholds().isEmpty()) {
            h.append("<section id=\"thresholds\">\n<h2>Thresholds</h2>\n<table>\n<tr><th>Threshold</th><th>Scope</th>")
                    .append("<th class=\"num\">Required</th><th class=\"num\">Actual</th><th></th><th>Result</th></tr>\n");
            for (ThresholdResult t : r.thresholds()) {
                h.append("<tr><td>").append(esc(t.name())).append("</td><td><code>").append(esc(Formats.scope(t)))
                        .append("</code></td><td class=\"num\">").append(esc(Formats.required(t)))
                        .append("</td><td class=\"num\">").append(esc(Formats.actual(t))).append("</td><td>")
                        .append(bar(t)).append("</td><td class=\"").append(t.passed() ? "pass\">pass" : "fail\">FAIL")
                        .append("</td></tr>\n");
            }
            h.append("</table>\n</section>\n");
        }

        if (!r.metrics().isEmpty()) {
            h.append("<section id=\"metrics\">\n<h2>Metrics</h2>\n<table>\n<tr><th>Metric</th><th class=\"num\">Value</th></tr>\n");
            r.metrics().forEach((k, v) -> h.append("<tr><td>").append(esc(k)).append("</td><td class=\"num\">")
                    .append(esc(Formats.number(v))).append("</td></tr>\n"));
            h.append("</table>\n</section>\n");
        }

        for (Section s : r.sections()) {
            h.append("<section class=\"gate-section\">\n<h2>").append(esc(s.title() == null ? s.id() : s.title()))
                    .append("</h2>\n");
            if (s.mermaid() != null && !s.mermaid().isBlank()) {
                h.append("<p class=\"muted\">Diagram (Mermaid source):</p>\n<pre class=\"mermaid-source\">")
                        .append(esc(s.mermaid().strip())).append("</pre>\n");
            }
            if (!s.columns().isEmpty()) {
                h.append("<table>\n<tr>");
                s.columns().forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
                h.append("</tr>\n");
                for (List<String> row : s.rows()) {
                    h.append("<tr>");
                    row.forEach(c -> h.append("<td>").append(esc(c)).append("</td>"));
                    h.append("</tr>\n");
                }
                h.append("</table>\n");
            }
            h.append("</section>\n");
        }

        List<Finding> top = Formats.top(r);
        h.append("<section id=\"findings\">\n<h2>Findings</h2>\n");
        if (top.isEmpty()) {
            h.append("<p>No findings.</p>\n");
        } else {
            List<Finding> shown = top.subList(0, Math.min(MAX_FINDINGS, top.size()));
            h.append("<table>\n<tr><th>File</th><th class=\"num\">Line</th><th class=\"num\">Col</th><th>Severity</th>")
                    .append("<th>Rule</th><th>Category</th><th>Message</th></tr>\n");
            for (Finding f : shown) {
                h.append("<tr><td><code>").append(esc(f.file() == null ? "(run)" : f.file())).append("</code></td>")
                        .append("<td class=\"num\">").append(f.line() > 0 ? f.line() : "").append("</td>")
                        .append("<td class=\"num\">").append(f.column() > 0 ? f.column() : "").append("</td>")
                        .append("<td class=\"sev-").append(f.severity().id()).append("\">").append(f.severity().id())
                        .append(f.baselineState() == Finding.BaselineState.NEW ? " (new)" : "").append("</td>")
                        .append("<td>").append(esc(f.ruleId())).append("</td>")
                        .append("<td>").append(esc(f.category())).append("</td>")
                        .append("<td class=\"msg\">").append(esc(f.message())).append("</td></tr>\n");
            }
            h.append("</table>\n");
            if (top.size() > shown.size()) {
                h.append("<p>…and ").append(top.size() - shown.size()).append(" more — see <code>")
                        .append(esc(r.gate() + ".json")).append("</code>.</p>\n");
            }
        }
        h.append("</section>\n</main>\n<footer>").append(esc(ToolVersion.NAME + " " + ToolVersion.version()))
                .append("</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    /** The linked stylesheet's file name, beside {@code <gate>.html}. */
    public static String stylesheetName(String gate) {
        return gate + ".css";
    }

    /** The report's CSS, inline in the page and as the linked file. */
    public static String stylesheet() {
        return CSS;
    }

    /** A threshold as a bar: the measured value filled, the required value as a mark. */
    static String bar(ThresholdResult t) {
        double scale = "%".equals(t.unit()) ? 100.0 : Math.max(Math.max(t.required(), t.actual()) * 1.25, 1e-9);
        int width = 160;
        double actualX = clamp(t.actual() / scale) * width;
        double requiredX = clamp(t.required() / scale) * width;
        return String.format(Locale.ROOT,
                "<svg class=\"bar\" width=\"%d\" height=\"14\" viewBox=\"0 0 %d 14\" role=\"img\" aria-label=\"%s\">"
                        + "<rect class=\"track\" x=\"0\" y=\"2\" width=\"%d\" height=\"10\"/>"
                        + "<rect class=\"%s\" x=\"0\" y=\"2\" width=\"%.1f\" height=\"10\"/>"
                        + "<line class=\"req\" x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"14\"/></svg>",
                width, width, esc(Formats.actual(t) + ", required " + Formats.required(t)), width,
                t.passed() ? "ok" : "bad", actualX, requiredX, requiredX);
    }

    private static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }

    /** HTML text and attribute escaping; characters HTML cannot carry become U+FFFD. */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    boolean control = (c < 0x20 && c != '\n' && c != '\t' && c != '\r') || (c >= 0x7F && c <= 0x9F);
                    out.appendCodePoint(control ? 0xFFFD : c);
                }
            }
        });
        return out.toString();
    }

    private static String css() {
        try (InputStream in = HtmlReport.class.getResourceAsStream("report.css")) {
            if (in == null) {
                throw new IllegalStateException("report.css is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
