package io.github.recoverygates.report;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.Section;
import io.github.recoverygates.core.ThresholdResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code <gate>.md}: the summary a person reads (and GitHub's step summary). Verdict header,
 * counts, thresholds (required against actual), metrics, the gate's own sections, the first
 * findings grouped by file. Everything from the run is escaped so that a file name or message
 * cannot break a table or inject markup; the text stays under {@link #MAX_BYTES}.
 */
public final class MarkdownReport {

    /** GitHub refuses a step summary larger than 1 MiB; the report keeps to the same limit. */
    public static final int MAX_BYTES = 1024 * 1024;
    public static final int MAX_FINDINGS = 50;
    private static final int MAX_CELL = 500;
    /** Long metric lists and section tables are cut so that the findings still fit in the summary. */
    public static final int MAX_METRICS = 200;
    public static final int MAX_SECTION_ROWS = 300;

    private MarkdownReport() {
    }

    public static String render(GateResult result, SecretMasker masker) {
        return render(result, masker, MAX_BYTES);
    }

    static String render(GateResult result, SecretMasker masker, int maxBytes) {
        GateResult r = MaskedResult.of(result, masker);
        String json = r.gate() + ".json";
        StringBuilder md = new StringBuilder();
        md.append("## ").append(inline(r.gate())).append(" gate: ").append(r.verdict()).append("\n\n");
        md.append("**Verdict: ").append(r.verdict()).append("** — ").append(inline(r.summary())).append("\n\n");
        md.append(Formats.counts(r));
        if (r.startedAt() != null) {
            md.append(" · started ").append(r.startedAt()).append(" · took ")
                    .append(Formats.number(r.durationMs() / 1000.0)).append(" s");
        }
        md.append("\n\n");

        if (r.baseline() != null) {
            md.append("### Baseline\n\n").append("Compared with `").append(code(r.baseline().file())).append("`.\n\n");
            md.append("| New | Still failing | Fixed |\n|---:|---:|---:|\n");
            md.append("| ").append(r.baseline().newCount()).append(" | ").append(r.baseline().unchangedCount())
                    .append(" | ").append(r.baseline().fixedCount()).append(" |\n\n");
        }

        if (!r.thresholds().isEmpty()) {
            md.append("### Thresholds\n\n| Threshold | Scope | Required | Actual | Result |\n|---|---|---:|---:|---|\n");
            for (ThresholdResult t : r.thresholds()) {
                md.append("| ").append(cell(t.name())).append(" | ").append(cell(Formats.scope(t))).append(" | ")
                        .append(cell(Formats.required(t))).append(" | ").append(cell(Formats.actual(t))).append(" | ")
                        .append(t.passed() ? "pass" : "**FAIL**").append(" |\n");
            }
            md.append('\n');
        }

        if (!r.metrics().isEmpty()) {
            md.append("### Metrics\n\n| Metric | Value |\n|---|---:|\n");
            r.metrics().entrySet().stream().limit(MAX_METRICS).forEach(e -> md.append("| ").append(cell(e.getKey()))
                    .append(" | ").append(cell(Formats.number(e.getValue()))).append(" |\n"));
            md.append('\n');
            if (r.metrics().size() > MAX_METRICS) {
                md.append("…and ").append(r.metrics().size() - MAX_METRICS).append(" more metrics in `")
                        .append(code(json)).append("`.\n\n");
            }
        }

        for (Section s : r.sections()) {
            md.append("### ").append(inline(s.title() == null ? s.id() : s.title())).append("\n\n");
            if (s.mermaid() != null && !s.mermaid().isBlank()) {
                String fence = fence(s.mermaid());
                md.append(fence).append("mermaid\n").append(s.mermaid().strip()).append('\n').append(fence).append("\n\n");
            }
            if (!s.columns().isEmpty()) {
                md.append(row(s.columns()));
                md.append("|").append("---|".repeat(s.columns().size())).append('\n');
                for (List<String> row : s.rows().subList(0, Math.min(MAX_SECTION_ROWS, s.rows().size()))) {
                    md.append(row(pad(row, s.columns().size())));
                }
                md.append('\n');
                if (s.rows().size() > MAX_SECTION_ROWS) {
                    md.append("…and ").append(s.rows().size() - MAX_SECTION_ROWS).append(" more rows in `")
                            .append(code(json)).append("`.\n\n");
                }
            }
        }

        List<Finding> top = Formats.top(r);
        md.append("### Findings\n\n");
        if (top.isEmpty()) {
            md.append("No findings.\n");
        } else {
            List<Finding> shown = top.subList(0, Math.min(MAX_FINDINGS, top.size()));
            md.append(top.size() > shown.size()
                    ? "The first " + shown.size() + " of " + top.size() + " findings, most severe first, by file:\n\n"
                    : top.size() + " finding" + (top.size() == 1 ? "" : "s") + ", most severe first, by file:\n\n");
            for (Map.Entry<String, List<Finding>> e : Formats.byFile(shown).entrySet()) {
                md.append("#### ").append(e.getKey().isEmpty() ? "Run-level findings" : inline(e.getKey())).append("\n\n");
                md.append("| Line | Col | Severity | Rule | Message |\n|---:|---:|---|---|---|\n");
                for (Finding f : e.getValue()) {
                    md.append("| ").append(f.line() > 0 ? f.line() : "").append(" | ")
                            .append(f.column() > 0 ? f.column() : "").append(" | ").append(f.severity().id())
                            .append(f.baselineState() == Finding.BaselineState.NEW ? " (new)" : "").append(" | ")
                            .append(cell(f.ruleId())).append(" | ").append(cell(f.message())).append(" |\n");
                }
                md.append('\n');
            }
            if (top.size() > shown.size()) {
                md.append("…and ").append(top.size() - shown.size()).append(" more — see `").append(code(json))
                        .append("`.\n");
            }
        }
        md.append("\n<sub>").append(ToolVersion.NAME).append(' ').append(inline(ToolVersion.version()))
                .append("</sub>\n");
        return truncate(md.toString(), maxBytes,
                "*The summary was cut here to stay under " + (maxBytes / 1024) + " KiB; the full report is `"
                        + code(json) + "`.*");
    }

    /**
     * Cuts Markdown to at most {@code maxBytes} UTF-8 bytes at a line boundary, closes a code fence
     * the cut left open, and ends with {@code note}. Text that fits is returned unchanged.
     */
    public static String truncate(String markdown, int maxBytes, String note) {
        byte[] bytes = markdown.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return markdown;
        }
        String tail = "\n" + note + "\n";
        int budget = maxBytes - tail.getBytes(StandardCharsets.UTF_8).length - 16; // room for a closing fence
        StringBuilder out = new StringBuilder();
        int used = 0;
        String openFence = null;
        for (String line : markdown.split("\n", -1)) {
            int size = line.getBytes(StandardCharsets.UTF_8).length + 1;
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
            }
        }
        if (openFence != null) {
            out.append(openFence).append('\n');
        }
        return out.append(tail).toString();
    }

    private static String row(List<String> cells) {
        StringBuilder s = new StringBuilder("|");
        for (String c : cells) {
            s.append(' ').append(cell(c)).append(" |");
        }
        return s.append('\n').toString();
    }

    private static List<String> pad(List<String> row, int width) {
        if (row.size() == width) {
            return row;
        }
        List<String> out = new java.util.ArrayList<>(row.subList(0, Math.min(width, row.size())));
        while (out.size() < width) {
            out.add("");
        }
        return out;
    }

    /** A table cell: inline-escaped, '|' escaped, line breaks as {@code <br>}, bounded in length. */
    static String cell(String s) {
        if (s == null) {
            return "";
        }
        String bounded = s.length() > MAX_CELL ? s.substring(0, MAX_CELL - 1) + "…" : s;
        return escape(bounded.strip()).replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>")
                .replace("\r", "<br>");
    }

    /** Running text: Markdown and HTML specials escaped, on one line. */
    static String inline(String s) {
        return s == null ? "" : escape(Formats.oneLine(s, 2000));
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\\', '`', '*', '_', '[', ']', '#', '~' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Text inside a code span: backticks cannot be escaped there, so they are replaced. */
    private static String code(String s) {
        return s == null ? "" : Formats.oneLine(s, 500).replace('`', '\'');
    }

    private static String fence(String content) {
        int longest = 0;
        int run = 0;
        for (char c : content.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
    }
}
