package io.github.recoverygates.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jenkins serves archived files with {@code style-src 'self'} and no script: the HTML report links its
 * CSS as {@code <gate>.css}, written beside it, allows 'self' in its own policy, and has no inline
 * style attribute or script, so it renders styled there and stays self-contained elsewhere.
 */
class HtmlStylesheetTest {

    @TempDir
    Path out;

    @Test
    void theHtmlReportLinksItsCssFileWrittenBesideIt() throws Exception {
        GateResult r = new GateResult(1, "ssot", Verdict.FAIL, "x", SampleResults.STARTED, 1, null, null, null,
                List.of(Finding.of("ssot/alias", Severity.ERROR, "y", "a \" style=\"color:red.py", 1, 1, "<p style=x>")),
                null, null);

        Map<String, Path> written = Reports.write(r, List.of("html"), out, new SecretMasker());

        String html = Files.readString(written.get("html"), StandardCharsets.UTF_8);
        Path css = out.resolve("ssot.css");
        assertThat(css).exists();
        assertThat(Files.readString(css, StandardCharsets.UTF_8)).isEqualTo(HtmlReport.stylesheet()).contains(".verdict");
        assertThat(html).contains("<link rel=\"stylesheet\" href=\"ssot.css\">").contains("style-src 'self'");
        assertThat(html).doesNotContain("<script").doesNotContainPattern("<[a-z]+ [^>]*style=");
        assertThat(written).containsOnlyKeys("html");
    }
}
