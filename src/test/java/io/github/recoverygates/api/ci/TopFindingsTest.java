package io.github.recoverygates.api.ci;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.core.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate page's findings travel as data (rows of JDK types), capped, errors first, as repository paths. */
class TopFindingsTest {

    @TempDir
    Path workspace;

    @Test
    void aRealRunSendsAtMostTwentyRowsErrorsFirstWithTheRootPrefixed() throws Exception {
        Path root = Files.createDirectories(workspace.resolve("svc"));
        for (int i = 0; i < 25; i++) {
            Files.writeString(root.resolve("broken_" + i + ".py"), "x = 1\ndef f(:\n    pass\n");
        }
        Files.writeString(root.resolve("<img src=x onerror=alert(1)>.py"), "x = 1\ndef f(:\n");
        Path config = workspace.resolve("gates.yml");
        Files.writeString(config, "syntax: {languages: [python]}\n");

        CiRun run = new CiRunner(Progress.SILENT).run("syntaxGate",
                Map.of("root", "svc", "config", config.toString(), "format", "json"), workspace, System.getenv());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) run.toTransport().get("findings");

        assertThat(rows).hasSize(TopFindings.MAX);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row).containsKeys("severity", "rule", "category", "file", "line", "message", "new");
            assertThat(row.get("severity")).isEqualTo("error");
            assertThat((String) row.get("file")).startsWith("svc/");
            assertThat(row.get("line")).isEqualTo(2L);
            assertThat(row.values()).allMatch(v -> v == null || v instanceof String || v instanceof Long || v instanceof Boolean);
        });
        assertThat(rows).extracting(r -> r.get("file")).as("data, not markup: the page escapes it")
                .contains("svc/<img src=x onerror=alert(1)>.py");
    }
}
