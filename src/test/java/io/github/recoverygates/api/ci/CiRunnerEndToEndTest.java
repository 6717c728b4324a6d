package io.github.recoverygates.api.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.recoverygates.api.Engine;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step call end to end through the real engine and the real syntax gate on
 * {@code examples/monorepo} (numbers from its EXPECTED.md), as the Jenkins step runs it on the
 * agent. Skipped only where the syntax gate or the examples are not part of the build.
 */
@DisplayName("A CI step runs the real syntax gate on examples/monorepo")
class CiRunnerEndToEndTest {

    private static final Path EXAMPLES = Paths.get("examples");

    @TempDir
    Path out;

    @TempDir
    Path configDir;

    /** The syntax section of examples/monorepo/.recovery-gates.yml, alone: this test needs no other gate. */
    private String syntaxConfig() throws java.io.IOException {
        Path file = configDir.resolve("syntax.yml");
        Files.writeString(file, """
                syntax:
                  thresholds:
                    - {name: mission_critical, include: ["tests/mission_critical/**"], min: 100}
                    - {name: integration, include: ["tests/integration/**"], min: 95}
                    - {name: unit, include: ["tests/unit/**"], min: 90}
                """);
        return file.toString();
    }

    @BeforeEach
    void needsTheSyntaxGateAndTheExamples() {
        assumeTrue(Engine.gates().stream().anyMatch(g -> g.name().equals("syntax")), "syntax gate installed");
        assumeTrue(Files.isDirectory(EXAMPLES.resolve("monorepo")), "examples/monorepo present");
        assumeTrue(Files.isRegularFile(EXAMPLES.resolve("monorepo/EXPECTED.md")), "examples/monorepo/EXPECTED.md present");
    }

    @Test
    void theStepReturnsTheVerdictMetricsAnnotationsAndReportPathsOfTheRun() throws Exception {
        CiRun run = new CiRunner(Progress.SILENT).run("syntaxGate",
                Map.of("root", "monorepo", "config", syntaxConfig(), "out", out.toString(), "format", "json,sarif,junit"),
                EXAMPLES.toAbsolutePath(), Map.of());

        Map<String, Object> map = run.resultMap();
        assertThat(map).containsEntry("verdict", "FAIL").containsEntry("buildResult", "FAILURE").containsEntry("exitCode", 1L);
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = (Map<String, Object>) map.get("metrics");
        assertThat(metrics).containsEntry("files.python", 54L).containsEntry("failed.python", 11L);
        assertThat(ResultMap.keyMetric(StepParameters.gate("syntaxGate"), run.result())).containsEntry("name", "mission_critical")
                .containsEntry("value", 60.0);
        assertThat(run.annotations()).anySatisfy(a -> {
            assertThat(a.file()).as("repository path: the root is prefixed").isEqualTo("monorepo/tests/mission_critical/test_websocket_agent_events_suite.py");
            assertThat(a.line()).isEqualTo(30);
            assertThat(a.level()).isEqualTo("error");
        });
        assertThat(run.annotations()).noneMatch(a -> a.file().startsWith("monorepo/backups/"));
        @SuppressWarnings("unchecked")
        Map<String, Object> reports = (Map<String, Object>) map.get("reports");
        assertThat(reports).containsOnlyKeys("json", "sarif", "junit");
        for (Object path : reports.values()) {
            assertThat(Path.of((String) path)).as("outside the workspace: absolute").isAbsolute().exists();
        }
        assertThat(run.findings()).isNotEmpty().allSatisfy(f -> assertThat(f).containsKeys("severity", "rule", "file", "line"));
        assertThat(run.outcome().reason()).startsWith("syntaxGate fail: ");
    }

    @Test
    void aKeyTheGateDoesNotKnowIsAConfigErrorThatNamesTheStepParameter() throws Exception {
        assertThatThrownBy(() -> new CiRunner(Progress.SILENT).run("syntaxGate",
                Map.of("root", "monorepo", "config", syntaxConfig(), "out", out.toString(),
                        "settings", List.of("syntax.bogusKey=1")),
                EXAMPLES.toAbsolutePath(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("syntaxGate: ")
                .hasMessageContaining("bogusKey")
                .hasMessageEndingWith("(set by settings 'syntax.bogusKey' → syntax.bogusKey)");
    }
}
