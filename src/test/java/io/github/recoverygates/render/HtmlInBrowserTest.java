package io.github.recoverygates.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report as a real browser parses it (Debian's headless Chromium; skipped, saying so,
 * where it is not installed): hostile messages stay text, and the page's DOM has every finding.
 */
class HtmlInBrowserTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("in Chromium, a hostile message and file name create no element and every finding is a table row")
    void chromiumParsesThePageAsIntended() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        assumeTrue(Files.isExecutable(chromium), "Chromium is not installed (apt-get install chromium)");
        GateResult r = new GateResult(1, "ssot", Verdict.FAIL, "</title><img src=x onerror=alert(1)>",
                SampleResults.STARTED, 1, null, null, null, List.of(
                        Finding.builder("ssot/fake-success", Severity.ERROR).category("x").file("src/<script>alert(1)</script>.py").at(3, 1).message("</td></tr></table><script>document.title='pwned'</script>").build(),
                        Finding.builder("ssot/alias", Severity.WARNING).category("y").file("cfg/\"onmouseover=\"alert(1).yml").at(1, 1).message("<!-- unterminated comment").build(),
                        Finding.builder("ssot/alias", Severity.NOTE).category("z").file("ok.yml").at(2, 1).message("plain").build()), null, null);
        Path page = Files.writeString(dir.resolve("ssot.html"), HtmlReport.render(Masked.of(r, new SecretMasker())));
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + dir.resolve("profile"), "--dump-dom", page.toUri().toString())
                .redirectError(dir.resolve("stderr.txt").toFile()).redirectOutput(dir.resolve("dom.html").toFile())
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        String dom = Files.readString(dir.resolve("dom.html"), StandardCharsets.UTF_8);
        assertThat(dom).as("DOM dump; stderr: %s", Files.readString(dir.resolve("stderr.txt"))).contains("</html>");
        assertThat(dom).doesNotContain("<script").doesNotContain("<img");
        // the quotes stayed text inside <code>: the browser re-serialises them unescaped, with no attribute
        assertThat(dom).contains("<code>cfg/\"onmouseover=\"alert(1).yml</code>");
        assertThat(dom).contains("&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;");
        assertThat(dom.split("<tr><td><code>", -1)).hasSize(4);
        assertThat(dom).contains("<title>ssot gate: FAIL</title>");
    }
}
