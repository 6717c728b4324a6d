package io.github.recoverygates.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.Section;
import io.github.recoverygates.core.Table;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Verdict;
import io.github.recoverygates.render.Reports;
import io.github.recoverygates.render.SampleResults;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHubActionsTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private Map<String, String> env() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_OUTPUT", Files.createFile(tmp.resolve("output")).toString());
        env.put("GITHUB_STEP_SUMMARY", Files.createFile(tmp.resolve("summary.md")).toString());
        return env;
    }

    /** Reads $GITHUB_OUTPUT the way the runner does: {@code name=value} lines and {@code name<<DELIM} heredocs. */
    static Map<String, String> parseOutputs(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        Deque<String> lines = new ArrayDeque<>(List.of(text.split("\n", -1)));
        while (!lines.isEmpty()) {
            String line = lines.poll();
            if (line.isEmpty()) {
                continue;
            }
            int heredoc = line.indexOf("<<");
            int eq = line.indexOf('=');
            if (heredoc > 0 && (eq < 0 || heredoc < eq)) {
                String name = line.substring(0, heredoc);
                String delimiter = line.substring(heredoc + 2);
                List<String> value = new ArrayList<>();
                String next;
                while (!(next = lines.poll()).equals(delimiter)) {
                    value.add(next);
                }
                out.put(name, String.join("\n", value));
            } else {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }

    @Test
    @DisplayName("data escapes %, CR and LF; properties also escape : and ,")
    void escaping() {
        assertThat(WorkflowCommands.escapeData("100% done\r\nnext: a,b")).isEqualTo("100%25 done%0D%0Anext: a,b");
        assertThat(WorkflowCommands.escapeProperty("100% done\r\nnext: a,b")).isEqualTo("100%25 done%0D%0Anext%3A a%2Cb");
        assertThat(WorkflowCommands.escapeData("%0A")).isEqualTo("%250A");
    }

    @Test
    @DisplayName("a finding becomes one annotation with file, line, col, endLine, endColumn and title")
    void annotationLine() {
        GitHubActions gh = new GitHubActions(Map.of(), out);
        Finding f = Finding.builder("syntax/python", Severity.ERROR).category("unterminated-string").file("tests/mc/test_pay.py").at(12, 9).message("unterminated string literal (detected at line 12)").end(12, 30).build();
        assertThat(gh.annotation(f)).isEqualTo("::error file=tests/mc/test_pay.py,line=12,col=9,"
                + "endLine=12,endColumn=30,title=syntax/python (unterminated-string)::unterminated string literal "
                + "(detected at line 12)");
        Finding odd = Finding.builder("ssot/alias", Severity.WARNING).category("a,b").file("dir,x/a:b%.py").line(3).message("line one\nline 2: 50%").build();
        assertThat(gh.annotation(odd)).isEqualTo(
                "::warning file=dir%2Cx/a%3Ab%25.py,line=3,title=ssot/alias (a%2Cb)::line one%0Aline 2: 50%25");
        Finding run = Finding.builder("recovery/redis", Severity.NOTE).message("redis is slow").build();
        assertThat(gh.annotation(run)).isEqualTo("::notice title=recovery/redis::redis is slow");
    }

    @Test
    @DisplayName("25 errors give 10 error annotations and one notice that counts the other 15 and names the report")
    void annotationLimit() throws Exception {
        GateResult r = SampleResults.many(25, 0, 0);
        Map<String, Path> reports = Reports.write(r, List.of("json", "md"), tmp.resolve("out"), new SecretMasker(), null);
        new GitHubActions(Map.of(), out).publish(r, reports, new SecretMasker(), "");
        List<String> errors = lines().stream().filter(l -> l.startsWith("::error ")).toList();
        List<String> notices = lines().stream().filter(l -> l.startsWith("::notice")).toList();
        assertThat(errors).hasSize(10);
        assertThat(errors.get(0)).startsWith("::error file=pkg/f000.py,line=1,col=2,");
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0)).contains("15 more findings are not annotated (15 errors, 0 warnings, 0 notes")
                .contains(WorkflowCommands.escapeProperty(reports.get("md").toString()).replace("%3A", ":"));
    }

    @Test
    @DisplayName("errors come first; each level is capped at 10, notices at 9 to leave room for the overflow notice")
    void levelsAndOrder() {
        new GitHubActions(Map.of(), out).publish(SampleResults.many(12, 11, 15), Map.of(), new SecretMasker(), "");
        List<String> ann = lines().stream().filter(l -> l.startsWith("::error") || l.startsWith("::warning")
                || l.startsWith("::notice")).toList();
        assertThat(ann.stream().filter(l -> l.startsWith("::error"))).hasSize(10);
        assertThat(ann.stream().filter(l -> l.startsWith("::warning"))).hasSize(10);
        assertThat(ann.stream().filter(l -> l.startsWith("::notice"))).hasSize(10);
        assertThat(ann.subList(0, 10)).allMatch(l -> l.startsWith("::error"));
        assertThat(ann.get(ann.size() - 1)).contains("9 more findings are not annotated (2 errors, 1 warnings, 6 notes");
    }

    @Test
    @DisplayName("a failed threshold is an error annotation, before the findings")
    void thresholdAnnotation() {
        new GitHubActions(Map.of(), out).publish(SampleResults.syntaxFail(), Map.of(), new SecretMasker(), "");
        String first = lines().stream().filter(l -> l.startsWith("::error")).findFirst().orElseThrow();
        assertThat(first).isEqualTo("::error title=syntax threshold mission_critical::mission_critical: 66.6%25 "
                + "misses the required >= 100%25");
    }

    @Test
    @DisplayName("every secret is registered with ::add-mask:: before anything else, and masked in annotations")
    void masks() throws Exception {
        SecretMasker masker = new SecretMasker();
        masker.register(SampleResults.SECRET);
        masker.register("line-one\nline-two");
        Map<String, String> env = env();
        GitHubActions gh = new GitHubActions(env, out);
        gh.addMasks(masker);
        gh.publish(SampleResults.withSecret(), Map.of(), masker, "");
        List<String> lines = lines();
        assertThat(lines.subList(0, 3)).containsExactlyInAnyOrder("::add-mask::" + SampleResults.SECRET,
                "::add-mask::line-one", "::add-mask::line-two");
        assertThat(lines.subList(3, lines.size())).allSatisfy(l -> assertThat(l).doesNotContain("s3cr"));
        assertThat(String.join("\n", lines)).contains("DATABASE_PASSWORD=*** is refused");
        assertThat(Files.readString(Path.of(env.get("GITHUB_STEP_SUMMARY")))).doesNotContain("s3cr");
        assertThat(Files.readString(Path.of(env.get("GITHUB_OUTPUT")))).doesNotContain("s3cr").contains("token *** rejected");
    }

    @Test
    @DisplayName("outputs use name<<DELIM heredocs that the runner parses back to the verdict, counts and paths")
    void outputs() throws Exception {
        Map<String, String> env = env();
        Files.writeString(Path.of(env.get("GITHUB_OUTPUT")), "earlier=step\n");
        GateResult r = SampleResults.syntaxFail();
        Map<String, Path> reports = Reports.write(r, Reports.FORMATS, tmp.resolve("out"), new SecretMasker(), null);
        new GitHubActions(env, out).publish(r, reports, new SecretMasker(), "");
        String text = Files.readString(Path.of(env.get("GITHUB_OUTPUT")));
        Matcher m = Pattern.compile("^verdict<<(ghadelimiter_[0-9a-f-]{36})$", Pattern.MULTILINE).matcher(text);
        assertThat(m.find()).isTrue();
        Map<String, String> outputs = parseOutputs(text);
        assertThat(outputs).containsEntry("earlier", "step").containsEntry("verdict", "FAIL")
                .containsEntry("errors", "4").containsEntry("warnings", "1").containsEntry("notes", "1")
                .containsEntry("new", "4").containsEntry("fixed", "1").containsEntry("exit-code", "1")
                .containsEntry("failed-thresholds", "1")
                .containsEntry("report-dir", tmp.resolve("out").toAbsolutePath().toString())
                .containsEntry("report-json", reports.get("json").toAbsolutePath().toString())
                .containsEntry("report-sarif", reports.get("sarif").toAbsolutePath().toString())
                .containsEntry("report-junit", reports.get("junit").toAbsolutePath().toString())
                .containsEntry("summary", "3 of 30 Python files do not compile");
    }

    @Test
    @DisplayName("a delimiter that occurs in the value is replaced by a fresh one")
    void delimiterCollision() {
        Deque<String> candidates = new ArrayDeque<>(List.of("EOF", "EOF2", "SAFE"));
        GitHubActions gh = new GitHubActions(Map.of(), out, null, candidates::poll);
        String doc = gh.heredoc("summary", "a\nEOF\nEOF2 inside\nb");
        assertThat(doc).isEqualTo("summary<<SAFE\na\nEOF\nEOF2 inside\nb\nSAFE\n");
        assertThat(parseOutputs(doc)).containsEntry("summary", "a\nEOF\nEOF2 inside\nb");
    }

    @Test
    @DisplayName("the step summary is appended, and kept under 1 MiB with what the file already held")
    void stepSummaryCap() throws Exception {
        Map<String, String> env = env();
        Path summary = Path.of(env.get("GITHUB_STEP_SUMMARY"));
        String earlier = "# earlier step\n" + "x".repeat(950 * 1024) + "\n";
        Files.writeString(summary, earlier);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rows.add(List.of("services/s" + i + "/module.py", "lost test file " + i + " " + "y".repeat(80)));
        }
        GateResult big = new GateResult(1, "syntax", Verdict.FAIL, "big", SampleResults.STARTED, 1, null, null, null,
                List.of(Finding.builder("syntax/python", Severity.ERROR).file("a.py").at(1, 1).message("boom").build()),
                java.util.stream.IntStream.range(0, 6)
                        .mapToObj(i -> (Section) Table.ofText("lost" + i, "Lost " + i, List.of("File", "Why"), rows)).toList(),
                null);
        new GitHubActions(env, out).publish(big, Map.of(), new SecretMasker(), "");
        byte[] content = Files.readAllBytes(summary);
        assertThat(content.length).isLessThanOrEqualTo(GitHubActions.SUMMARY_MAX_BYTES)
                .isGreaterThan(earlier.length() + 30 * 1024);
        String text = new String(content, StandardCharsets.UTF_8);
        assertThat(text).startsWith(earlier).contains("## syntax gate: FAIL").contains("#### a.py", "boom")
                .contains("Tables left out to stay under").contains("the full report is `syntax.json` in the report directory");
        assertThat(text.lines().filter(l -> l.startsWith("| services/")))
                .allMatch(l -> l.endsWith(" |"));
    }

    @Test
    @DisplayName("without GITHUB_OUTPUT or GITHUB_STEP_SUMMARY, or with unwritable ones, publish notes it and goes on")
    void missingOrBrokenEnvironment() throws Exception {
        GitHubActions gh = new GitHubActions(Map.of(), out);
        gh.publish(SampleResults.syntaxFail(), Map.of(), new SecretMasker(), "");
        assertThat(lines()).contains("recovery-gates: $GITHUB_STEP_SUMMARY is not set; step summary skipped",
                "recovery-gates: $GITHUB_OUTPUT is not set; step outputs skipped");
        bytes.reset();
        Path dir = Files.createDirectory(tmp.resolve("a-directory"));
        new GitHubActions(Map.of("GITHUB_OUTPUT", dir.toString(), "GITHUB_STEP_SUMMARY",
                tmp.resolve("missing/dir/summary.md").toString()), out)
                .publish(SampleResults.gateError(), Map.of(), null, "");
        assertThat(lines()).anySatisfy(l -> assertThat(l).startsWith("recovery-gates: cannot append to $GITHUB_OUTPUT"));
        assertThat(lines()).anySatisfy(l -> assertThat(l)
                .startsWith("recovery-gates: cannot append to $GITHUB_STEP_SUMMARY"));
        assertThat(lines()).contains("::error title=recovery/gate-error (gate-error)::python3 not found: set "
                + "syntax.python.interpreter");
    }

    @Test
    @DisplayName("with --root below $GITHUB_WORKSPACE, annotation paths are relative to the workspace")
    void workspaceRelativePaths() {
        Path ws = tmp.resolve("ws");
        Map<String, String> env = Map.of("GITHUB_WORKSPACE", ws.toString());
        GitHubActions gh = new GitHubActions(env, out, ws.resolve("examples/monorepo"));
        Finding f = Finding.builder("syntax/python", Severity.ERROR).file("tests/a.py").at(2, 1).message("x").build();
        assertThat(gh.annotation(f)).startsWith("::error file=examples/monorepo/tests/a.py,line=2");
        GitHubActions atRoot = new GitHubActions(env, out, ws);
        assertThat(atRoot.annotation(f)).startsWith("::error file=tests/a.py,");
    }

    @Test
    @DisplayName("one instance publishing several gates in one step shares the 10-per-level budget")
    void budgetSharedAcrossGates() {
        GitHubActions gh = new GitHubActions(Map.of(), out);
        gh.publish(SampleResults.many(6, 0, 0), Map.of(), new SecretMasker(), "");
        gh.publish(SampleResults.many(7, 0, 0), Map.of(), new SecretMasker(), "");
        List<String> lines = lines();
        assertThat(lines.stream().filter(l -> l.startsWith("::error "))).hasSize(10);
        assertThat(lines.stream().filter(l -> l.startsWith("::notice"))).singleElement().asString()
                .contains("3 more findings are not annotated (3 errors");
    }

    @Test
    @DisplayName("writeOutputs lets a caller publish its own outputs in the same heredoc form")
    void writeOutputs() throws Exception {
        Map<String, String> env = env();
        SecretMasker masker = new SecretMasker();
        masker.register("hunter22");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("verdict", "FAIL");
        values.put("note", "two\nlines with hunter22");
        new GitHubActions(env, out).writeOutputs(values, masker);
        assertThat(parseOutputs(Files.readString(Path.of(env.get("GITHUB_OUTPUT")))))
                .containsExactly(Map.entry("verdict", "FAIL"), Map.entry("note", "two\nlines with ***"));
    }

    @Test
    @DisplayName("the change's own lines are annotated first; a filter mode annotates only them and counts the rest")
    void changedLinesFirst() {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            findings.add(Finding.builder("syntax/python", Severity.ERROR).file("old" + i + ".py").line(1).message("old")
                    .diff(Finding.DiffPosition.OUTSIDE).build());
        }
        findings.add(Finding.builder("syntax/python", Severity.ERROR).file("z.py").line(9).message("mine")
                .diff(Finding.DiffPosition.ADDED).build());
        GateResult r = new GateResult(1, "syntax", Verdict.FAIL, "s", null, 1, null, null, null, findings, null, null);
        new GitHubActions(Map.of(), out).publish(r, Map.of(), new SecretMasker(), "");
        List<String> errors = lines().stream().filter(l -> l.startsWith("::error ")).toList();
        assertThat(errors).hasSize(10);
        assertThat(errors.get(0)).contains("file=z.py,line=9");
        bytes.reset();
        new GitHubActions(Map.of(), out).filter(io.github.recoverygates.core.FilterMode.ADDED).publish(r, Map.of(), new SecretMasker(), "");
        assertThat(lines().stream().filter(l -> l.startsWith("::error "))).singleElement().asString().contains("file=z.py");
        assertThat(lines()).anySatisfy(l -> assertThat(l).startsWith("::notice").contains("12 outside filter mode added"));
    }
}
