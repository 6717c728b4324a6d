package io.github.recoverygates.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.recoverygates.core.SecretMasker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {

    @TempDir
    Path out;

    @Test
    @DisplayName("write produces <gate>.json, .sarif, .junit.xml, .md and .html and returns them by format")
    void writesEveryFormat() throws Exception {
        Map<String, Path> written = Reports.write(SampleResults.syntaxFail(), Reports.FORMATS, out, new SecretMasker(), null);
        assertThat(written.keySet()).containsExactly("json", "sarif", "junit", "md", "html");
        assertThat(written.values()).extracting(p -> p.getFileName().toString())
                .containsExactly("syntax.json", "syntax.sarif", "syntax.junit.xml", "syntax.md", "syntax.html");
        for (Path p : written.values()) {
            assertThat(Files.size(p)).isPositive();
        }
        assertThat(Reports.write(SampleResults.syntaxFail(), List.of("md"), out.resolve("only-md"), new SecretMasker(), null))
                .containsOnlyKeys("md");
        Path fresh = out.resolve("fresh");
        assertThatThrownBy(() -> Reports.write(SampleResults.syntaxFail(), List.of("json", "pdf"), fresh,
                new SecretMasker(), null)).hasMessageContaining("unknown report format 'pdf'");
        assertThat(fresh).doesNotExist();
    }

    @Test
    @DisplayName("a secret the run has seen appears in no format, raw or escaped")
    void secretsMaskedEverywhere() throws Exception {
        SecretMasker masker = new SecretMasker();
        masker.register(SampleResults.SECRET);
        Map<String, Path> written = Reports.write(SampleResults.withSecret(), Reports.FORMATS, out, masker, null);
        List<String> forms = List.of(SampleResults.SECRET, "s3cr", "t0ken");
        for (Path p : written.values()) {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            // Markdown escapes the mask's asterisks; it still renders as ***
            assertThat(text.replace("\\*", "*")).as(p.getFileName().toString()).contains(SecretMasker.MASK);
            for (String form : forms) {
                assertThat(text).as(p.getFileName().toString()).doesNotContain(form);
            }
        }
        String console = Reports.consoleSummary(SampleResults.withSecret(), written, masker);
        assertThat(console).doesNotContain("s3cr").contains("***");
    }

    @Test
    @DisplayName("the console summary leads with the verdict and what failed, then the top 10 findings, counts and paths")
    void consoleSummary() throws Exception {
        Map<String, Path> written = Reports.write(SampleResults.many(25, 0, 0), List.of("json", "md"), out,
                new SecretMasker(), null);
        String s = ConsoleReport.render(SampleResults.many(25, 0, 0), written);
        assertThat(s).startsWith("syntax: FAIL — 25 errors\n  findings (the first 10 of 25):\n");
        assertThat(s).contains("    error pkg/f000.py:1:2 error number 0 [syntax/python]");
        assertThat(s).contains("  errors 25, warnings 0, notes 0\n");
        assertThat(s).contains("pkg/f009.py:10:2").doesNotContain("pkg/f010.py");
        assertThat(s).contains("json  " + written.get("json")).contains("md    " + written.get("md"));

        String withThresholds = ConsoleReport.render(SampleResults.syntaxFail(), Map.of());
        assertThat(withThresholds.lines().toList().get(1))
                .isEqualTo("  failed threshold mission_critical: 66.6% misses the required >= 100%");
        assertThat(withThresholds).contains("FAIL mission_critical [tests/mission_critical/**]: 66.6% (2/3), required >= 100%")
                .contains("pass p95 latency: 120 ms, required <= 250 ms")
                .contains("against the baseline: new 4, still failing 2, fixed 1");
    }
}
