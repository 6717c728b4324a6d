package io.github.recoverygates.render;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.Gate;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Graph;
import io.github.recoverygates.core.Metric;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.Section;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Threshold;
import io.github.recoverygates.core.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The recovery dashboard of {@code all}: one page (no script, no network, a strict policy) with a
 * card per installed gate — its verdict and key metrics, or how to enable it when the config has no
 * section for it — the threshold bars, the service graph, the top findings linked to the source
 * and, given history, a trend line per threshold; plus {@code summary.md}.
 */
public final class Dashboard {

    static final int TOP_FINDINGS = 20;
    public static final String STYLESHEET = "recovery-gates-dashboard.css";
    static final String CSS = HtmlReport.resource("dashboard.css");
    private static final String CSP = "default-src 'none'; style-src 'self' '" + HtmlReport.sha256(CSS) + "'; img-src data:";

    private final Links links;
    private final List<Gate> installed;

    /**
     * @param links     how findings link to the source
     * @param installed every installed gate, so the ones that did not run still get a card
     */
    public Dashboard(Links links, List<Gate> installed) {
        this.links = links == null ? Links.NONE : links;
        this.installed = List.copyOf(installed);
    }

    /** Writes {@code summary.md} and {@code dashboard.html} into {@code outDir}; returns their paths. */
    public Map<String, Path> write(List<GateResult> results, List<History.Run> history, Path outDir,
                                   SecretMasker masker) throws IOException {
        Files.createDirectories(outDir);
        List<GateResult> masked = results.stream().map(r -> Masked.of(r, masker)).toList();
        Path md = outDir.resolve("summary.md");
        Path html = outDir.resolve("dashboard.html");
        OutputFiles.write(md, markdown(masked));
        OutputFiles.write(html, html(masked, history));
        OutputFiles.write(outDir.resolve(STYLESHEET), CSS);
        Map<String, Path> written = new LinkedHashMap<>();
        written.put("summary", md);
        written.put("dashboard", html);
        return written;
    }

    public static Verdict overall(List<GateResult> results) {
        return results.stream().map(GateResult::verdict).reduce(Verdict.PASS, Verdict::worst);
    }

    /** The Markdown overview: a line per gate, every threshold, the top findings. */
    public String markdown(List<GateResult> results) {
        StringBuilder s = new StringBuilder("# Recovery Gates: ").append(overall(results)).append("\n\n");
        s.append("| Gate | Verdict | Summary | Errors | Warnings |\n|---|---|---|---:|---:|\n");
        for (GateResult r : results) {
            s.append("| ").append(MarkdownText.cell(r.gate())).append(" | ").append(r.verdict()).append(" | ")
                    .append(MarkdownText.cell(r.summary())).append(" | ").append(r.count(Severity.ERROR)).append(" | ")
                    .append(r.count(Severity.WARNING)).append(" |\n");
        }
        for (Gate g : notRun(results)) {
            s.append("| ").append(MarkdownText.cell(g.name())).append(" | not configured | ")
                    .append(MarkdownText.cell(enableHint(g))).append(" | | |\n");
        }
        List<String> rows = new ArrayList<>();
        for (GateResult r : results) {
            for (Threshold t : r.thresholds()) {
                rows.add("| " + MarkdownText.cell(r.gate()) + " | " + MarkdownText.cell(t.name()) + " | "
                        + MarkdownText.cell(Wording.required(t)) + " | " + MarkdownText.cell(Wording.actual(t)) + " | "
                        + (t.passed() ? "pass" : "**FAIL**") + " |\n");
            }
        }
        if (!rows.isEmpty()) {
            s.append("\n## Thresholds\n\n| Gate | Threshold | Required | Actual | Result |\n|---|---|---|---|---|\n");
            rows.forEach(s::append);
        }
        List<Ranked> top = top(results);
        if (!top.isEmpty()) {
            s.append("\n## Top findings\n\n| Gate | Severity | Where | Rule | Message |\n|---|---|---|---|---|\n");
            for (Ranked t : top) {
                String where = MarkdownText.cell(Wording.location(t.finding()));
                Optional<String> link = t.finding().hasFile() ? links.to(t.finding().file(), t.finding().line()) : Optional.empty();
                s.append("| ").append(MarkdownText.cell(t.gate())).append(" | ").append(t.finding().severity().id())
                        .append(" | ").append(link.map(u -> "[" + where + "](" + u + ")").orElse(where)).append(" | ")
                        .append(MarkdownText.cell(t.finding().ruleId())).append(" | ")
                        .append(MarkdownText.cell(t.finding().message())).append(" |\n");
            }
            long total = results.stream().mapToLong(r -> r.findings().size()).sum();
            if (total > top.size()) {
                s.append("\n…and ").append(total - top.size()).append(" more in the gates' reports.\n");
            }
        }
        return s.toString();
    }

    String html(List<GateResult> results, List<History.Run> history) {
        Verdict overall = overall(results);
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CSP).append("\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Recovery dashboard: ").append(overall).append("</title>")
                .append("<link rel=\"stylesheet\" href=\"").append(STYLESHEET).append("\">")
                .append("<style>").append(CSS).append("</style></head><body>\n<header class=\"").append(cls(overall))
                .append("\"><h1>Recovery dashboard</h1><p>").append(overall).append(" · ").append(results.size())
                .append(" of ").append(installed.size()).append(" gates ran</p></header>\n<main>\n<section class=\"cards\">\n");
        for (Gate g : installed) {
            Optional<GateResult> r = results.stream().filter(x -> x.gate().equals(g.name())).findFirst();
            if (r.isPresent()) {
                card(h, r.get(), g.keyMetrics(), history);
            } else {
                h.append("<article class=\"card off\" id=\"gate-").append(HtmlText.esc(g.name())).append("\"><h2>")
                        .append(HtmlText.esc(g.name())).append(" <span class=\"badge\">not configured</span></h2><p>")
                        .append(HtmlText.esc(enableHint(g))).append("</p></article>\n");
            }
        }
        for (GateResult r : results) {
            if (installed.stream().noneMatch(g -> g.name().equals(r.gate()))) {
                card(h, r, List.of(), history);
            }
        }
        h.append("</section>\n");
        thresholdBars(h, results);
        for (GateResult r : results) {
            for (Section s : r.sections()) {
                if (s instanceof Graph g && !g.nodes().isEmpty()) {
                    h.append("<section class=\"panel\" id=\"graph-").append(HtmlText.esc(r.gate())).append("\"><h2>")
                            .append(HtmlText.esc(r.gate())).append(": ").append(HtmlText.esc(g.title())).append("</h2>")
                            .append(GraphSvg.render(g)).append("</section>\n");
                }
            }
        }
        topFindings(h, results);
        h.append("</main></body></html>\n");
        return h.toString();
    }

    private List<Gate> notRun(List<GateResult> results) {
        return installed.stream().filter(g -> results.stream().noneMatch(r -> r.gate().equals(g.name()))).toList();
    }

    static String enableHint(Gate g) {
        return "Not configured: add a " + g.configKey() + ": section to .recovery-gates.yml to run it (see " + g.docs() + ").";
    }

    private void card(StringBuilder h, GateResult r, List<Metric> keyMetrics, List<History.Run> history) {
        h.append("<article class=\"card ").append(cls(r.verdict())).append("\" id=\"gate-").append(HtmlText.esc(r.gate()))
                .append("\"><h2>").append(HtmlText.esc(r.gate())).append(" <span class=\"badge\">").append(r.verdict())
                .append("</span></h2><p>").append(HtmlText.esc(r.summary())).append("</p><dl>");
        List<Metric> shown = new ArrayList<>(keyMetrics);
        shown.add(Metric.count("findings.error", "errors"));
        shown.add(Metric.count("findings.warning", "warnings"));
        for (Metric m : shown) {
            Number v = r.metrics().get(m.name());
            if (v != null) {
                h.append("<dt>").append(HtmlText.esc(m.label())).append("</dt><dd>")
                        .append(HtmlText.esc(Numbers.withUnit(v.doubleValue(), m.unit()))).append("</dd>");
            }
        }
        h.append("</dl>");
        List<String> trendMetrics = new ArrayList<>();
        r.thresholds().forEach(t -> trendMetrics.add("threshold." + t.name()));
        trendMetrics.add("findings.error");
        Map<String, List<Double>> trends = History.trends(history, r.gate(), trendMetrics);
        if (!trends.isEmpty()) {
            h.append("<div class=\"trends\"><h3>Trend over ").append(history.size()).append(" runs</h3>");
            trends.forEach((m, values) -> h.append("<div class=\"trend\"><span>").append(HtmlText.esc(m)).append("</span>")
                    .append(sparkline(values)).append("<span>").append(Numbers.format(values.get(values.size() - 1)))
                    .append("</span></div>"));
            h.append("</div>");
        }
        h.append("</article>\n");
    }

    private static void thresholdBars(StringBuilder h, List<GateResult> results) {
        List<GateResult> with = results.stream().filter(r -> !r.thresholds().isEmpty()).toList();
        if (with.isEmpty()) {
            return;
        }
        h.append("<section class=\"panel\"><h2>Thresholds</h2>\n");
        for (GateResult r : with) {
            for (Threshold t : r.thresholds()) {
                double[] scaled = Bars.scale(t);
                h.append("<div class=\"bar ").append(t.passed() ? "pass" : "fail").append("\"><span class=\"label\">")
                        .append(HtmlText.esc(r.gate() + " · " + t.name())).append("</span>")
                        .append("<svg viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"")
                        .append(HtmlText.esc(t.name())).append("\"><rect class=\"track\" x=\"0\" y=\"0\" width=\"100\" height=\"10\"/>")
                        .append("<rect class=\"fill\" x=\"0\" y=\"0\" width=\"").append(fmt(100 * scaled[0])).append("\" height=\"10\"/>")
                        .append("<line class=\"mark\" x1=\"").append(fmt(100 * scaled[1])).append("\" x2=\"").append(fmt(100 * scaled[1]))
                        .append("\" y1=\"0\" y2=\"10\"/></svg><span class=\"value\">").append(HtmlText.esc(Wording.actual(t)))
                        .append(" (").append(HtmlText.esc(Wording.required(t))).append(")</span></div>\n");
            }
        }
        h.append("</section>\n");
    }

    private record Ranked(String gate, Finding finding) {
    }

    private static List<Ranked> top(List<GateResult> results) {
        List<Ranked> all = new ArrayList<>();
        results.forEach(r -> r.findings().forEach(f -> all.add(new Ranked(r.gate(), f))));
        return all.stream().sorted((a, b) -> Finding.IMPORTANCE.compare(a.finding(), b.finding()))
                .limit(TOP_FINDINGS).toList();
    }

    private void topFindings(StringBuilder h, List<GateResult> results) {
        List<Ranked> top = top(results);
        long total = results.stream().mapToLong(r -> r.findings().size()).sum();
        h.append("<section class=\"panel\"><h2>Top findings</h2>");
        if (top.isEmpty()) {
            h.append("<p>No findings.</p></section>\n");
            return;
        }
        h.append("<table><thead><tr><th>Gate</th><th>Severity</th><th>Where</th><th>Rule</th><th>Message</th></tr></thead><tbody>");
        for (Ranked row : top) {
            Finding f = row.finding();
            h.append("<tr class=\"").append(f.severity().id()).append("\"><td>").append(HtmlText.esc(row.gate()))
                    .append("</td><td>").append(f.severity().id()).append("</td><td>").append(where(f))
                    .append("</td><td>").append(HtmlText.esc(f.ruleId())).append("</td><td>").append(HtmlText.esc(f.message()))
                    .append("</td></tr>");
        }
        h.append("</tbody></table>");
        if (total > top.size()) {
            h.append("<p>and ").append(total - top.size()).append(" more in the gates' reports.</p>");
        }
        h.append("</section>\n");
    }

    private String where(Finding f) {
        if (!f.hasFile()) {
            return "";
        }
        String text = HtmlText.esc(f.file() + (f.line() > 0 ? ":" + f.line() : ""));
        return links.to(f.file(), f.line()).map(u -> "<a href=\"" + HtmlText.esc(u) + "\">" + text + "</a>").orElse(text);
    }

    static String sparkline(List<Double> values) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        double span = max - min == 0 ? 1 : max - min;
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            double x = values.size() == 1 ? 0 : 100.0 * i / (values.size() - 1);
            double y = 28 - 26.0 * (values.get(i) - min) / span;
            points.append(points.length() == 0 ? "" : " ").append(fmt(x)).append(',').append(fmt(y));
        }
        return "<svg class=\"spark\" viewBox=\"0 0 100 30\" preserveAspectRatio=\"none\"><polyline points=\""
                + points + "\"/></svg>";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String cls(Verdict v) {
        return v.name().toLowerCase(Locale.ROOT);
    }
}
