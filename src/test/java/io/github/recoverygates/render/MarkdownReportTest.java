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
    @DisplayName("the summary leads with the verdict and has thresholds, metrics, sections and findings")
    void content() {
        String md = MarkdownReport.render(Masked.of(SampleResults.syntaxFail(), new SecretMasker()), MarkdownReport.MAX_BYTES);
        assertThat(md).startsWith("## syntax gate: FAIL\n\n**Verdict: FAIL** — 3 of 30 Python files do not compile\n");
        assertThat(md).contains("| mission\\_critical | tests/mission\\_critical/\\*\\* | &gt;= 100% | 66.6% (2/3) | **FAIL** |");
        assertThat(md).contains("| unit | tests/unit/\\*\\* | &gt;= 90% | 100% (10/10) | pass |");
        assertThat(md).contains("| files.python | 30 |");
        assertThat(md).contains("```mermaid\ngraph LR\n  api --> db\n```");
        assertThat(md).contains("| New | Still failing | Fixed |").contains("| 4 | 2 | 1 |");
        assertThat(md).contains("| 12 | 9 | error (new) | syntax/python | unterminated string literal (detected at line 12) |");
        assertThat(md.indexOf("#### Run-level findings")).isLessThan(md.indexOf("#### deploy/app config.yml"));
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
        StringBuilder graph = new StringBuilder("graph TD\n");
        for (int i = 0; i < 3000; i++) {
            graph.append("  n").append(i).append(" --> n").append(i + 1).append('\n');
        }
        GateResult big = new GateResult(1, "ssot", Verdict.FAIL, "big", SampleResults.STARTED, 1, null, null, null,
                List.of(Finding.builder("ssot/dup", Severity.ERROR).file("a.py").at(1, 1).message("dup").build()),
                sections(graph.toString(), rows, 20), null);
        int cap = 64 * 1024;
        String md = MarkdownReport.render(Masked.of(big, new SecretMasker()), cap);
        assertThat(md.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(cap);
        assertThat(md).endsWith("the full report is `ssot.json`.*\n");
        assertThat(md.split("\n", -1)).allSatisfy(line ->
                assertThat(line.isEmpty() || line.startsWith("|") || line.startsWith("#") || line.startsWith("`")
                        || line.startsWith("  n") || line.startsWith("graph") || line.startsWith("*")
                        || line.startsWith("errors") || line.startsWith("**Verdict")).isTrue());
        long fences = md.lines().filter(l -> l.startsWith("```")).count();
        assertThat(fences % 2).isZero();

        String full = MarkdownReport.render(Masked.of(big, new SecretMasker()), MarkdownReport.MAX_BYTES);
        assertThat(full.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(MarkdownReport.MAX_BYTES);
        assertThat(full).contains("was cut here");
    }

    private static List<Section> sections(String graph, List<List<String>> rows, int n) {
        List<Section> out = new ArrayList<>();
        out.add(new Graph("g", graph, List.of(new Graph.Node("a", "a", null, Graph.State.UP)), List.of()));
        for (int i = 0; i < n; i++) {
            out.add(Table.ofText("t" + i, "Table " + i, List.of("File", "Text"), rows));
        }
        return out;
    }

    @Test
    @DisplayName("long metric lists and section tables are cut with a pointer to the JSON report")
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
        assertThat(md).contains("| dir.d199.failed | 199 |").doesNotContain("dir.d200.failed")
                .contains("…and 250 more metrics in `syntax.json`.");
        assertThat(md).contains("| tests/t0299.py | 1 |").doesNotContain("t0300.py")
                .contains("…and 700 more rows in `syntax.json`.");
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
