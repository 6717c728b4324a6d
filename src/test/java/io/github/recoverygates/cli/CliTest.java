package io.github.recoverygates.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.core.FailOn;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.ShardMerge;
import io.github.recoverygates.core.Threshold;
import io.github.recoverygates.core.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit codes, messages, files written. */
class CliTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void onlyTheInvokedCommandIsBuiltAndEverythingElseGetsTheFullSet() {
        PrintStream none = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        var full = Main.commandLine(none, none, null).getSubcommands().keySet();
        assertThat(full).contains("recovery", "syntax", "all", "merge", "repair");
        assertThat(Main.commandLine(none, none, "recovery").getSubcommands().keySet()).containsExactly("recovery");
        assertThat(Main.commandLine(none, none, "merge").getSubcommands().keySet()).containsExactly("merge");
        assertThat(Main.commandLine(none, none, "--help").getSubcommands().keySet()).isEqualTo(full);
        assertThat(Main.commandLine(none, none, "recovry").getSubcommands().keySet()).isEqualTo(full);

        ByteArrayOutputStream typo = new ByteArrayOutputStream();
        PrintStream typoErr = new PrintStream(typo, true, StandardCharsets.UTF_8);
        assertThat(Main.execute(new String[]{"recovry"}, none, typoErr)).isEqualTo(2);
        assertThat(typo.toString(StandardCharsets.UTF_8)).contains("recovery");
    }

    @Test
    void an_unknown_command_or_option_is_a_usage_error_with_exit_2() {
        assertThat(cli("frobnicate").code()).isEqualTo(2);
        Run run = cli("all", "--no-such-option");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--no-such-option");
    }

    @Test
    void a_root_that_does_not_exist_is_exit_2_with_a_message_and_no_stack_trace() {
        Run run = cli("all", "--root", dir.resolve("missing").toString(), "--out", dir.resolve("out").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("is not a directory").doesNotContain("Exception", "\tat ");
    }

    @Test
    void a_config_with_an_unknown_key_is_exit_2_naming_file_line_and_key() throws Exception {
        Path config = dir.resolve("gates.yml");
        Files.writeString(config, "exclude: []\nsyntaks: {}\n");
        Run run = cli("all", "--root", dir.toString(), "--config", config.toString(), "--out", dir.resolve("out").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("gates.yml:2", "syntaks");
    }

    @Test
    void merge_joins_shard_reports_into_one_report_and_verdict() throws Exception {
        Path a = dir.resolve("shard1");
        Path b = dir.resolve("shard2");
        Files.createDirectories(a);
        Files.createDirectories(b);
        writeShard(a, 1, 9, 10, List.of(Finding.builder("syntax/python", Severity.ERROR).category("other").file("x.py").at(1, 1).message("bad").build()));
        writeShard(b, 2, 10, 10, List.of());
        Path out = dir.resolve("merged");

        Run run = cli("merge", a.toString(), b.resolve("syntax.json").toString(), "--out", out.toString(), "--format", "json");

        assertThat(run.code()).as(run.err()).isEqualTo(1);
        GateResult merged = Json.REPORT.readValue(out.resolve("lint.json").toFile(), GateResult.class);
        assertThat(merged.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(merged.thresholds().get(0).actual()).isEqualTo(95.0);
        assertThat(merged.findings()).hasSize(1);
        assertThat(Json.REPORT.readTree(out.resolve("lint.json").toFile()).toString())
                .isEqualTo(Json.REPORT.valueToTree(ShardMerge.merge(List.of(read(a), read(b)), FailOn.ERROR)).toString());
    }

    @Test
    void merge_of_nothing_readable_is_a_usage_error() {
        assertThat(cli("merge", dir.resolve("nope").toString()).code()).isEqualTo(2);
    }

    @Test
    void init_prints_a_starter_config() throws Exception {
        Files.createDirectories(dir.resolve("tests/integration"));
        Files.writeString(dir.resolve("tests/integration/test_a.py"), "def test_a():\n    pass\n");
        Run run = cli("init", "--root", dir.toString(), "--stdout");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("include: [\"tests/integration/**\"], min: 95");
        assertThat(dir.resolve(".recovery-gates.yml")).doesNotExist();
    }

    @Test
    void init_writes_the_config_naming_its_schema_for_editors_and_the_schema_beside_it() throws Exception {
        Run run = cli("init", "--root", dir.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve(".recovery-gates.yml")).get(0))
                .isEqualTo("# yaml-language-server: $schema=.recovery-gates.schema.json");
        assertThat(Files.readString(dir.resolve(".recovery-gates.schema.json")))
                .isEqualTo(io.github.recoverygates.core.ConfigSchema.json());
        assertThat(cli("schema").out()).isEqualTo(io.github.recoverygates.core.ConfigSchema.json());
        Run elsewhere = cli("init", "--root", dir.toString(), "--stdout", "--schema-url", "https://example.org/s.json");
        assertThat(elsewhere.out()).startsWith("# yaml-language-server: $schema=https://example.org/s.json\n");
        assertThat(cli("init", "--root", dir.toString(), "--hooks=svn", "--stdout").code()).isEqualTo(2);
    }

    @Test
    void init_hooks_keeps_an_existing_config_and_adds_the_pre_commit_entry_never_the_publisher_file() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("hooked"));
        Process git = new ProcessBuilder("git", "init", "-q", repo.toString()).inheritIO().start();
        assertThat(git.waitFor()).isZero();
        Files.writeString(repo.resolve(".recovery-gates.yml"), "syntax: {}\n");
        Run run = cli("init", "--root", repo.toString(), "--hooks");
        assertThat(run.code()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).contains("kept", "pre-commit install");
        assertThat(Files.readString(repo.resolve(".recovery-gates.yml"))).isEqualTo("syntax: {}\n");
        assertThat(Files.readString(repo.resolve(".pre-commit-config.yaml"))).contains("repo: local", "id: recovery-gates");
        assertThat(repo.resolve(".pre-commit-hooks.yaml")).doesNotExist();
        assertThat(repo.resolve(".git/hooks/pre-commit")).doesNotExist();
    }

    @Test
    void pre_commit_outside_a_repository_or_with_a_gate_that_reads_no_files_is_a_usage_error() {
        Run outside = cli("pre-commit", "--root", dir.toString());
        assertThat(outside.code()).isEqualTo(2);
        assertThat(outside.err()).contains("not inside a git work tree");
        Run gate = cli("pre-commit", "--root", dir.toString(), "--gates", "recovery");
        assertThat(gate.code()).isEqualTo(2);
        assertThat(gate.err()).contains("allowed: ssot, syntax");
    }

    @Test
    void all_without_a_config_runs_the_syntax_gate_and_writes_the_dashboard() throws Exception {
        Files.writeString(dir.resolve("ok.py"), "x = 1\n");
        Path out = dir.resolve("reports-elsewhere");
        Path root = Files.createDirectories(dir.resolve("repo"));
        Files.move(dir.resolve("ok.py"), root.resolve("ok.py"));
        Run run = cli("all", "--root", root.toString(), "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(out.resolve("syntax.json")).exists();
        assertThat(out.resolve("dashboard.html")).exists();
        assertThat(out.resolve("ssot.json")).doesNotExist();
        assertThat(run.out()).contains("all: PASS");
    }

    private static GateResult read(Path shardDir) throws Exception {
        return Json.REPORT.readValue(shardDir.resolve("syntax.json").toFile(), GateResult.class);
    }

    private static void writeShard(Path dir, int index, long parsed, long files, List<Finding> findings) throws Exception {
        GateResult r = new GateResult(1, "lint", findings.isEmpty() ? Verdict.PASS : Verdict.FAIL, "s",
                Instant.parse("2026-01-01T00:00:00Z"), 5, new TreeMap<>(Map.of("files.python", files)),
                List.of(Threshold.rate("unit", List.of("**/tests/unit/**"), 96, parsed, files, false)), null, findings,
                List.of(), null, new io.github.recoverygates.core.ShardInfo(index, 2, "files"));
        Files.writeString(dir.resolve("syntax.json"), Json.REPORT.writeValueAsString(r));
    }
}
