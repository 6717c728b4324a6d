package io.github.recoverygates.report;

import io.github.recoverygates.core.BaselineDiff;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Section;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.ThresholdResult;
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
        findings.add(Finding.of("syntax/python", Severity.ERROR, "unterminated-string", "tests/mission_critical/test_pay.py",
                12, 9, "unterminated string literal (detected at line 12)").withEnd(12, 30)
                .withBaselineState(Finding.BaselineState.NEW));
        findings.add(Finding.of("syntax/python", Severity.ERROR, "invalid-decimal", "services/billing/prices.py",
                3, 14, "invalid decimal literal").withBaselineState(Finding.BaselineState.UNCHANGED));
        findings.add(Finding.of("syntax/python", Severity.ERROR, "compile-time", "services/api/handlers.py",
                40, 0, "'return' outside function").withBaselineState(Finding.BaselineState.UNCHANGED));
        findings.add(Finding.of("syntax/yaml", Severity.WARNING, "other", "deploy/app config.yml", 0, 0,
                "duplicate key 'port'").withBaselineState(Finding.BaselineState.NEW));
        findings.add(Finding.of("syntax/tests-lost", Severity.NOTE, "collection", "tests/unit/test_ünïcode.py", 1, 1,
                "4 tests | lost <b>because</b> of\nthe error above").withBaselineState(Finding.BaselineState.NEW)
                .withProperties(Map.of("tests", "4")));
        findings.add(Finding.of("syntax/threshold", Severity.ERROR, "threshold", null, 0, 0,
                "mission_critical: 66.6% of files parse, 100% required")
                .withBaselineState(Finding.BaselineState.NEW));
        TreeMap<String, Number> metrics = new TreeMap<>();
        metrics.put("files.python", 30);
        metrics.put("failed.python", 3);
        metrics.put("category.unterminated-string", 1);
        metrics.put("rate.python", 90.0);
        List<ThresholdResult> thresholds = List.of(
                ThresholdResult.minRate("mission_critical", List.of("tests/mission_critical/**"), 100.0, 2, 3),
                ThresholdResult.minRate("unit", List.of("tests/unit/**"), 90.0, 10, 10),
                ThresholdResult.max("p95 latency", 250, 120, "ms"));
        Section lost = new Section("lost-tests", "Test files lost to syntax errors", List.of("File", "Tests"),
                List.of(List.of("tests/mission_critical/test_pay.py", "7"), List.of("a|b\nc", "1")),
                "graph LR\n  api --> db\n");
        Finding fixedOne = Finding.of("syntax/python", Severity.ERROR, "unexpected-indent", "services/old.py", 5, 1,
                "unexpected indent");
        BaselineDiff diff = new BaselineDiff("baseline/syntax.json", 4, 2, 1, List.of(fixedOne));
        TreeMap<String, Object> details = new TreeMap<>();
        details.put("interpreter", Map.of("version", "3.11.2", "path", "/usr/bin/python3"));
        return new GateResult(GateResult.SCHEMA_VERSION, "syntax", Verdict.FAIL, "3 of 30 Python files do not compile",
                STARTED, 15_800, metrics, thresholds, diff, findings, List.of(lost), details);
    }

    /** A gate that could not run at all. */
    public static GateResult gateError() {
        return GateResult.error("recovery", STARTED, 120, "python3 not found: set syntax.python.interpreter");
    }

    /** A passing run with no findings. */
    public static GateResult pass() {
        return new GateResult(GateResult.SCHEMA_VERSION, "ssot", Verdict.PASS, "no violations", STARTED, 5,
                new TreeMap<>(Map.of("files", 10)), List.of(ThresholdResult.minRate("compliance", List.of("**"), 95.0, 10, 10)),
                null, List.of(), null, null);
    }

    /** {@code n} errors in distinct files, plus the given warnings and notes. */
    public static GateResult many(int errors, int warnings, int notes) {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < errors; i++) {
            findings.add(Finding.of("syntax/python", Severity.ERROR, "other", String.format("pkg/f%03d.py", i), i + 1, 2,
                    "error number " + i));
        }
        for (int i = 0; i < warnings; i++) {
            findings.add(Finding.of("ssot/alias", Severity.WARNING, "alias", String.format("cfg/w%03d.yml", i), 3, 0,
                    "warning number " + i));
        }
        for (int i = 0; i < notes; i++) {
            findings.add(Finding.of("ssot/info", Severity.NOTE, "info", String.format("doc/n%03d.md", i), 0, 0,
                    "note number " + i));
        }
        return new GateResult(GateResult.SCHEMA_VERSION, "syntax", errors > 0 ? Verdict.FAIL : Verdict.PASS,
                errors + " errors", STARTED, 10, null, null, null, findings, null, null);
    }

    /** The sample with a secret in a message, a file name, a property, a section cell, the summary and details. */
    public static GateResult withSecret() {
        GateResult r = syntaxFail();
        List<Finding> findings = new ArrayList<>(r.findings());
        findings.add(Finding.of("recovery/env", Severity.ERROR, "env", "config/" + SECRET + ".env", 2, 1,
                "DATABASE_PASSWORD=" + SECRET + " is refused").withProperties(Map.of("value", SECRET)));
        TreeMap<String, Object> details = new TreeMap<>(r.details());
        details.put("dsn", List.of("postgres://app:" + SECRET + "@db/app"));
        Section cell = Section.table("env", "Environment", List.of("Name", "Value"),
                List.of(List.of("API_TOKEN", SECRET)));
        return new GateResult(r.schemaVersion(), r.gate(), r.verdict(), "token " + SECRET + " rejected",
                r.startedAt(), r.durationMs(), r.metrics(), r.thresholds(), r.baseline(), findings,
                List.of(r.sections().get(0), cell), details);
    }
}
