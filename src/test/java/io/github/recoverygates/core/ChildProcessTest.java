package io.github.recoverygates.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.api.Engine;
import io.github.recoverygates.api.RunRequest;
import io.github.recoverygates.api.RunResult;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's environment (a CI step's, e.g. Jenkins' {@code withEnv}/{@code PATH+X=}) reaches every
 * program a gate starts, and the program is looked up on that PATH, not the JVM's: python3 for the
 * syntax gate, a recovery {@code command} check, and git for {@code changedFrom}. Each program here is
 * a wrapper that exists only on the run's PATH, records that it ran, then runs the real one.
 */
class ChildProcessTest {

    @TempDir
    Path tmp;

    private Path bin() throws IOException {
        return Files.createDirectories(tmp.resolve("step-bin"));
    }

    /** A shell script on the step's PATH that records its name and a step variable, then execs {@code real}. */
    private Path wrapper(String name, String real) throws IOException {
        Path script = bin().resolve(name);
        Files.writeString(script, "#!/bin/sh\necho \"$RG_STEP_VAR\" >> \"" + tmp.resolve(name + ".ran") + "\"\n"
                + (real == null ? "test \"$RG_STEP_VAR\" = from-the-step\n" : "exec " + real + " \"$@\"\n"));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private Map<String, String> stepEnvironment() throws IOException {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("PATH", bin() + File.pathSeparator + System.getenv("PATH"));
        env.put("RG_STEP_VAR", "from-the-step");
        return env;
    }

    private String ran(String name) throws IOException {
        Path marker = tmp.resolve(name + ".ran");
        return Files.exists(marker) ? Files.readString(marker, StandardCharsets.UTF_8).strip() : "";
    }

    private RunResult run(String gate, Path root, String yaml, Map<String, String> env, String changedFrom)
            throws IOException, InterruptedException {
        Path config = tmp.resolve(gate + ".yml");
        Files.writeString(config, yaml);
        RunRequest request = RunRequest.builder(gate, root, tmp.resolve("out-" + gate)).config(config).environment(env).formats(List.of("json")).changedFrom(changedFrom).build();
        return new Engine(Progress.SILENT).run(request);
    }

    @Test
    void aProgramIsFoundOnTheRunsPathAndSeesItsVariables() throws Exception {
        wrapper("rg-env-probe", null);
        assertThat(ChildProcess.resolve("rg-env-probe", System.getenv())).as("not on the JVM's PATH").isEqualTo("rg-env-probe");
        assertThat(ChildProcess.resolve("rg-env-probe", stepEnvironment())).isEqualTo(bin().resolve("rg-env-probe").toString());

        Process p = ChildProcess.builder(List.of("rg-env-probe"), stepEnvironment()).redirectInput(ChildProcess.noInput()).start();

        assertThat(p.waitFor()).isZero();
        assertThat(ran("rg-env-probe")).isEqualTo("from-the-step");
    }

    @Test
    void aRecoveryCommandCheckRunsWithTheStepsEnvironment() throws Exception {
        wrapper("rg-env-probe", null);
        Path root = Files.createDirectories(tmp.resolve("repo"));
        String yaml = "recovery:\n  wait: {timeout: 3s, interval: 200ms}\n  checks:\n"
                + "    - {name: probe, type: command, command: [rg-env-probe], timeout: 2s}\n";

        RunResult withStepEnv = run("recovery", root, yaml, stepEnvironment(), null);
        RunResult withJvmEnv = run("recovery", root, yaml, System.getenv(), null);

        assertThat(withStepEnv.result().verdict()).isEqualTo(Verdict.PASS);
        assertThat(ran("rg-env-probe")).isEqualTo("from-the-step");
        assertThat(withJvmEnv.result().verdict()).as("the program is only on the step's PATH").isEqualTo(Verdict.FAIL);
        assertThat(withJvmEnv.result().summary()).contains("cannot run rg-env-probe");
    }

    @Test
    void theSyntaxGatesInterpreterIsThePython3OnTheStepsPath() throws Exception {
        String realPython = ChildProcess.resolve("python3", System.getenv());
        wrapper("python3", realPython);
        Path root = Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(root.resolve("ok.py"), "print('hi')\n");

        RunResult result = run("syntax", root, "syntax: {languages: [python]}\n", stepEnvironment(), null);

        assertThat(result.result().verdict()).isEqualTo(Verdict.PASS);
        assertThat(ran("python3")).as("the wrapper ran, with the step's variable").startsWith("from-the-step");
    }

    @Test
    void changedFromRunsTheGitOnTheStepsPath() throws Exception {
        Map<String, String> plain = System.getenv();
        String realGit = ChildProcess.resolve("git", plain);
        Path root = Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(root.resolve("a.py"), "x = 1\n");
        for (List<String> cmd : List.of(List.of("git", "init", "-q"), List.of("git", "add", "."),
                List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "one"))) {
            assertThat(ChildProcess.builder(cmd, plain).directory(root.toFile()).inheritIO().start().waitFor()).isZero();
        }
        Files.writeString(root.resolve("b.py"), "def broken(:\n");
        wrapper("git", realGit);

        RunResult result = run("syntax", root, "syntax: {languages: [python]}\n", stepEnvironment(), "HEAD");

        assertThat(ran("git")).startsWith("from-the-step");
        assertThat(result.result().metrics()).containsEntry("files.python", 1L);
        assertThat(result.result().verdict()).isEqualTo(Verdict.FAIL);
    }
}
