package io.github.recoverygates.render;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Graph;
import io.github.recoverygates.core.Section;
import io.github.recoverygates.core.Table;
import io.github.recoverygates.core.Threshold;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code <gate>.md} and GitHub's step summary, answer first: the verdict and summary, what failed,
 * the findings grouped by file (linked to the source when links are known), then the thresholds,
 * the gate's tables and graphs, and the metrics folded away. It keeps under a byte budget by
 * leaving out the least important part first — metrics, then tables, then the tail of the
 * findings — and says what it left out and where the full report is.
 */
public final class MarkdownReport {

    /** GitHub refuses a step summary larger than 1 MiB; the report keeps to the same limit. */
    public static final int MAX_BYTES = 1024 * 1024;
    public static final int MAX_FINDINGS = 50;
    public static final int MAX_SECTION_ROWS = 300;

    private MarkdownReport() {
    }

    /** The Markdown of a masked result, within {@code maxBytes}. */
    public static String render(GateResult r, int maxBytes) {
        return render(r, maxBytes, Links.NONE, "`" + MarkdownText.code(r.gate() + ".json") + "`");
    }

    /**
     * As {@link #render(GateResult, int)}, with file links; {@code fullReport} (Markdown of our own
     * words) says where the full report is when the summary had to leave something out.
     */
    public static String render(GateResult r, int maxBytes, Links links, String fullReport) {
        String head = head(r);
        List<String> findings = findings(r, links);
        String thresholds = thresholds(r);
        List<String> sections = r.sections().stream().map(MarkdownReport::section).toList();
        String metrics = metrics(r);
        String foot = foot(r);
        String where = "the full report is " + fullReport;

        String text = join(head, findings, thresholds, sections, metrics, foot);
        if (bytes(text) <= maxBytes) {
            return text;
        }
        // leave out the least important first: the metrics, then the tables from the last, then the findings' tail
        String limit = maxBytes / 1024 + " KiB; " + where + ".*\n\n";
        metrics = "*Metrics left out to stay under " + limit;
        List<String> keptSections = new ArrayList<>(sections);
        List<String> keptFindings = new ArrayList<>(findings);
        boolean sectionsCut = false;
        boolean findingsCut = false;
        while (bytes(text = join(head, withNote(keptFindings, findingsCut, "*Findings cut here to stay under " + limit),
                thresholds, withNote(keptSections, sectionsCut, "*Tables left out to stay under " + limit), metrics, foot))
                > maxBytes) {
            if (!keptSections.isEmpty()) {
                keptSections.remove(keptSections.size() - 1);
                sectionsCut = true;
            } else if (keptFindings.size() > 1) {
                keptFindings.remove(keptFindings.size() - 1);
                findingsCut = true;
            } else {
                break;
            }
        }
        return truncate(text, maxBytes, "*The summary was cut here to stay under " + limit.strip());
    }

    private static List<String> withNote(List<String> parts, boolean cut, String note) {
        if (!cut) {
            return parts;
        }
        List<String> out = new ArrayList<>(parts);
        out.add(note);
        return out;
    }

    private static String join(String head, List<String> findings, String thresholds, List<String> sections,
                               String metrics, String foot) {
        StringBuilder md = new StringBuilder(head);
        findings.forEach(md::append);
        md.append(thresholds);
        sections.forEach(md::append);
        return md.append(metrics).append(foot).toString();
    }

    private static String head(GateResult r) {
        StringBuilder md = new StringBuilder();
        md.append("## ").append(MarkdownText.inline(r.gate())).append(" gate: ").append(r.verdict()).append("\n\n");
        md.append("**").append(r.verdict()).append("** — ").append(MarkdownText.inline(r.summary())).append("\n\n");
        List<Threshold> failed = Wording.failed(r);
        if (!failed.isEmpty()) {
            md.append("**Failed:**\n\n");
            failed.forEach(t -> md.append("- ").append(MarkdownText.inline(Wording.thresholdVerdict(t))).append('\n'));
            md.append('\n');
        }
        md.append(Wording.counts(r));
        if (r.baseline() != null) {
            md.append(" (baseline `").append(MarkdownText.code(r.baseline().file())).append("`)");
        }
        return md.append("\n\n").toString();
    }

    private static List<String> findings(GateResult r, Links links) {
        List<Finding> top = Wording.top(r);
        List<String> parts = new ArrayList<>();
        if (top.isEmpty()) {
            parts.add("### Findings\n\nNo findings.\n\n");
            return parts;
        }
        List<Finding> shown = top.subList(0, Math.min(MAX_FINDINGS, top.size()));
        parts.add("### Findings\n\n" + (top.size() > shown.size()
                ? "The first " + shown.size() + " of " + top.size() + " findings, most important first, by file:\n\n"
                : top.size() + " finding" + (top.size() == 1 ? "" : "s") + ", most important first, by file:\n\n"));
        for (Map.Entry<String, List<Finding>> e : Wording.byFile(shown).entrySet()) {
            StringBuilder md = new StringBuilder("#### ");
            if (e.getKey().isEmpty()) {
                md.append("Run-level findings");
            } else {
                String name = MarkdownText.inline(e.getKey());
                md.append(links.to(e.getKey(), 0).map(u -> "[" + name + "](" + u + ")").orElse(name));
            }
            md.append("\n\n| Line | Col | Severity | Rule | Message |\n|---:|---:|---|---|---|\n");
            for (Finding f : e.getValue()) {
                String line = f.line() > 0 ? Integer.toString(f.line()) : "";
                String linked = f.line() > 0 ? links.to(f.file(), f.line()).map(u -> "[" + line + "](" + u + ")").orElse(line) : line;
                md.append("| ").append(linked).append(" | ").append(f.column() > 0 ? f.column() : "").append(" | ")
                        .append(f.severity().id()).append(f.baselineState() == Finding.BaselineState.NEW ? " (new)" : "")
                        .append(" | ").append(MarkdownText.cell(f.ruleId())).append(" | ")
                        .append(MarkdownText.cell(f.message())).append(" |\n");
            }
            parts.add(md.append('\n').toString());
        }
        if (top.size() > shown.size()) {
            parts.add("…and " + (top.size() - shown.size()) + " more — see `" + MarkdownText.code(r.gate() + ".json")
                    + "`.\n\n");
        }
        return parts;
    }

    private static String thresholds(GateResult r) {
        if (r.thresholds().isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("### Thresholds\n\n| Threshold | Scope | Required | Actual | Result |\n|---|---|---:|---:|---|\n");
        for (Threshold t : r.thresholds()) {
            md.append("| ").append(MarkdownText.cell(t.name())).append(" | ").append(MarkdownText.cell(Wording.scope(t)))
                    .append(" | ").append(MarkdownText.cell(Wording.required(t))).append(" | ")
                    .append(MarkdownText.cell(Wording.actual(t))).append(" | ").append(t.passed() ? "pass" : "**FAIL**")
                    .append(" |\n");
        }
        return md.append('\n').toString();
    }

    static String section(Section s) {
        StringBuilder md = new StringBuilder("### ").append(MarkdownText.inline(s.title() == null ? s.id() : s.title()))
                .append("\n\n");
        if (s instanceof Graph g) {
            md.append(mermaid(g)).append('\n');
        } else if (s instanceof Table t) {
            table(md, t);
        }
        return md.toString();
    }

    /** A graph as a Mermaid flowchart; every label escaped, node ids our own. */
    static String mermaid(Graph g) {
        StringBuilder m = new StringBuilder("```mermaid\ngraph LR\n");
        Map<String, String> ids = new java.util.LinkedHashMap<>();
        for (Graph.Node n : g.nodes()) {
            ids.put(n.id(), "n" + ids.size());
        }
        for (Graph.Node n : g.nodes()) {
            String label = n.label() + (n.detail() == null ? "" : " · " + n.detail()) + (n.state() == null ? "" : " · " + n.state().id());
            m.append("  ").append(ids.get(n.id())).append("[\"").append(MarkdownText.mermaidLabel(label)).append("\"]");
            if (n.state() != null) {
                m.append(":::").append(n.state().id());
            }
            m.append('\n');
        }
        for (Graph.Edge e : g.edges()) {
            if (ids.containsKey(e.from()) && ids.containsKey(e.to())) {
                m.append("  ").append(ids.get(e.from())).append(e.kind() == Graph.EdgeKind.BLOCKS ? " -. blocks .-> " : " --> ")
                        .append(ids.get(e.to())).append('\n');
            }
        }
        m.append("  classDef up fill:#d8f5d0,stroke:#2e7d32\n")
                .append("  classDef down fill:#f9d0d0,stroke:#c62828\n")
                .append("  classDef degraded fill:#fff1c2,stroke:#b28704\n")
                .append("  classDef blocked fill:#e0e0e0,stroke:#616161,stroke-dasharray: 4 2\n")
                .append("  classDef skipped fill:#eeeeee,stroke:#9e9e9e,stroke-dasharray: 2 2\n");
        return m.append("```\n").toString();
    }

    private static void table(StringBuilder md, Table t) {
        if (t.columns().isEmpty()) {
            return;
        }
        md.append('|');
        t.columns().forEach(c -> md.append(' ').append(MarkdownText.cell(c.name())).append(" |"));
        md.append("\n|");
        t.columns().forEach(c -> md.append(c.type() == Table.Type.NUMBER ? "---:|" : "---|"));
        md.append('\n');
        for (List<Object> row : t.rows().subList(0, Math.min(MAX_SECTION_ROWS, t.rows().size()))) {
            md.append('|');
            for (int i = 0; i < t.columns().size(); i++) {
                Object cell = i < row.size() ? row.get(i) : null;
                md.append(' ').append(MarkdownText.cell(cell(cell))).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
        if (t.rows().size() > MAX_SECTION_ROWS) {
            md.append("…and ").append(t.rows().size() - MAX_SECTION_ROWS).append(" more rows in the JSON report.\n\n");
        }
    }

    static String cell(Object cell) {
        return cell == null ? "" : cell instanceof Number n ? Numbers.format(n) : cell.toString();
    }

    private static String metrics(GateResult r) {
        if (r.metrics().isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("<details><summary>Metrics (").append(r.metrics().size())
                .append(")</summary>\n\n| Metric | Value |\n|---|---:|\n");
        r.metrics().forEach((k, v) -> md.append("| ").append(MarkdownText.cell(k)).append(" | ")
                .append(MarkdownText.cell(Numbers.format(v))).append(" |\n"));
        return md.append("\n</details>\n\n").toString();
    }

    private static String foot(GateResult r) {
        StringBuilder md = new StringBuilder();
        if (r.startedAt() != null) {
            md.append("<sub>Started ").append(r.startedAt()).append(", took ")
                    .append(Numbers.duration(r.durationMs())).append(" · ");
        } else {
            md.append("<sub>");
        }
        return md.append(ToolVersion.NAME).append(' ').append(MarkdownText.inline(ToolVersion.version()))
                .append("</sub>\n").toString();
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Cuts Markdown to at most {@code maxBytes} UTF-8 bytes at a line boundary, closes a code fence
     * or a {@code <details>} the cut left open, and ends with {@code note}. Text that fits is returned unchanged.
     */
    public static String truncate(String markdown, int maxBytes, String note) {
        if (bytes(markdown) <= maxBytes) {
            return markdown;
        }
        String tail = "\n" + note + "\n";
        int budget = maxBytes - bytes(tail) - 32; // room for a closing fence and </details>
        StringBuilder out = new StringBuilder();
        int used = 0;
        String openFence = null;
        boolean openDetails = false;
        for (String line : markdown.split("\n", -1)) {
            int size = bytes(line) + 1;
            if (used + size > budget) {
                break;
            }
            out.append(line).append('\n');
            used += size;
            String t = line.strip();
            if (openFence == null && t.startsWith("```")) {
                openFence = t.substring(0, t.length() - t.replaceFirst("^`+", "").length());
            } else if (openFence != null && t.equals(openFence)) {
                openFence = null;
            } else if (openFence == null && t.startsWith("<details>")) {
                openDetails = true;
            } else if (openFence == null && t.startsWith("</details>")) {
                openDetails = false;
            }
        }
        if (openFence != null) {
            out.append(openFence).append('\n');
        }
        if (openDetails) {
            out.append("\n</details>\n");
        }
        return out.append(tail).toString();
    }
}
