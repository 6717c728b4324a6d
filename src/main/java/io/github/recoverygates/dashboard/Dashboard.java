package io.github.recoverygates.dashboard;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Section;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.ThresholdResult;
import io.github.recoverygates.core.Verdict;
import io.github.recoverygates.report.HtmlReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recovery dashboard of {@code all}: one self-contained HTML page (inline CSS and SVG, no
 * script, no network) with a card per gate, the threshold bars, the service graph, the top
 * findings and, given history, a trend line per key metric; plus {@code summary.md}.
 */
public final class Dashboard {

    /** Metrics worth a place on a gate's card, when the gate reports them. */
    static final List<String> KEY_METRICS = List.of(
            "files.python", "failed.python", "tests.collectable", "tests.lost",
            "files.scanned", "violations.critical",
            "checks.total", "checks.up", "checks.down", "checks.blocked", "checks.degraded",
            "journeys.total", "journeys.passed", "latency.p95",
            "findings.error", "findings.warning");

    private static final Pattern EDGE = Pattern.compile("([A-Za-z0-9_.-]+)(?:\\[[^\\]]*\\]|\\([^)]*\\))?\\s*-[-.]+>\\s*([A-Za-z0-9_.-]+)");
    private static final Pattern NODE = Pattern.compile("([A-Za-z0-9_.-]+)\\[\"([^\"]*)\"\\](?::::([A-Za-z0-9_-]+))?");
    private static final int TOP_FINDINGS = 20;

    private final String linkBase;

    /** @param linkBase prefix for links to files (a blob URL such as https://github.com/o/r/blob/sha/), or null */
    public Dashboard(String linkBase) {
        this.linkBase = linkBase;
    }

    /** Writes {@code summary.md} and {@code dashboard.html} into {@code outDir}; returns their paths. */
    public Map<String, Path> write(List<GateResult> results, List<History.Run> history, Path outDir,
                                   SecretMasker masker) throws IOException {
        Files.createDirectories(outDir);
        Path md = outDir.resolve("summary.md");
        Path html = outDir.resolve("dashboard.html");
        Files.writeString(md, masker.mask(markdown(results)), StandardCharsets.UTF_8);
        Files.writeString(html, masker.mask(html(results, history)), StandardCharsets.UTF_8);
        Map<String, Path> written = new LinkedHashMap<>();
        written.put("summary", md);
        written.put("dashboard", html);
        return written;
    }

    public static Verdict overall(List<GateResult> results) {
        return results.stream().map(GateResult::verdict).reduce(Verdict.PASS, Verdict::worst);
    }

    /** The short Markdown overview: a line per gate and every threshold. */
    public String markdown(List<GateResult> results) {
        StringBuilder s = new StringBuilder("# Recovery Gates: ").append(overall(results)).append("\n\n");
        s.append("| Gate | Verdict | Summary | Errors | Warnings |\n|---|---|---|---|---|\n");
        for (GateResult r : results) {
            s.append("| ").append(r.gate()).append(" | ").append(r.verdict()).append(" | ")
                    .append(cell(r.summary())).append(" | ").append(r.count(Severity.ERROR)).append(" | ")
                    .append(r.count(Severity.WARNING)).append(" |\n");
        }
        List<String[]> rows = new ArrayList<>();
        for (GateResult r : results) {
            for (ThresholdResult t : r.thresholds()) {
                rows.add(new String[]{r.gate(), t.name(), bound(t), number(t.actual()) + unit(t), t.passed() ? "pass" : "FAIL"});
            }
        }
        if (!rows.isEmpty()) {
            s.append("\n| Gate | Threshold | Required | Actual | Result |\n|---|---|---|---|---|\n");
            rows.forEach(r -> s.append("| ").append(String.join(" | ", r)).append(" |\n"));
        }
        return s.toString();
    }

    String html(List<GateResult> results, List<History.Run> history) {
        Verdict overall = overall(results);
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Recovery dashboard: ").append(overall).append("</title><style>").append(CSS)
                .append("</style></head><body>\n<header class=\"").append(cls(overall)).append("\"><h1>Recovery dashboard</h1><p>")
                .append(overall).append(" · ").append(results.size()).append(" gate").append(results.size() == 1 ? "" : "s")
                .append("</p></header>\n<main>\n<section class=\"cards\">\n");
        for (GateResult r : results) {
            card(h, r, history);
        }
        h.append("</section>\n");
        thresholdBars(h, results);
        for (GateResult r : results) {
            for (Section s : r.sections()) {
                if (s.mermaid() != null && !s.mermaid().isBlank()) {
                    graph(h, r.gate(), s);
                }
            }
        }
        topFindings(h, results);
        h.append("</main></body></html>\n");
        return h.toString();
    }

    private void card(StringBuilder h, GateResult r, List<History.Run> history) {
        h.append("<article class=\"card ").append(cls(r.verdict())).append("\" id=\"gate-").append(HtmlReport.esc(r.gate()))
                .append("\"><h2>").append(HtmlReport.esc(r.gate())).append(" <span class=\"badge\">").append(r.verdict())
                .append("</span></h2><p>").append(HtmlReport.esc(r.summary())).append("</p><dl>");
        for (String m : KEY_METRICS) {
            Number v = r.metrics().get(m);
            if (v != null) {
                h.append("<dt>").append(HtmlReport.esc(m)).append("</dt><dd>").append(number(v.doubleValue())).append("</dd>");
            }
        }
        h.append("</dl>");
        List<String> trendMetrics = new ArrayList<>();
        r.thresholds().forEach(t -> trendMetrics.add("threshold." + t.name()));
        trendMetrics.add("findings.error");
        Map<String, List<Double>> trends = History.trends(history, r.gate(), trendMetrics);
        if (!trends.isEmpty()) {
            h.append("<div class=\"trends\"><h3>Trend over ").append(history.size()).append(" runs</h3>");
            trends.forEach((m, values) -> h.append("<div class=\"trend\"><span>").append(HtmlReport.esc(m)).append("</span>")
                    .append(sparkline(values)).append("<span>").append(number(values.get(values.size() - 1))).append("</span></div>"));
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
            for (ThresholdResult t : r.thresholds()) {
                double scale = "%".equals(t.unit()) ? 100.0 : Math.max(Math.max(t.required(), t.actual()) * 1.25, 1.0);
                double width = Math.min(100.0, 100.0 * t.actual() / scale);
                double mark = Math.min(100.0, 100.0 * t.required() / scale);
                h.append("<div class=\"bar ").append(t.passed() ? "pass" : "fail").append("\"><span class=\"label\">")
                        .append(HtmlReport.esc(r.gate() + " · " + t.name())).append("</span>")
                        .append("<svg viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"")
                        .append(HtmlReport.esc(t.name())).append("\"><rect class=\"track\" x=\"0\" y=\"0\" width=\"100\" height=\"10\"/>")
                        .append("<rect class=\"fill\" x=\"0\" y=\"0\" width=\"").append(fmt(width)).append("\" height=\"10\"/>")
                        .append("<line class=\"mark\" x1=\"").append(fmt(mark)).append("\" x2=\"").append(fmt(mark))
                        .append("\" y1=\"0\" y2=\"10\"/></svg><span class=\"value\">").append(number(t.actual())).append(HtmlReport.esc(unit(t)))
                        .append(" (").append(HtmlReport.esc(bound(t))).append(")</span></div>\n");
            }
        }
        h.append("</section>\n");
    }

    /** Draws a Mermaid flowchart's edges as layered boxes, coloured by the state its table gives each node. */
    private static void graph(StringBuilder h, String gate, Section s) {
        Map<String, Set<String>> deps = new LinkedHashMap<>();
        Matcher m = EDGE.matcher(s.mermaid());
        while (m.find()) {
            deps.computeIfAbsent(m.group(1), k -> new LinkedHashSet<>());
            deps.computeIfAbsent(m.group(2), k -> new LinkedHashSet<>()).add(m.group(1));
        }
        if (deps.isEmpty()) {
            return;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, String> classes = new LinkedHashMap<>();
        Matcher nodes = NODE.matcher(s.mermaid());
        while (nodes.find()) {
            String text = nodes.group(2);
            int br = text.indexOf("<br");
            labels.put(nodes.group(1), (br < 0 ? text : text.substring(0, br)).strip());
            if (nodes.group(3) != null) {
                classes.put(nodes.group(1), nodes.group(3));
            }
        }
        Map<String, String> states = new LinkedHashMap<>();
        int stateColumn = s.columns().stream().map(c -> c.toLowerCase(Locale.ROOT)).toList().indexOf("state");
        for (List<String> row : s.rows()) {
            if (!row.isEmpty() && stateColumn >= 0 && stateColumn < row.size()) {
                states.put(row.get(0), row.get(stateColumn));
            }
        }
        Map<String, Integer> layer = new LinkedHashMap<>();
        deps.keySet().forEach(n -> depth(n, deps, layer, new LinkedHashSet<>()));
        int layers = layer.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        Map<Integer, List<String>> byLayer = new LinkedHashMap<>();
        layer.forEach((n, l) -> byLayer.computeIfAbsent(l, k -> new ArrayList<>()).add(n));
        int rows = byLayer.values().stream().mapToInt(List::size).max().orElse(1);
        int w = layers * 180 + 20;
        int ht = rows * 60 + 20;
        Map<String, int[]> pos = new LinkedHashMap<>();
        byLayer.forEach((l, inLayer) -> {
            for (int i = 0; i < inLayer.size(); i++) {
                pos.put(inLayer.get(i), new int[]{20 + l * 180, 20 + i * 60});
            }
        });
        h.append("<section class=\"panel\"><h2>").append(HtmlReport.esc(gate)).append(": ").append(HtmlReport.esc(s.title()))
                .append("</h2><svg class=\"graph\" viewBox=\"0 0 ").append(w).append(' ').append(ht)
                .append("\" width=\"").append(w).append("\" height=\"").append(ht).append("\">");
        deps.forEach((node, from) -> from.forEach(f -> {
            int[] a = pos.get(f);
            int[] b = pos.get(node);
            h.append("<line class=\"edge\" x1=\"").append(a[0] + 140).append("\" y1=\"").append(a[1] + 18)
                    .append("\" x2=\"").append(b[0]).append("\" y2=\"").append(b[1] + 18).append("\"/>");
        }));
        pos.forEach((id, p) -> {
            String node = labels.getOrDefault(id, id);
            String state = states.getOrDefault(node, classes.getOrDefault(id, ""));
            h.append("<g class=\"node ").append(HtmlReport.esc(state.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "")))
                    .append("\"><rect x=\"").append(p[0]).append("\" y=\"").append(p[1])
                    .append("\" width=\"140\" height=\"36\" rx=\"6\"/><text x=\"").append(p[0] + 70).append("\" y=\"")
                    .append(p[1] + 16).append("\">").append(HtmlReport.esc(node)).append("</text><text class=\"state\" x=\"")
                    .append(p[0] + 70).append("\" y=\"").append(p[1] + 30).append("\">").append(HtmlReport.esc(state)).append("</text></g>");
        });
        h.append("</svg></section>\n");
    }

    private static int depth(String node, Map<String, Set<String>> deps, Map<String, Integer> memo, Set<String> path) {
        Integer known = memo.get(node);
        if (known != null) {
            return known;
        }
        if (!path.add(node)) {
            return 0; // a cycle: the recovery gate reports it; here it only must not loop
        }
        int d = 0;
        for (String dep : deps.getOrDefault(node, Set.of())) {
            d = Math.max(d, depth(dep, deps, memo, path) + 1);
        }
        path.remove(node);
        memo.put(node, d);
        return d;
    }

    private void topFindings(StringBuilder h, List<GateResult> results) {
        List<Object[]> top = new ArrayList<>();
        for (Severity severity : Severity.values()) {
            for (GateResult r : results) {
                for (Finding f : r.findings()) {
                    if (f.severity() == severity && top.size() < TOP_FINDINGS) {
                        top.add(new Object[]{r.gate(), f});
                    }
                }
            }
        }
        long total = results.stream().mapToLong(r -> r.findings().size()).sum();
        h.append("<section class=\"panel\"><h2>Top findings</h2>");
        if (top.isEmpty()) {
            h.append("<p>No findings.</p></section>\n");
            return;
        }
        h.append("<table><thead><tr><th>Gate</th><th>Severity</th><th>Where</th><th>Rule</th><th>Message</th></tr></thead><tbody>");
        for (Object[] row : top) {
            Finding f = (Finding) row[1];
            h.append("<tr class=\"").append(f.severity().id()).append("\"><td>").append(HtmlReport.esc((String) row[0]))
                    .append("</td><td>").append(f.severity().id()).append("</td><td>").append(where(f))
                    .append("</td><td>").append(HtmlReport.esc(f.ruleId())).append("</td><td>").append(HtmlReport.esc(f.message())).append("</td></tr>");
        }
        h.append("</tbody></table>");
        if (total > top.size()) {
            h.append("<p>and ").append(total - top.size()).append(" more in the gates' reports.</p>");
        }
        h.append("</section>\n");
    }

    private String where(Finding f) {
        if (f.file() == null) {
            return "";
        }
        String text = HtmlReport.esc(f.file() + (f.line() > 0 ? ":" + f.line() : ""));
        if (linkBase == null) {
            return text;
        }
        return "<a href=\"" + HtmlReport.esc(linkBase + f.file() + (f.line() > 0 ? "#L" + f.line() : "")) + "\">" + text + "</a>";
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

    private static String bound(ThresholdResult t) {
        return ("max".equals(t.direction()) ? "≤ " : "≥ ") + number(t.required()) + unit(t);
    }

    private static String unit(ThresholdResult t) {
        return t.unit() == null || "count".equals(t.unit()) ? "" : "%".equals(t.unit()) ? "%" : " " + t.unit();
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String cls(Verdict v) {
        return v.name().toLowerCase(Locale.ROOT);
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d232a;background:#f4f6f8}
            header{padding:16px 24px;color:#fff}header h1{margin:0;font-size:22px}header p{margin:4px 0 0}
            header.pass{background:#1f7a3a}header.warn{background:#9a6700}header.fail{background:#b42318}header.error{background:#5b2c83}
            main{padding:16px 24px}
            .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:16px}
            .card{background:#fff;border-radius:8px;padding:12px 16px;border-top:6px solid #8c959f;box-shadow:0 1px 3px #0002}
            .card.pass{border-color:#1f7a3a}.card.warn{border-color:#d4a72c}.card.fail{border-color:#b42318}.card.error{border-color:#5b2c83}
            .card h2{margin:0 0 6px;font-size:17px}.badge{font-size:12px;padding:2px 8px;border-radius:10px;background:#eaeef2}
            .card dl{display:grid;grid-template-columns:auto auto;gap:2px 12px;margin:8px 0 0}.card dt{color:#57606a}.card dd{margin:0;text-align:right;font-variant-numeric:tabular-nums}
            .trends h3{font-size:13px;margin:10px 0 4px}.trend{display:grid;grid-template-columns:minmax(0,1fr) 80px auto;gap:8px;align-items:center}.trend span:first-child{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
            .spark{width:80px;height:24px}.spark polyline{fill:none;stroke:#0969da;stroke-width:2;vector-effect:non-scaling-stroke}
            .panel{background:#fff;border-radius:8px;padding:12px 16px;margin-top:16px;box-shadow:0 1px 3px #0002;overflow-x:auto}
            .panel h2{font-size:17px;margin:0 0 8px}
            .bar{display:grid;grid-template-columns:260px 1fr 160px;gap:10px;align-items:center;margin:4px 0}
            .bar svg{width:100%;height:14px}.track{fill:#eaeef2}.bar.pass .fill{fill:#2da44e}.bar.fail .fill{fill:#cf222e}.mark{stroke:#1d232a;stroke-width:1.2;vector-effect:non-scaling-stroke}
            .graph rect{fill:#eaeef2;stroke:#57606a}.graph text{text-anchor:middle;font-size:12px}.graph .state{font-size:10px;fill:#57606a}
            .graph .up rect,.graph .ok rect,.graph .passed rect{fill:#dafbe1;stroke:#1f7a3a}.graph .down rect,.graph .failed rect{fill:#ffebe9;stroke:#b42318}
            .graph .blocked rect{fill:#fff1e5;stroke:#9a6700}.graph .degraded rect{fill:#fff8c5;stroke:#9a6700}.edge{stroke:#8c959f;stroke-width:1.5}
            table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eaeef2;vertical-align:top}
            tr.error td:nth-child(2){color:#b42318;font-weight:600}tr.warning td:nth-child(2){color:#9a6700}
            """;
}
