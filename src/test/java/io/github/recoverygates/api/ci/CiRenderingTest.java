package io.github.recoverygates.api.ci;

import io.github.recoverygates.core.Unit;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.core.BaselineDiff;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Threshold;
import io.github.recoverygates.core.Verdict;
import io.github.recoverygates.render.HtmlText;
import io.github.recoverygates.render.Links;
import io.github.recoverygates.render.Reports;
import io.github.recoverygates.render.TrendSvg;
import io.github.recoverygates.render.Annotation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("A gate result rendered for a CI: script map, build result, annotations, summary HTML")
class CiRenderingTest {

    @TempDir
    Path workspace;

    private static GateResult syntaxResult(Verdict verdict) {
        Map<String, Number> metrics = new TreeMap<>();
        metrics.put("files.python", 25375);
        metrics.put("rate.mission_critical", 34.7);
        metrics.put("findings.error", 2);
        List<Finding> findings = List.of(
                Finding.builder("syntax/python", Severity.ERROR).category("unterminated-string").file("tests/mission_critical/test_x.py").at(12, 9).message("unterminated string literal (detected at line 12)").end(12, 30).build(),
                Finding.builder("syntax/python", Severity.WARNING).category("encoding").file("svc/<b>.py").message("odd <b>bytes</b> & more").build()
                        .withBaselineState(Finding.BaselineState.NEW),
                Finding.builder("syntax/collection", Severity.NOTE).category("empty-scope").file("tests/unit/a.py").at(3, 1).message("spans lines").end(5, 2).build(),
                Finding.builder("syntax/python", Severity.ERROR).category("indent").file("a/b.py").at(7, 1).message("unexpected indent").build(),
                Finding.builder("syntax/threshold", Severity.ERROR).category("threshold").message("mission_critical below 100%").build());
        return new GateResult(GateResult.SCHEMA_VERSION, "syntax", verdict, "2 of 25375 Python files do not compile",
                Instant.parse("2026-01-01T00:00:00Z"), 1580, new TreeMap<>(metrics),
                List.of(Threshold.rate("mission_critical", List.of("tests/mission_critical/**"), 100, 347, 1000, false),
                        Threshold.atMost("critical", 0, (double) 0, Unit.COUNT)),
                new BaselineDiff("reports/syntax.json", 1, 3, 2, List.of()), findings, List.of(), null);
    }

    private CiRun render(GateResult result, Object... params) throws IOException {
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            p.put((String) params[i], params[i + 1]);
        }
        CiRequest request = StepParameters.map(io.github.recoverygates.core.Gates.named(result.gate()), p, workspace, Map.of());
        Files.createDirectories(request.request().out());
        Map<String, Path> reports = Reports.write(result, List.of("json"), request.request().out(), new SecretMasker(), null);
        return CiRunner.render(request, new RunResult(result, reports, result.verdict().exitCode(), new SecretMasker(), request.request().out()), workspace);
    }

    @ParameterizedTest(name = "{0} with unstableOnFailure={1}, unstableOnDegraded={2} -> {3}")
    @CsvSource({
        "PASS,  false, true,  SUCCESS",
        "WARN,  false, true,  UNSTABLE",
        "WARN,  false, false, SUCCESS",
        "FAIL,  false, true,  FAILURE",
        "FAIL,  true,  true,  UNSTABLE",
        "ERROR, true,  true,  FAILURE"})
    void verdictsMapOntoBuildResults(Verdict verdict, boolean unstableOnFailure, boolean unstableOnDegraded, String expected) {
        CiOptions options = new CiOptions(unstableOnFailure, unstableOnDegraded, true, true, null, null, 10, true);

        BuildOutcome outcome = BuildOutcome.of(io.github.recoverygates.core.Gates.named("recovery"), verdict, "redis down", options);

        assertThat(outcome.result()).isEqualTo(expected);
        assertThat(outcome.reason() == null).isEqualTo(expected.equals("SUCCESS"));
        if (verdict == Verdict.ERROR) {
            assertThat(outcome.reason()).isEqualTo("recoveryGate could not run: redis down");
        } else if (outcome.reason() != null) {
            assertThat(outcome.reason()).isEqualTo("recoveryGate " + verdict.name().toLowerCase() + ": redis down");
        }
    }

    @Test
    void theScriptMapHoldsVerdictMetricsCountsThresholdsAndWorkspaceRelativeReportPaths() throws IOException {
        CiRun run = render(syntaxResult(Verdict.FAIL));
        Map<String, Object> map = run.resultMap();

        assertThat(map).containsEntry("gate", "syntax").containsEntry("step", "syntaxGate")
                .containsEntry("verdict", "FAIL").containsEntry("exitCode", 1L)
                .containsEntry("buildResult", "FAILURE").containsEntry("durationMs", 1580L);
        assertThat(sub(map, "metrics")).containsEntry("files.python", 25375L)
                .containsEntry("rate.mission_critical", 34.7);
        assertThat(sub(map, "counts")).containsEntry("error", 3L).containsEntry("warning", 1L)
                .containsEntry("note", 1L).containsEntry("total", 5L).containsEntry("new", 1L);
        assertThat((List<?>) map.get("thresholds")).hasSize(2).first()
                .satisfies(t -> assertThat(cast(t)).containsEntry("name", "mission_critical")
                        .containsEntry("actual", 34.7).containsEntry("passed", false));
        assertThat(sub(map, "baseline")).containsEntry("new", 1L).containsEntry("fixed", 2L);
        assertThat(sub(map, "reports")).containsEntry("json", "recovery-gates-report/syntax.json");
        assertThat(sub(map, "keyMetric")).containsEntry("name", "mission_critical").containsEntry("value", 34.7);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }

    private static Map<String, Object> sub(Map<String, Object> map, String key) {
        return cast(map.get(key));
    }

    @Test
    void theKeyMetricOfAGateWithoutThresholdsIsItsErrorCount() {
        GateResult result = new GateResult(1, "recovery", Verdict.PASS, "all up", Instant.EPOCH, 5, null, null, null,
                List.of(), null, null);

        assertThat(ResultMap.keyMetric(io.github.recoverygates.core.Gates.named("recovery"), result)).containsEntry("name", "findings.error")
                .containsEntry("value", 0.0).containsEntry("label", "errors");
    }

    @Test
    void theTransportHoldsOnlyJdkTypesAndSurvivesJavaSerialization() throws Exception {
        Map<String, Object> transport = render(syntaxResult(Verdict.WARN)).toTransport();

        assertOnlyJdkTypes(transport, "transport");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(transport);
        }
        Object back = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();
        assertThat(back).isEqualTo(transport);
        assertThat(transport).containsEntry("buildResult", "UNSTABLE").containsEntry("checksName", "Recovery Gates / syntax")
                .containsEntry("annotationsOmitted", 0L).containsEntry("propagate", true);
        List<?> annotations = (List<?>) transport.get("annotations");
        assertThat(Annotation.fromMap((Map<?, ?>) annotations.get(0)).file()).isEqualTo("a/b.py");
    }

    private static void assertOnlyJdkTypes(Object value, String path) {
        if (value instanceof Map<?, ?> map) {
            assertThat(value).as(path).isInstanceOf(LinkedHashMap.class);
            map.forEach((k, v) -> {
                assertThat(k).as(path).isInstanceOf(String.class);
                assertOnlyJdkTypes(v, path + "." + k);
            });
        } else if (value instanceof List<?> list) {
            assertThat(value).as(path).isInstanceOf(ArrayList.class);
            list.forEach(v -> assertOnlyJdkTypes(v, path + "[]"));
        } else if (value != null) {
            assertThat(value.getClass()).as(path).isIn(String.class, Long.class, Double.class, Boolean.class);
        }
    }

    @Test
    void annotationsCoverFileFindingsErrorsFirstWithLinesFromOne() throws IOException {
        List<Annotation> annotations = render(syntaxResult(Verdict.FAIL)).annotations();

        assertThat(annotations).extracting(Annotation::file)
                .containsExactly("a/b.py", "tests/mission_critical/test_x.py", "svc/<b>.py", "tests/unit/a.py");
        assertThat(annotations.get(1)).isEqualTo(new Annotation("tests/mission_critical/test_x.py", 12, 12, 9, 30,
                "error", "syntax/python (unterminated-string)", "unterminated string literal (detected at line 12)"));
        assertThat(annotations.get(2).line()).as("unknown line goes on line 1").isEqualTo(1);
        assertThat(annotations.get(2).message()).endsWith("[new]");
        assertThat(annotations.get(3)).as("columns only on a single line")
                .extracting(Annotation::line, Annotation::endLine, Annotation::column, Annotation::endColumn)
                .containsExactly(3, 5, 0, 0);
    }

    @Test
    void annotationsAndLinksUseRepositoryPathsWhenASubdirectoryIsChecked() throws IOException {
        Files.createDirectories(workspace.resolve("examples/monorepo"));
        CiRun run = render(syntaxResult(Verdict.FAIL), "root", "examples/monorepo",
                "sourceLink", "https://git.example/blob/main/{file}#L{line}");

        assertThat(run.annotations()).extracting(Annotation::file).first().isEqualTo("examples/monorepo/a/b.py");
        assertThat(run.findings()).extracting(f -> f.get("file")).contains("examples/monorepo/a/b.py");
        assertThat(sub(run.resultMap(), "reports")).containsEntry("json",
                "recovery-gates-report/examples-monorepo/syntax.json");
    }

    @Test
    void annotationsStopAtTheLimitAndCountTheRest() throws IOException {
        CiRun run = render(syntaxResult(Verdict.FAIL), "maxAnnotations", 1);

        assertThat(run.annotations()).extracting(Annotation::file).containsExactly("a/b.py");
        assertThat(run.annotationsOmitted()).isEqualTo(3);
    }

    @Test
    void theTopFindingsTravelAsDataMostImportantFirstWithNoMarkup() throws IOException {
        CiRun run = render(syntaxResult(Verdict.FAIL));

        assertThat(run.findings()).extracting(f -> f.get("severity"))
                .containsExactly("error", "error", "error", "warning", "note");
        assertThat(run.findings()).anySatisfy(f -> assertThat(f).containsEntry("file", "svc/<b>.py")
                .containsEntry("message", "odd <b>bytes</b> & more").containsEntry("new", true));
        assertThat(run.toTransport()).doesNotContainKey("summaryHtml");
    }

    @Test
    void sourceLinksAreOnlyEverHttp() {
        assertThat(new Links("https://git.example/blob/abc/{file}#L{line}", "").to("svc/<b>.py", 1))
                .contains("https://git.example/blob/abc/svc/%3Cb%3E.py#L1");
        assertThat(new Links("javascript:alert(1)//{file}", "").to("a.py", 1)).isEmpty();
        assertThat(new Links("{file}", "").to("a.py", 1)).isEmpty();
        assertThat(HtmlText.esc("\"'<>&")).isEqualTo("&quot;&#39;&lt;&gt;&amp;");
    }

    @Test
    void aConfigErrorNamesTheStepParameterThatSetTheKey() {
        Map<String, String> origins = Map.of("ssot.threshold", "parameter 'threshold'", "ssot.x", "settings 'ssot.x'");

        assertThat(CiRunner.origins("built-in defaults: ssot.threshold: expected number", origins))
                .isEqualTo(" (set by parameter 'threshold' → ssot.threshold)");
        assertThat(CiRunner.origins("cfg.yml:3:5: unknown key 'x' in ssot (allowed: a, b)", origins))
                .isEqualTo(" (set by settings 'ssot.x' → ssot.x)");
        assertThat(CiRunner.origins("cfg.yml:1:1: unknown key 'y'", origins)).isEmpty();
    }
}
