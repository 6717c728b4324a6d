package io.github.recoverygates.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.api.Engine;
import io.github.recoverygates.api.RunRequest;
import io.github.recoverygates.api.RunResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Findings keep their identity across edits, and know where they stand against a pull request's change (a real git). */
class FingerprintAndDiffTest {

    @TempDir
    Path dir;

    private Path root;

    private RunResult syntax(RunRequest.Builder b) throws InterruptedException {
        return new Engine(Progress.SILENT).run(b.environment(Map.of("PATH", System.getenv("PATH"))).build());
    }

    private RunRequest.Builder request(String name) {
        return RunRequest.builder("syntax", root, dir.resolve(name)).formats(List.of("json"));
    }

    @Test
    @DisplayName("lines inserted above a finding keep it unchanged against the baseline; a stale entry is fixed, and fails with strictBaseline")
    void fingerprintsSurviveMovedLines() throws Exception {
        root = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(root.resolve("a.py"), "x = 1\ndef f(:\n    pass\n");
        Files.writeString(root.resolve("b.py"), "y = 'open\n");
        RunResult first = syntax(request("first"));
        assertThat(first.result().findings()).allSatisfy(f -> assertThat(f.fingerprint()).hasSize(32));
        Path baseline = first.reports().get("json");

        Files.writeString(root.resolve("a.py"), "import os\nimport sys\n\nx = 1\ndef f(:\n    pass\n");
        RunResult moved = syntax(request("moved").baseline(baseline).failOn(FailOn.NEW));
        assertThat(moved.result().findings()).filteredOn(f -> "a.py".equals(f.file())).singleElement()
                .satisfies(f -> {
                    assertThat(f.line()).isEqualTo(5);
                    assertThat(f.baselineState()).isEqualTo(Finding.BaselineState.UNCHANGED);
                });
        assertThat(moved.result().verdict()).isEqualTo(Verdict.WARN);

        Files.writeString(root.resolve("b.py"), "y = 'closed'\n");
        RunResult fixed = syntax(request("fixed").baseline(baseline).failOn(FailOn.NEW));
        assertThat(fixed.result().baseline().fixedCount()).isEqualTo(1);
        assertThat(fixed.result().verdict()).isEqualTo(Verdict.WARN);
        RunResult strict = syntax(request("strict").baseline(baseline).failOn(FailOn.NEW).strictBaseline(true));
        assertThat(strict.result().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(strict.result().findings()).extracting(Finding::ruleId).contains("run/stale-baseline");
    }

    @Test
    @DisplayName("against the PR base, findings are added, context, file or outside; a filter mode limits what fail-on new counts")
    void findingsKnowWhereTheyStandAgainstTheChange() throws Exception {
        root = Files.createDirectories(dir.resolve("pr"));
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            lines.add("v" + i + " = " + i);
        }
        Files.writeString(root.resolve("old.py"), String.join("\n", lines) + "\n");
        List<String> touched = new ArrayList<>(lines);
        touched.set(0, "v1 = 'old broken");
        Files.writeString(root.resolve("touched.py"), String.join("\n", touched) + "\n");
        Files.writeString(root.resolve("other.py"), "z = 'also old\n");
        git("init", "-q", "-b", "main");
        git("add", ".");
        git("-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qm", "base");
        lines.set(19, "v20 = 'new broken");
        Files.writeString(root.resolve("old.py"), String.join("\n", lines) + "\n");
        touched.set(25, "v26 = 260");
        Files.writeString(root.resolve("touched.py"), String.join("\n", touched) + "\n");
        Files.writeString(root.resolve("fresh.py"), "def g(:\n");

        RunResult run = syntax(request("diff").changedFrom("main"));
        Map<String, Finding.DiffPosition> where = new java.util.TreeMap<>();
        run.result().findings().stream().filter(Finding::hasFile).forEach(f -> where.put(f.file() + ":" + f.line(), f.diff()));
        assertThat(where).containsEntry("old.py:20", Finding.DiffPosition.ADDED)
                .containsEntry("fresh.py:1", Finding.DiffPosition.ADDED)
                .containsEntry("touched.py:1", Finding.DiffPosition.FILE)
                .as("--changed-from checks the changed files only").doesNotContainKey("other.py:1");

        // a pull request: origin/main is the base; the baseline knows the findings on the change's own files
        Path origin = dir.resolve("origin.git");
        git("clone", "-q", "--bare", root.toString(), origin.toString());
        git("remote", "add", "origin", origin.toString());
        git("fetch", "-q", "origin");
        Path baseline = run.reports().get("json");
        Map<String, String> pr = Map.of("PATH", System.getenv("PATH"), "GITHUB_BASE_REF", "main");
        RunResult nofilter = new Engine(Progress.SILENT).run(request("n1").baseline(baseline).failOn(FailOn.NEW)
                .environment(pr).build());
        assertThat(nofilter.result().findings()).filteredOn(f -> "other.py".equals(f.file())).singleElement()
                .satisfies(f -> {
                    assertThat(f.diff()).isEqualTo(Finding.DiffPosition.OUTSIDE);
                    assertThat(f.baselineState()).isEqualTo(Finding.BaselineState.NEW);
                });
        assertThat(nofilter.result().verdict()).as("a new finding outside the change fails without a filter")
                .isEqualTo(Verdict.FAIL);
        RunResult added = new Engine(Progress.SILENT).run(request("n2").baseline(baseline).failOn(FailOn.NEW)
                .filterMode(FilterMode.ADDED).environment(pr).build());
        assertThat(added.result().verdict()).as("with filter mode added it is not the change's business").isEqualTo(Verdict.WARN);
    }

    @Test
    void aUnifiedDiffGivesAddedLinesAndHunkRanges() {
        ChangedLines c = ChangedLines.parse("main", String.join("\n",
                "diff --git a/x.py b/x.py", "--- a/x.py", "+++ b/x.py", "@@ -8,6 +8,7 @@ def f():",
                " a", " b", " c", "+added", " d", " e", " f", ""));
        Finding at = Finding.builder("r", Severity.ERROR).file("x.py").line(11).build();
        assertThat(c.position(at)).isEqualTo(Finding.DiffPosition.ADDED);
        assertThat(c.position(at.toBuilder().line(9).build())).isEqualTo(Finding.DiffPosition.CONTEXT);
        assertThat(c.position(at.toBuilder().line(40).build())).isEqualTo(Finding.DiffPosition.FILE);
        assertThat(c.position(at.toBuilder().file("y.py").build())).isEqualTo(Finding.DiffPosition.OUTSIDE);
    }

    private void git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }
}
