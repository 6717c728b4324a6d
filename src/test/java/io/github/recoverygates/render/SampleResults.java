package io.github.recoverygates.render;

import io.github.recoverygates.core.Unit;
import io.github.recoverygates.core.BaselineDiff;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Graph;
import io.github.recoverygates.core.Section;
import io.github.recoverygates.core.Table;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Threshold;
import io.github.recoverygates.core.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Results shaped like the gates' real ones, for the report tests. */
public final class SampleResults {

    public static final String SECRET = "s3cr\"et<&>-t0ken";
    public static final Instant STARTED = Instant.parse("2026-01-01T10:00:00.250Z");

    private SampleResults() {
    }

    /** A failing syntax run: file findings of every severity, a run-level finding, thresholds, a section, a baseline. */
    public static GateResult syntaxFail() {
        List<Finding> findings = new ArrayList<>();
        findings.add(Finding.builder("syntax/python", Severity.ERROR).category("unterminated-string").file("tests/mission_critical/test_pay.py").at(12, 9).message("unterminated string literal (detected at line 12)").end(12, 30).build()
                .withBaselineState(Finding.BaselineState.NEW));
        findings.add(Finding.builder("syntax/python", Severity.ERROR).category("invalid-decimal").file("services/billing/prices.py").at(3, 14).message("invalid decimal literal").build().withBaselineState(Finding.BaselineState.UNCHANGED));
        findings.add(Finding.builder("syntax/python", Severity.ERROR).category("compile-time").file("services/api/handlers.py").line(40).message("'return' outside function").build().withBaselineState(Finding.BaselineState.UNCHANGED));
        findings.add(Finding.builder("syntax/yaml", Severity.WARNING).category("other").file("deploy/app config.yml").message("duplicate key 'port'").build().withBaselineState(Finding.BaselineState.NEW));
        findings.add(Finding.builder("syntax/tests-lost", Severity.NOTE).category("collection").file("tests/unit/test_ünïcode.py").at(1, 1).message("4 tests | lost <b>because</b> of\nthe error above")
                .properties(Map.of("tests", "4")).build().withBaselineState(Finding.BaselineState.NEW));
        findings.add(Finding.builder("syntax/threshold", Severity.ERROR).category("threshold").message("mission_critical: 66.6% of files parse, 100% required").build()
                .withBaselineState(Finding.BaselineState.NEW));
        TreeMap<String, Number> metrics = new TreeMap<>();
        metrics.put("files.python", 30);
        metrics.put("failed.python", 3);
        metrics.put("category.unterminated-string", 1);
        metrics.put("rate.python", 90.0);
        List<Threshold> thresholds = List.of(
                Threshold.rate("mission_critical", List.of("tests/mission_critical/**"), 100.0, 2, 3, false),
                Threshold.rate("unit", List.of("tests/unit/**"), 90.0, 10, 10, false),
                Threshold.atMost("p95 latency", 250, (double) 120, Unit.MILLISECONDS));
        Section lost = Table.builder("lost-tests", "Test files lost to syntax errors").column("File", Table.Type.PATH)
                .number("Tests").row("tests/mission_critical/test_pay.py", 7L).row("a|b\nc", 1L).build();
        Section graph = new Graph("services", "Services", List.of(new Graph.Node("api", "api", "http", Graph.State.DOWN),
                new Graph.Node("db", "db", "tcp", Graph.State.UP)), List.of(new Graph.Edge("db", "api", Graph.EdgeKind.BLOCKS)));
        Finding fixedOne = Finding.builder("syntax/python", Severity.ERROR).category("unexpected-indent").file("services/old.py").at(5, 1).message("unexpected indent").build();
        BaselineDiff diff = new BaselineDiff("baseline/syntax.json", 4, 2, 1, List.of(fixedOne));
        TreeMap<String, Object> details = new TreeMap<>();
        details.put("interpreter", Map.of("version", "3.11.2", "path", "/usr/bin/python3"));
        return new GateResult(GateResult.SCHEMA_VERSION, "syntax", Verdict.FAIL, "3 of 30 Python files do not compile",
                STARTED, 15_800, metrics, thresholds, diff, findings, List.of(lost, graph), details);
    }

    /** A gate that could not run at all. */
    public static GateResult gateError() {
        return GateResult.error("recovery", STARTED, 120, "python3 not found: set syntax.python.interpreter");
    }

    /** A passing run with no findings. */
    public static GateResult pass() {
        return new GateResult(GateResult.SCHEMA_VERSION, "ssot", Verdict.PASS, "no violations", STARTED, 5,
                new TreeMap<>(Map.of("files", 10)), List.of(Threshold.rate("compliance", List.of("**"), 95.0, 10, 10, false)),
                null, List.of(), null, null);
    }

    /** {@code n} errors in distinct files, plus the given warnings and notes. */
    public static GateResult many(int errors, int warnings, int notes) {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < errors; i++) {
            findings.add(Finding.builder("syntax/python", Severity.ERROR).category("other").file(String.format("pkg/f%03d.py", i)).at(i + 1, 2).message("error number " + i).build());
        }
        for (int i = 0; i < warnings; i++) {
            findings.add(Finding.builder("ssot/alias", Severity.WARNING).category("alias").file(String.format("cfg/w%03d.yml", i)).line(3).message("warning number " + i).build());
        }
        for (int i = 0; i < notes; i++) {
            findings.add(Finding.builder("ssot/info", Severity.NOTE).category("info").file(String.format("doc/n%03d.md", i)).message("note number " + i).build());
        }
        return new GateResult(GateResult.SCHEMA_VERSION, "syntax", errors > 0 ? Verdict.FAIL : Verdict.PASS,
                errors + " errors", STARTED, 10, null, null, null, findings, null, null);
    }

    /** The sample with a secret in a message, a file name, a property, a section cell, the summary and details. */
    public static GateResult withSecret() {
        GateResult r = syntaxFail();
        List<Finding> findings = new ArrayList<>(r.findings());
        findings.add(Finding.builder("recovery/env", Severity.ERROR).category("env").file("config/" + SECRET + ".env").at(2, 1).message("DATABASE_PASSWORD=" + SECRET + " is refused").properties(Map.of("value", SECRET)).build());
        TreeMap<String, Object> details = new TreeMap<>(r.details());
        details.put("dsn", List.of("postgres://app:" + SECRET + "@db/app"));
        Section cell = Table.ofText("env", "Environment", List.of("Name", "Value"),
                List.of(List.of("API_TOKEN", SECRET)));
        return new GateResult(r.schemaVersion(), r.gate(), r.verdict(), "token " + SECRET + " rejected",
                r.startedAt(), r.durationMs(), r.metrics(), r.thresholds(), r.baseline(), findings,
                List.of(r.sections().get(0), cell), details);
    }
}
