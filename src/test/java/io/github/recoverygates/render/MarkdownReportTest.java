package io.github.recoverygates.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.Graph;
import io.github.recoverygates.core.Section;
import io.github.recoverygates.core.Table;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

    @Test
    @DisplayName("the summary leads with the verdict and what failed, then findings, thresholds, sections, metrics last")
    void content() {
        String md = MarkdownReport.render(Masked.of(SampleResults.syntaxFail(), new SecretMasker()), MarkdownReport.MAX_BYTES);
        assertThat(md).startsWith("## syntax gate: FAIL\n\n**FAIL** — 3 of 30 Python files do not compile\n\n**Failed:**\n\n"
                + "- mission\\_critical: 66.6% misses the required &gt;= 100%\n");
        assertThat(md).contains("| mission\\_critical | tests/mission\\_critical/\\*\\* | &gt;= 100% | 66.6% (2/3) | **FAIL** |");
        assertThat(md).contains("| unit | tests/unit/\\*\\* | &gt;= 90% | 100% (10/10) | pass |");
        assertThat(md).contains("<details><summary>Metrics (4)</summary>\n\n| Metric | Value |").contains("| files.python | 30 |");
        assertThat(md).contains("```mermaid\ngraph LR\n  n0[\"api · http · down\"]:::down\n  n1[\"db · tcp · up\"]:::up\n"
                + "  n1 -. blocks .-> n0\n");
        assertThat(md).contains("errors 4, warnings 1, notes 1; against the baseline: new 4, still failing 2, fixed 1 "
                + "(baseline `baseline/syntax.json`)");
        assertThat(md).contains("| 12 | 9 | error (new) | syntax/python | unterminated string literal (detected at line 12) |");
        assertThat(md.indexOf("#### Run-level findings")).isLessThan(md.indexOf("#### deploy/app config.yml"));
        assertThat(md.indexOf("### Findings")).isLessThan(md.indexOf("### Thresholds"));
        assertThat(md.indexOf("### Thresholds")).isLessThan(md.indexOf("<details><summary>Metrics"));
    }

    @Test
    @DisplayName("pipes, newlines and HTML in cells cannot break the table or inject markup")
    void escaping() {
        String md = MarkdownReport.render(Masked.of(SampleResults.syntaxFail(), new SecretMasker()), MarkdownReport.MAX_BYTES);
        assertThat(md).contains("| a\\|b<br>c | 1 |");
        assertThat(md).contains("4 tests \\| lost &lt;b&gt;because&lt;/b&gt; of<br>the error above |");
        for (String line : md.split("\n")) {
            if (line.startsWith("| ") && line.contains("tests-lost")) {
                assertThat(line.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(6);
            }
        }
    }

    @Test
    @DisplayName("only the first 50 findings are listed, then how many more and where they are")
    void topFindings() {
        String md = MarkdownReport.render(Masked.of(SampleResults.many(120, 3, 0), new SecretMasker()), MarkdownReport.MAX_BYTES);
        assertThat(md).contains("The first 50 of 123 findings");
        assertThat(md).contains("…and 73 more — see `syntax.json`.");
        assertThat(md).contains("error number 49").doesNotContain("error number 50 ").doesNotContain("warning number");
    }

    @Test
    @DisplayName("a summary over the size cap is cut at a line boundary, closes an open fence and says so")
    void sizeCap() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rows.add(List.of("services/s" + i + "/module_" + i + ".py", "x".repeat(200)));
        }
        List<Graph.Node> nodes = new ArrayList<>();
        List<Graph.Edge> edges = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            nodes.add(new Graph.Node("s" + i, "service " + i, null, Graph.State.UP));
            if (i > 0) {
                edges.add(new Graph.Edge("s" + (i - 1), "s" + i, Graph.EdgeKind.DEPENDS_ON));
            }
        }
        Graph graph = new Graph("g", "Graph", nodes, edges);
        GateResult big = new GateResult(1, "ssot", Verdict.FAIL, "big", SampleResults.STARTED, 1, null, null, null,
                List.of(Finding.builder("ssot/dup", Severity.ERROR).file("a.py").at(1, 1).message("dup").build()),
                sections(graph, rows, 20), null);
        int cap = 64 * 1024;
        String md = MarkdownReport.render(Masked.of(big, new SecretMasker()), cap);
        assertThat(md.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(cap);
        assertThat(md).contains("*Tables left out to stay under 64 KiB; the full report is `ssot.json`.*")
                .contains("*Metrics left out").endsWith("</sub>\n");
        assertThat(md.split("\n", -1)).allSatisfy(line ->
                assertThat(line.isEmpty() || line.startsWith("|") || line.startsWith("#") || line.startsWith("`")
                        || line.startsWith("  n") || line.startsWith("  classDef") || line.startsWith("graph")
                        || line.startsWith("*") || line.startsWith("errors") || line.startsWith("- ")
                        || line.startsWith("<sub>") || line.startsWith("1 finding")).as(line).isTrue());
        long fences = md.lines().filter(l -> l.startsWith("```")).count();
        assertThat(fences % 2).isZero();

        String full = MarkdownReport.render(Masked.of(big, new SecretMasker()), MarkdownReport.MAX_BYTES);
        assertThat(full.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(MarkdownReport.MAX_BYTES);
        assertThat(full).contains("Tables left out to stay under 1024 KiB").contains("### Table 0");
    }

    private static List<Section> sections(Graph graph, List<List<String>> rows, int n) {
        List<Section> out = new ArrayList<>();
        out.add(graph);
        for (int i = 0; i < n; i++) {
            out.add(Table.ofText("t" + i, "Table " + i, List.of("File", "Text"), rows));
        }
        return out;
    }

    @Test
    @DisplayName("every metric is kept (folded away); long section tables are cut with a pointer to the JSON report")
    void longListsAreCut() {
        java.util.TreeMap<String, Number> metrics = new java.util.TreeMap<>();
        for (int i = 0; i < 450; i++) {
            metrics.put(String.format("dir.d%03d.failed", i), i);
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add(List.of(String.format("tests/t%04d.py", i), "1"));
        }
        GateResult r = new GateResult(1, "syntax", Verdict.FAIL, "s", SampleResults.STARTED, 1, metrics, null, null,
                List.of(Finding.builder("syntax/python", Severity.ERROR).file("zz.py").at(1, 1).message("last but shown").build()),
                List.of(Table.ofText("lost", "Lost", List.of("File", "Tests"), rows)), null);
        String md = MarkdownReport.render(Masked.of(r, new SecretMasker()), MarkdownReport.MAX_BYTES);
        assertThat(md).contains("| dir.d199.failed | 199 |").contains("| dir.d449.failed | 449 |");
        assertThat(md).contains("| tests/t0299.py | 1 |").doesNotContain("t0300.py")
                .contains("…and 700 more rows in the JSON report.");
        assertThat(md).contains("last but shown");
    }

    @Test
    @DisplayName("truncate leaves text that fits untouched and never splits a multi-byte character")
    void truncate() {
        assertThat(MarkdownReport.truncate("a\nb\n", 100, "cut")).isEqualTo("a\nb\n");
        String text = "ééééé\n".repeat(100);
        String cut = MarkdownReport.truncate(text, 200, "cut");
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(200);
        assertThat(cut).endsWith("\ncut\n").contains("ééééé\n");
    }

    @Test
    @DisplayName("the same result renders to the same bytes")
    void deterministic() {
        assertThat(MarkdownReport.render(Masked.of(SampleResults.syntaxFail(), new SecretMasker()), MarkdownReport.MAX_BYTES))
                .isEqualTo(MarkdownReport.render(Masked.of(SampleResults.syntaxFail(), new SecretMasker()), MarkdownReport.MAX_BYTES));
    }
}
