package io.github.recoverygates.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineAndPolicyTest {

    @TempDir
    Path dir;

    private static Finding error(String file, int line, String msg) {
        return Finding.builder("syntax/python", Severity.ERROR).category("other").file(file).at(line, 1).message(msg).build();
    }

    private Baseline baselineOf(List<Finding> findings, List<Threshold> thresholds) throws Exception {
        GateResult earlier = new GateResult(1, "syntax", Verdict.FAIL, "", Instant.EPOCH, 0, null, thresholds,
                null, findings, null, null);
        Path file = dir.resolve("syntax.json");
        Files.writeString(file, Json.REPORT.writeValueAsString(earlier));
        return Baseline.load(file, "syntax");
    }

    @Test
    void findingsThatOnlyMovedAreNotNewAndVanishedOnesAreFixed() throws Exception {
        Baseline baseline = baselineOf(List.of(error("a.py", 3, "invalid syntax at 3"), error("b.py", 1, "bad")), List.of());
        Baseline.Comparison c = baseline.compare(List.of(error("a.py", 7, "invalid syntax at 7"), error("c.py", 1, "bad")));
        assertThat(c.findings()).extracting(Finding::file, Finding::baselineState).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a.py", Finding.BaselineState.UNCHANGED),
                org.assertj.core.groups.Tuple.tuple("c.py", Finding.BaselineState.NEW));
        assertThat(c.diff().fixed()).extracting(Finding::file).containsExactly("b.py");
        assertThat(c.diff().newCount()).isEqualTo(1);
        assertThat(c.diff().unchangedCount()).isEqualTo(1);
    }

    @Test
    void identicalFindingsAreMatchedByCount() throws Exception {
        Baseline baseline = baselineOf(List.of(error("a.py", 1, "x"), error("a.py", 2, "x"), error("a.py", 3, "x")), List.of());
        Baseline.Comparison c = baseline.compare(List.of(error("a.py", 1, "x"), error("a.py", 2, "x")));
        assertThat(c.diff().fixedCount()).isEqualTo(1);
        assertThat(c.diff().newCount()).isZero();
    }

    @Test
    void failOnNewFailsOnlyOnNewFindingsButStillWarnsAboutOldOnes() throws Exception {
        Baseline baseline = baselineOf(List.of(error("a.py", 1, "x")), List.of());
        List<Finding> onlyOld = baseline.compare(List.of(error("a.py", 1, "x"))).findings();
        assertThat(VerdictPolicy.decide(onlyOld, List.of(), FailOn.NEW, baseline, null)).isEqualTo(Verdict.WARN);
        assertThat(VerdictPolicy.decide(onlyOld, List.of(), FailOn.ERROR, baseline, null)).isEqualTo(Verdict.FAIL);
        List<Finding> withNew = baseline.compare(List.of(error("a.py", 1, "x"), error("z.py", 1, "y"))).findings();
        assertThat(VerdictPolicy.decide(withNew, List.of(), FailOn.NEW, baseline, null)).isEqualTo(Verdict.FAIL);
    }

    @Test
    void underFailOnNewAFailingThresholdFailsOnlyWhenItGotWorse() throws Exception {
        Threshold before = Threshold.rate("unit", List.of(), 90, 80, 100, false);
        Baseline baseline = baselineOf(List.of(), List.of(before));
        Threshold same = Threshold.rate("unit", List.of(), 90, 80, 100, false);
        Threshold worse = Threshold.rate("unit", List.of(), 90, 70, 100, false);
        assertThat(VerdictPolicy.decide(List.of(), List.of(same), FailOn.NEW, baseline, null)).isEqualTo(Verdict.WARN);
        assertThat(VerdictPolicy.decide(List.of(), List.of(worse), FailOn.NEW, baseline, null)).isEqualTo(Verdict.FAIL);
        assertThat(VerdictPolicy.decide(List.of(), List.of(same), FailOn.ERROR, baseline, null)).isEqualTo(Verdict.FAIL);
    }

    @Test
    void warningsWarnUnlessFailOnWarning() {
        List<Finding> warnings = List.of(Finding.builder("ssot/duplicate", Severity.WARNING).file("a.py").at(1, 1).message("dup").build());
        assertThat(VerdictPolicy.decide(warnings, List.of(), FailOn.ERROR, null, null)).isEqualTo(Verdict.WARN);
        assertThat(VerdictPolicy.decide(warnings, List.of(), FailOn.WARNING, null, null)).isEqualTo(Verdict.FAIL);
        assertThat(VerdictPolicy.decide(List.of(), List.of(), FailOn.ERROR, null, null)).isEqualTo(Verdict.PASS);
        assertThat(VerdictPolicy.decide(List.of(), List.of(), FailOn.ERROR, null, Verdict.WARN)).isEqualTo(Verdict.WARN);
    }

    @Test
    void ratesRoundDownSoNinetyNinePointNineNineIsNotAHundred() {
        Threshold t = Threshold.rate("mission_critical", List.of(), 100, 9999, 10000, false);
        assertThat(t.actual()).isEqualTo(99.9);
        assertThat(t.passed()).isFalse();
        assertThat(Threshold.rate("empty", List.of(), 100, 0, 0, false).passed()).as("zero samples never pass").isFalse();
        assertThat(Threshold.rate("empty", List.of(), 100, 0, 0, true).passed()).as("unless allowed").isTrue();
        assertThat(Threshold.partialRate("empty", List.of(), 100, 0, 0, false).passed()).as("an empty shard").isTrue();
    }
}
