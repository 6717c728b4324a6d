package io.github.recoverygates.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Verdict;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    private static final Pattern EXTERNAL = Pattern.compile("(?i)(src|href)\\s*=|url\\(|@import|https?://");

    @Test
    @DisplayName("the page is self-contained: no scripts, no external URLs but its own stylesheet, a CSP that forbids fetching")
    void selfContained() {
        String html = HtmlReport.render(Masked.of(SampleResults.syntaxFail(), new SecretMasker()));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").doesNotContain("<script");
        assertThat(html).contains("<link rel=\"stylesheet\" href=\"" + HtmlReport.STYLESHEET + "\">");
        String withoutXmlns = html.replace("http://www.w3.org/2000/svg", "")
                .replace("<link rel=\"stylesheet\" href=\"" + HtmlReport.STYLESHEET + "\">", "");
        assertThat(EXTERNAL.matcher(withoutXmlns).find()).as("external reference in %s", withoutXmlns).isFalse();
        assertThat(html).contains("Content-Security-Policy").contains("default-src 'none'");
    }

    @Test
    @DisplayName("a script in a message or a file name is shown as text, never run")
    void escapesInjection() {
        GateResult r = new GateResult(1, "ssot", Verdict.FAIL, "<img onerror=alert(1)>", SampleResults.STARTED, 1,
                null, null, null, List.of(Finding.builder("ssot/fake-success", Severity.ERROR).category("x\"><script>").file("src/<script>alert('f')</script>.py").at(3, 1).message("return <script>alert(\"x\")</script> & more").build()),
                null, null);
        String html = HtmlReport.render(Masked.of(r, new SecretMasker()));
        assertThat(html).doesNotContain("<script").doesNotContain("<img");
        assertThat(html).contains("return &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more");
        assertThat(html).contains("src/&lt;script&gt;alert(&#39;f&#39;)&lt;/script&gt;.py");
        assertThat(html).contains("&lt;img onerror=alert(1)&gt;");
    }

    @Test
    @DisplayName("the verdict colours the header; thresholds are drawn as bars with the required mark")
    void verdictAndBars() {
        String html = HtmlReport.render(Masked.of(SampleResults.syntaxFail(), new SecretMasker()));
        assertThat(html).contains("<header class=\"verdict v-FAIL\">");
        assertThat(html).contains("<rect class=\"bad\" x=\"0\" y=\"2\" width=\"106.6\"");
        assertThat(html).contains("<line class=\"req\" x1=\"160.0\"");
        assertThat(html).contains("<rect class=\"ok\"");
        assertThat(HtmlReport.render(Masked.of(SampleResults.gateError(), new SecretMasker()))).contains("v-ERROR");
        assertThat(HtmlReport.render(Masked.of(SampleResults.pass(), new SecretMasker()))).contains("v-PASS");
    }

    @Test
    @DisplayName("the findings table lists every finding with its line, rule and message")
    void findingsTable() {
        String html = HtmlReport.render(Masked.of(SampleResults.syntaxFail(), new SecretMasker()));
        assertThat(html).contains("<td><code>tests/mission_critical/test_pay.py</code></td><td class=\"num\">12</td>"
                + "<td class=\"num\">9</td><td class=\"sev-error\">error (new)</td><td>syntax/python</td>");
        String findings = html.substring(html.indexOf("<section id=\"findings\">"), html.indexOf("</section>", html.indexOf("<section id=\"findings\">")));
        assertThat(findings.split("<tr><td><code>", -1)).hasSize(1 + SampleResults.syntaxFail().findings().size());
    }

    @Test
    @DisplayName("the same result renders to the same bytes")
    void deterministic() {
        assertThat(HtmlReport.render(Masked.of(SampleResults.syntaxFail(), new SecretMasker())))
                .isEqualTo(HtmlReport.render(Masked.of(SampleResults.syntaxFail(), new SecretMasker())));
    }
}
