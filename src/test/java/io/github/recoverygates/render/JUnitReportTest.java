package io.github.recoverygates.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Verdict;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The JUnit XML, parsed back with the JDK's own XML parser as Jenkins and test reporters would. */
class JUnitReportTest {

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> cases(Document doc) {
        NodeList list = doc.getElementsByTagName("testcase");
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    private static Element named(Document doc, String name) {
        return cases(doc).stream().filter(c -> c.getAttribute("name").equals(name)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("one suite; a case per threshold, per file with findings, per run-level rule, plus a summary case")
    void structureAndCounts() throws Exception {
        Document doc = parse(JUnitReport.render(Masked.of(SampleResults.syntaxFail(), new SecretMasker())));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("testsuites");
        NodeList suites = doc.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(1);
        Element suite = (Element) suites.item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("syntax");
        // 3 thresholds + 2 graph nodes (checks) + 1 run-level rule + 5 files + summary
        assertThat(cases(doc)).hasSize(12);
        assertThat(suite.getAttribute("tests")).isEqualTo("12");
        // failing: mission_critical threshold, the api check (down), syntax/threshold rule, 3 files with errors
        assertThat(suite.getAttribute("failures")).isEqualTo("6");
        assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(6);
        assertThat(named(doc, "db").getElementsByTagName("failure").getLength()).as("an up check passes").isZero();
        assertThat(named(doc, "db").getAttribute("classname")).isEqualTo("syntax.services");
        assertThat(((Element) named(doc, "api").getElementsByTagName("failure").item(0)).getAttribute("type")).isEqualTo("down");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        assertThat(suite.getAttribute("timestamp")).isEqualTo("2026-01-01T10:00:00");
        assertThat(suite.getAttribute("time")).isEqualTo("15.800");

        Element mc = named(doc, "mission_critical");
        assertThat(mc.getAttribute("classname")).isEqualTo("syntax.thresholds");
        assertThat(((Element) mc.getElementsByTagName("failure").item(0)).getAttribute("message"))
                .contains("66.6%").contains(">= 100%");
        assertThat(named(doc, "unit").getElementsByTagName("failure").getLength()).isZero();

        Element pay = named(doc, "tests/mission_critical/test_pay.py");
        assertThat(pay.getAttribute("classname")).isEqualTo("syntax.tests.mission_critical");
        Element failure = (Element) pay.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("syntax/python");
        assertThat(failure.getTextContent())
                .contains("tests/mission_critical/test_pay.py:12:9 error [syntax/python] unterminated string literal");

        Element yaml = named(doc, "deploy/app config.yml");
        assertThat(yaml.getElementsByTagName("failure").getLength()).isZero();
        assertThat(yaml.getElementsByTagName("system-out").item(0).getTextContent()).contains("duplicate key 'port'");

        Element summary = named(doc, "syntax summary");
        assertThat(summary.getElementsByTagName("failure").getLength()).isZero();
        assertThat(summary.getElementsByTagName("system-out").item(0).getTextContent())
                .contains("3 of 30 Python files do not compile");
    }

    @Test
    @DisplayName("a gate that could not run is a JUnit error, not a failure")
    void gateErrorIsAnError() throws Exception {
        Document doc = parse(JUnitReport.render(Masked.of(SampleResults.gateError(), new SecretMasker())));
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        assertThat(doc.getElementsByTagName("error").item(0).getTextContent()).contains("python3 not found");
    }

    @Test
    @DisplayName("a passing run is one green summary case per threshold and summary")
    void passing() throws Exception {
        Document doc = parse(JUnitReport.render(Masked.of(SampleResults.pass(), new SecretMasker())));
        assertThat(cases(doc)).hasSize(2);
        assertThat(doc.getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    @DisplayName("control characters and markup in messages still give well-formed XML")
    void hostileText() throws Exception {
        GateResult r = new GateResult(1, "syntax", Verdict.FAIL, "bad \u0000 bytes", SampleResults.STARTED, 1, null,
                null, null, List.of(Finding.builder("syntax/python", Severity.ERROR).category("encoding").file("a/<b>&\"c\".py").at(1, 1).message("source code cannot contain null bytes \u0000\u001b]]></failure>").build()), null, null);
        String xml = JUnitReport.render(Masked.of(r, new SecretMasker()));
        Document doc = parse(xml);
        Element c = named(doc, "a/<b>&\"c\".py");
        assertThat(c.getElementsByTagName("failure").item(0).getTextContent())
                .contains("null bytes \uFFFD\uFFFD]]></failure>");
    }

    @Test
    @DisplayName("the same result renders to the same bytes")
    void deterministic() {
        assertThat(JUnitReport.render(Masked.of(SampleResults.syntaxFail(), new SecretMasker())))
                .isEqualTo(JUnitReport.render(Masked.of(SampleResults.syntaxFail(), new SecretMasker())));
    }
}
