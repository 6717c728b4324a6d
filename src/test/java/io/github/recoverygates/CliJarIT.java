package io.github.recoverygates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI jar after {@code package}, run as a user runs it: no {@code SLF4J} line on stderr, neither
 * from a gate nor from the Jetty reference server (the jar bundles slf4j's no-op provider).
 */
class CliJarIT {

    private static Path jar;

    @TempDir
    Path tmp;

    @BeforeAll
    static void theJarIsBuilt() {
        jar = Path.of(System.getProperty("recoverygates.cliJar", "target/recovery-gates.jar")).toAbsolutePath();
        assertThat(jar).as("run by `mvn verify` after `package`").isRegularFile();
    }

    @Test
    void a_gate_run_prints_no_slf4j_line() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(repo.resolve("ok.json"), "{\"a\": 1}\n");
        Process p = new ProcessBuilder("java", "-jar", jar.toString(), "syntax", "--root", repo.toString(),
                "--out", tmp.resolve("out").toString(), "--format", "json")
                .redirectOutput(tmp.resolve("stdout.txt").toFile()).redirectError(tmp.resolve("stderr.txt").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String stderr = Files.readString(tmp.resolve("stderr.txt"));
        assertThat(p.exitValue()).as(stderr).isZero();
        assertThat(stderr).doesNotContain("SLF4J");
    }

    @Test
    void the_jetty_reference_server_prints_no_slf4j_line() throws Exception {
        Path err = tmp.resolve("serve-stderr.txt");
        Process p = new ProcessBuilder("java", "-jar", jar.toString(), "serve-reference", "--port", "0")
                .directory(tmp.toFile()).redirectError(err.toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as("the server's first line, stderr: %s", Files.readString(err))
                    .startsWith("reference server on http://127.0.0.1:");
        } finally {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        List<String> lines = Files.readAllLines(err);
        assertThat(lines).noneMatch(l -> l.contains("SLF4J"));
    }
}
