package io.github.recoverygates.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.SecretMasker;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Microsoft's SARIF validator (npm {@code @microsoft/sarif-multitool}) over our SARIF, when it is
 * installed (.ci/run installs it; the test is skipped, saying so, where it is not). The tool exits 0
 * even when it finds errors, so the test reads its output log and fails on any error-level result.
 */
class SarifMultitoolTest {

    @TempDir
    Path dir;

    private static Optional<Path> multitool() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator)).map(p -> Path.of(p, "sarif-multitool"))
                .filter(Files::isExecutable).findFirst();
    }

    @Test
    @DisplayName("sarif-multitool validate reports no error for a failing run and for a gate that could not run")
    void multitoolFindsNoErrors() throws Exception {
        Optional<Path> tool = multitool();
        assumeTrue(tool.isPresent(), "sarif-multitool is not on PATH (npm i -g @microsoft/sarif-multitool)");
        // through node itself: the package's bin.js has been published with CRLF line ends, so its
        // "#!/usr/bin/env node" shebang asks for a program named "node\r"
        List<String> command = new ArrayList<>(List.of("node", tool.get().toRealPath().toString(), "validate"));
        for (GateResult r : List.of(SampleResults.syntaxFail(), SampleResults.gateError())) {
            Path sarif = Files.writeString(dir.resolve(r.gate() + ".sarif"),
                    SarifReport.render(Masked.of(r, new SecretMasker()), dir));
            command.add(sarif.toString());
        }
        Path log = dir.resolve("validation.sarif");
        // The npm wrapper hands its arguments to a shell: the level list needs its own quotes, and
        // paths must not need any. Notes are requested too, so that a log with no results at all
        // (what the tool writes when it cannot read a file) is caught.
        assertThat(dir.toString()).doesNotContain(" ");
        command.addAll(List.of("--output", log.toString(), "--log", "ForceOverwrite", "--level",
                "\"Error;Warning;Note\""));
        Path consoleFile = dir.resolve("console.txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(consoleFile.toFile()).start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("sarif-multitool finished in time").isTrue();
        String console = Files.readString(consoleFile, StandardCharsets.UTF_8);
        assertThat(log).as("validation log; console said: %s", console).exists();
        JsonNode doc = Json.REPORT.readTree(log.toFile());
        List<String> errors = new ArrayList<>();
        List<String> analysed = new ArrayList<>();
        for (JsonNode run : doc.path("runs")) {
            for (JsonNode res : run.path("results")) {
                analysed.add(res.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
                if ("error".equals(res.path("level").asText("warning"))) {
                    errors.add(res.path("ruleId").asText() + " " + res.path("message").toString());
                }
            }
            for (JsonNode inv : run.path("invocations")) {
                assertThat(inv.path("executionSuccessful").asBoolean(true)).as(console).isTrue();
            }
        }
        assertThat(errors).as("sarif-multitool errors; console: %s", console).isEmpty();
        assertThat(analysed).as("every file was read and analysed").anyMatch(u -> u.endsWith("syntax.sarif"))
                .anyMatch(u -> u.endsWith("recovery.sarif"));
    }
}
