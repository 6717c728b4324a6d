package io.github.recoverygates.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.recoverygates.api.Engine;
import io.github.recoverygates.api.RunRequest;
import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.Progress;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.Threshold;
import io.github.recoverygates.render.Dashboard;
import io.github.recoverygates.render.Links;
import io.github.recoverygates.render.MarkdownReport;
import io.github.recoverygates.render.Masked;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pull request from a fork controls the tree, the config and every answer of a probed service.
 * Each test is one way in that once worked, and what the gate does now.
 */
class HostileInputTest {

    @TempDir
    Path dir;

    private Path repo(String... pathsAndContents) throws Exception {
        Path root = Files.createDirectories(dir.resolve("repo"));
        for (int i = 0; i + 1 < pathsAndContents.length; i += 2) {
            Path f = root.resolve(pathsAndContents[i]);
            Files.createDirectories(f.getParent());
            Files.writeString(f, pathsAndContents[i + 1]);
        }
        return root;
    }

    private CliTest.Run cli(String... args) {
        return CliTest.cli(args);
    }

    @Test
    @DisplayName("a file named like a workflow command is printed with its newline visible, on a line that starts with our words")
    void aFileNameCannotStartAWorkflowCommand() throws Exception {
        Path root = repo("a\n::warning title=x::y.py", "def f(:\n", "ok.py", "x = 1\n");
        CliTest.Run run = cli("syntax", "--root", root.toString(), "--out", dir.resolve("out").toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("a\\n::warning title=x::y.py");
        assertThat(run.out().lines()).noneMatch(l -> l.strip().startsWith("::"));
    }

    @Test
    @Timeout(120)
    @DisplayName("100000 workers in the config or 10000 on the command line are clamped with a notice; 0 or -1 is a usage error")
    void workerCountsAreBounded() throws Exception {
        Path root = repo("ok.py", "x = 1\n", ".recovery-gates.yml", "syntax:\n  python:\n    workers: 100000\n");
        CliTest.Run config = cli("syntax", "--root", root.toString(), "--out", dir.resolve("out1").toString());
        assertThat(config.code()).as(config.err()).isZero();
        String max = Integer.toString(2 * Runtime.getRuntime().availableProcessors());
        assertThat(config.out()).contains("syntax.python.workers (100000) exceed twice the").contains("using " + max);
        Files.delete(root.resolve(".recovery-gates.yml"));
        CliTest.Run flag = cli("syntax", "--root", root.toString(), "--workers", "10000", "--out", dir.resolve("out2").toString());
        assertThat(flag.code()).isZero();
        assertThat(flag.out()).contains("the requested workers (10000) exceed twice the");
        for (String n : List.of("0", "-1")) {
            CliTest.Run bad = cli("syntax", "--root", root.toString(), "--workers", n, "--out", dir.resolve("out3").toString());
            assertThat(bad.code()).isEqualTo(2);
            assertThat(bad.err()).contains("--workers must be at least 1, got " + n);
        }
    }

    @Test
    @DisplayName("no 8-character piece of a secret survives a cut, in any text")
    void partOfASecretIsMasked() {
        SecretMasker masker = new SecretMasker();
        String secret = "k3y-9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1"; // 41 characters, as JWT_SECRET_KEY was
        masker.register(secret);
        String cut = "…" + secret.substring(secret.length() - 19) + " and more";
        String masked = masker.mask("command said: " + cut);
        for (int i = 0; i + 8 <= secret.length(); i++) {
            assertThat(masked).doesNotContain(secret.substring(i, i + 8));
        }
        assertThat(masked).startsWith("command said: …***").endsWith(" and more");
        assertThat(masker.mask("services reading one or the other disagree")).as("plain words are not secrets")
                .isEqualTo("services reading one or the other disagree");
    }

    @Test
    @DisplayName("credential headers and secret-named query parameters are masked wherever they are echoed")
    void headersAndQueryParametersAreSecrets() {
        SecretMasker m = new SecretMasker();
        assertThat(m.mask("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.x.y")).isEqualTo("Authorization: Bearer ***");
        assertThat(m.mask("{\"x-api-key\":\"abcd1234efgh\",\"ok\":1}")).isEqualTo("{\"x-api-key\":\"***\",\"ok\":1}");
        assertThat(m.mask("Proxy-Authorization: Basic dXNlcjpwYXNz")).isEqualTo("Proxy-Authorization: Basic ***");
        assertThat(m.mask("Set-Cookie: session=abc123; HttpOnly")).isEqualTo("Set-Cookie: ***");
        assertThat(m.mask("X-Refresh-Token: 0123456789")).isEqualTo("X-Refresh-Token: ***");
        assertThat(m.mask("GET wss://h/ws?user=1&token=s3cr3t&sig=ff00 ok"))
                .isEqualTo("GET wss://h/ws?user=1&token=***&sig=*** ok");
        assertThat(m.mask("postgres://app:hunter22@db/app")).isEqualTo("postgres://app:***@db/app");
    }

    @Test
    @DisplayName("a --changed-from that looks like an option is a ref that names no commit: exit 2, nothing written")
    void aRefCannotBecomeAGitOption() throws Exception {
        Path root = repo("a.py", "x = 1\n");
        git(root, "init", "-q");
        git(root, "add", ".");
        git(root, "-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qm", "one");
        Path planted = dir.resolve("planted.txt");
        CliTest.Run run = cli("syntax", "--root", root.toString(), "--changed-from", "--output=" + planted,
                "--out", dir.resolve("out").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--changed-from: '--output=" + planted + "' names no commit");
        assertThat(planted).doesNotExist();
        assertThat(cli("syntax", "--root", root.toString(), "--changed-from", "HEAD", "--out", dir.resolve("out2").toString())
                .code()).isZero();
    }

    @Test
    @DisplayName("YAML aliases mean what YAML says, an unknown alias is an error at its line, and an empty scope fails")
    void yamlMeansWhatItSays() throws Exception {
        Path root = repo("src/a.py", "x = 1\n");
        Path config = dir.resolve("gates.yml");
        Files.writeString(config, "syntax:\n  include: *ex\n");
        CliTest.Run unknown = cli("syntax", "--root", root.toString(), "--config", config.toString(), "--out", dir.resolve("o1").toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("gates.yml:2:").contains("alias *ex refers to no anchor");

        Files.writeString(config, "exclude: &ex ['**/vendor/**']\nsyntax:\n  exclude: *ex\n  thresholds:\n"
                + "    - {name: api, include: ['services/**'], min: 90}\n");
        CliTest.Run empty = cli("syntax", "--root", root.toString(), "--config", config.toString(), "--out", dir.resolve("o2").toString());
        assertThat(empty.code()).as("a threshold over no file fails").isEqualTo(1);
        assertThat(empty.out()).contains("api: empty scope (0/0): nothing was measured, so it fails");

        Files.writeString(config, "syntax:\n  thresholds:\n    - {name: api, include: ['services/**'], min: 90, allowEmpty: true}\n");
        assertThat(cli("syntax", "--root", root.toString(), "--config", config.toString(), "--out", dir.resolve("o3").toString())
                .code()).as("unless the config allows it").isZero();
    }

    @Test
    @DisplayName("without --out, reports go to the CI's private temp dir or a fresh 0700 directory, never through a planted symlink")
    void theDefaultReportDirectoryIsPrivate() throws Exception {
        Path root = repo("a.py", "x = 1\n");
        Engine engine = new Engine(Progress.SILENT);
        RunResult fresh = engine.run(RunRequest.builder("syntax", root, null).environment(Map.of("PATH", System.getenv("PATH"))).build());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.reportDir()))).isEqualTo("rwx------");
        RunResult again = engine.run(RunRequest.builder("syntax", root, null).environment(Map.of("PATH", System.getenv("PATH"))).build());
        assertThat(again.reportDir()).as("a new directory each run").isNotEqualTo(fresh.reportDir());

        Path runnerTemp = Files.createDirectories(dir.resolve("runner-temp"));
        RunResult ci = engine.run(RunRequest.builder("syntax", root, null)
                .environment(Map.of("PATH", System.getenv("PATH"), "RUNNER_TEMP", runnerTemp.toString())).build());
        assertThat(ci.reportDir()).isEqualTo(runnerTemp.resolve("recovery-gates-report"));

        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path trap = Files.createDirectories(dir.resolve("trap-temp"));
        Files.createSymbolicLink(trap.resolve("recovery-gates-report"), elsewhere);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.run(RunRequest.builder("syntax", root, null)
                        .environment(Map.of("PATH", System.getenv("PATH"), "RUNNER_TEMP", trap.toString())).build()))
                .hasMessageContaining("is a symbolic link; refusing to write reports through it");
        try (var files = Files.list(elsewhere)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    @DisplayName("a FIFO named x.py is a special-file finding and is never opened")
    void aFifoIsAFindingNotAHang() throws Exception {
        Path root = repo("ok.py", "x = 1\n");
        Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("x.py").toString()).start();
        assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo is available");
        CliTest.Run run = cli("syntax", "--root", root.toString(), "--out", dir.resolve("out").toString());
        assertThat(run.out()).contains("workspace/special-file").contains("x.py");
        assertThat(run.code()).as("a warning, not a pass that hides it nor a crash").isZero();
        assertThat(run.out()).startsWith("syntax: WARN");
    }

    @Test
    @DisplayName("a valid 5 MB YAML file parses")
    void aLargeValidYamlFileParses() throws Exception {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; yaml.length() < 5 * 1024 * 1024; i++) {
            yaml.append("key").append(i).append(": \"").append("v".repeat(60)).append("\"\n");
        }
        Path root = repo("big.yaml", yaml.toString());
        CliTest.Run run = cli("syntax", "--root", root.toString(), "--out", dir.resolve("out").toString());
        assertThat(run.code()).as(run.out()).isZero();
        assertThat(run.out()).doesNotContain("code points");
    }

    @Test
    @DisplayName("a bad glob, a bad worker count and an unknown --set key are usage errors naming what is wrong")
    void configAndCommandLineMistakesAreUsageErrors() throws Exception {
        Path root = repo("a.py", "x = 1\n");
        Path config = dir.resolve("gates.yml");
        Files.writeString(config, "syntax:\n  include: [\"**/{a,\"]\n");
        CliTest.Run glob = cli("syntax", "--root", root.toString(), "--config", config.toString(), "--out", dir.resolve("o").toString());
        assertThat(glob.code()).isEqualTo(2);
        assertThat(glob.err()).contains("glob '**/{a,': unclosed '{' at position 4");
        Files.writeString(config, "extendExclude: [\"**/{a,\"]\n");
        CliTest.Run top = cli("syntax", "--root", root.toString(), "--config", config.toString(), "--out", dir.resolve("o").toString());
        assertThat(top.code()).isEqualTo(2);
        assertThat(top.err()).contains("gates.yml:1:").contains("extendExclude: glob '**/{a,'");

        CliTest.Run set = cli("syntax", "--root", root.toString(), "--set", "nonexistent.key=1", "--out", dir.resolve("o").toString());
        assertThat(set.code()).isEqualTo(2);
        assertThat(set.err()).contains("--set nonexistent.key: unknown key 'nonexistent'");
        CliTest.Run inSection = cli("syntax", "--root", root.toString(), "--set", "syntax.pyhton.workers=2", "--out", dir.resolve("o").toString());
        assertThat(inSection.code()).isEqualTo(2);
        assertThat(inSection.err()).contains("--set syntax.pyhton.workers").contains("unknown key 'pyhton'")
                .contains("did you mean 'python'?");
        CliTest.Run format = cli("syntax", "--root", root.toString(), "--format", "xml", "--out", dir.resolve("o").toString());
        assertThat(format.code()).isEqualTo(2);
        assertThat(format.err()).contains("unknown format 'xml'").contains("allowed: json, sarif, junit, md, html");
    }

    @Test
    @DisplayName("the dashboard has a strict policy, --link-base must be http(s), and graph labels cannot break out of Mermaid")
    void dashboardAndMarkdownHardening() throws Exception {
        Path root = repo("a.py", "x = 1\n", ".recovery-gates.yml", "syntax: {}\n");
        CliTest.Run js = cli("all", "--root", root.toString(), "--link-base", "javascript:alert(1)//", "--out", dir.resolve("o").toString());
        assertThat(js.code()).isEqualTo(2);
        assertThat(js.err()).contains("--link-base must be an http(s) URL");
        CliTest.Run ok = cli("all", "--root", root.toString(), "--out", dir.resolve("o2").toString());
        assertThat(Files.readString(dir.resolve("o2/dashboard.html"))).contains("Content-Security-Policy\" content=\"default-src 'none'");

        var graph = new io.github.recoverygates.core.Graph("g", "Services", List.of(
                new io.github.recoverygates.core.Graph.Node("a", "db\"]\n  click a call alert(1)\n<script>", "x", null)), List.of());
        var result = new io.github.recoverygates.core.GateResult(1, "recovery", io.github.recoverygates.core.Verdict.FAIL, "s",
                null, 1, null, null, null, List.<Finding>of(), List.of(graph), null);
        String md = MarkdownReport.render(Masked.of(result, new SecretMasker()), MarkdownReport.MAX_BYTES);
        String mermaid = md.substring(md.indexOf("```mermaid"), md.indexOf("```", md.indexOf("```mermaid") + 3));
        assertThat(mermaid).contains("n0[\"db#quot;]\\n  click a call alert(1)\\n#lt;script#gt; · x\"]")
                .doesNotContain("<script>").doesNotContain("\n  click");
        assertThat(ok.code()).isZero();
        assertThat(new Dashboard(new Links("https://h/blob/x", ""), List.of()).markdown(List.of(result))).doesNotContain("<script>");
    }

    @Test
    @Timeout(120)
    @DisplayName("an interpreter that hangs is killed with every process it started")
    void aHangingInterpreterLeavesNoOrphans() throws Exception {
        Path root = repo("a.py", "x = 1\n");
        Path wrapper = dir.resolve("python-wrapper");
        String marker = "987" + ProcessHandle.current().pid();
        Files.writeString(wrapper, "#!/bin/sh\nsleep " + marker + " &\n"
                + "exec python3 -c 'import json,sys,time; print(json.dumps({\"hello\":1,\"version\":\"3.11.0\","
                + "\"implementation\":\"cpython\",\"executable\":\"x\"}), flush=True); time.sleep(600)'\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        Path config = dir.resolve("gates.yml");
        Files.writeString(config, "syntax:\n  python: {interpreter: \"" + wrapper + "\", timeout: 1s, workers: 1}\n");
        CliTest.Run run = cli("syntax", "--root", root.toString(), "--config", config.toString(), "--out", dir.resolve("o").toString());
        assertThat(run.out()).contains("a.py");
        Thread.sleep(500);
        assertThat(ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.contains("sleep " + marker))).as("the wrapper's child is gone").isEmpty();
    }

    private static void git(Path root, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }
}
