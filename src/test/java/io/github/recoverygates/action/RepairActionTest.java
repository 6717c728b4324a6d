package io.github.recoverygates.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The action's {@code repair} and {@code github-token} inputs: through the composite steps, as the runner runs them. */
class RepairActionTest {

    private static final Path ACTION_DIR = Path.of("action");
    private static final String TOKEN = "ghs_action-token-0123456789";

    @TempDir
    Path sandbox;

    CompositeActionRunner runner;

    @BeforeEach
    void setUp() throws IOException {
        runner = new CompositeActionRunner(ACTION_DIR, sandbox);
    }

    @Test
    @DisplayName("repair: patch runs `repair` after the gate, with the gate's root and config, into <report-dir>/repair")
    void commandLine() throws Exception {
        Files.copy(TestJars.argvRecorder(Files.createDirectories(sandbox.resolve("recorder"))), runner.workspace().resolve("engine.jar"));
        Path argv = sandbox.resolve("argv.txt");
        runner.env("RG_ARGV_FILE", argv.toString());
        CompositeActionRunner.Result result = runner.run(Map.of("jar", "engine.jar", "gate", "syntax", "root", "svc",
                "config", "ci/gates.yml", "repair", "patch"));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        String out = runner.runnerTemp().resolve("recovery-gates-report/syntax/repair").toString();
        assertThat(Files.readAllLines(argv)).containsExactly("repair", "--root", "svc", "--out", out, "--config", "ci/gates.yml");

        CompositeActionRunner.Result noToken = runner.run(Map.of("jar", "engine.jar", "gate", "syntax", "repair", "suggest"));
        assertThat(Files.readAllLines(argv)).doesNotContain("--suggest");
        assertThat(noToken.stdout()).contains("::error title=recovery-gates::input 'repair' is 'suggest' but 'github-token' is empty");

        runner.run(Map.of("jar", "engine.jar", "gate", "syntax", "repair", "suggest", "github-token", TOKEN));
        assertThat(Files.readAllLines(argv)).contains("--suggest").doesNotContain(TOKEN);
    }

    @Test
    @DisplayName("an unknown repair value is refused before the engine runs")
    void unknownValue() throws Exception {
        Files.copy(TestJars.argvRecorder(Files.createDirectories(sandbox.resolve("recorder"))), runner.workspace().resolve("engine.jar"));
        Path argv = sandbox.resolve("argv.txt");
        runner.env("RG_ARGV_FILE", argv.toString());
        CompositeActionRunner.Result result = runner.run(Map.of("jar", "engine.jar", "repair", "always"));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stdout()).contains("input 'repair' is 'always'; allowed: false, patch, suggest");
        assertThat(argv).doesNotExist();
    }

    @Test
    @DisplayName("end to end: the gate's verdict stays the step's, the patch is an output, the suggestions reach GitHub")
    void endToEnd() throws Exception {
        Path launcher = TestJars.engineLauncher(Files.createDirectories(sandbox.resolve("launcher")));
        Path root = Path.of("examples/monorepo").toAbsolutePath();
        Path health = root.resolve("netra_backend/app/routes/health.py");
        List<String> posted = new CopyOnWriteArrayList<>();
        List<String> authorizations = new CopyOnWriteArrayList<>();
        ObjectMapper json = new ObjectMapper();
        ArrayNode files = json.createArrayNode();
        List<String> lines = Files.readAllLines(health);
        StringBuilder patch = new StringBuilder("@@ -0,0 +1," + lines.size() + " @@");
        lines.forEach(l -> patch.append("\n+").append(l));
        files.addObject().put("filename", "netra_backend/app/routes/health.py").put("sha", gitBlob(health))
                .put("patch", patch.toString());
        HttpServer github = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        github.createContext("/", ex -> {
            authorizations.add(ex.getRequestHeaders().getFirst("Authorization"));
            String path = ex.getRequestURI().getPath();
            String body = path.endsWith("/files") ? files.toString() : path.endsWith("/comments") ? "[]" : "{\"id\": 3}";
            if (path.endsWith("/reviews")) {
                posted.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        });
        github.start();
        try {
            Path event = sandbox.resolve("event.json");
            Files.writeString(event, "{\"pull_request\": {\"number\": 12, \"head\": {\"sha\": \"" + "a".repeat(40) + "\"}}}");
            runner.env("GITHUB_API_URL", "http://127.0.0.1:" + github.getAddress().getPort())
                    .env("GITHUB_REPOSITORY", "acme/monorepo").env("GITHUB_EVENT_PATH", event.toString());
            CompositeActionRunner.Result result = runner.run(Map.of("jar", launcher.toString(), "gate", "syntax",
                    "root", root.toString(), "repair", "suggest", "github-token", TOKEN));

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertThat(result.outputs()).containsEntry("verdict", "FAIL");
            Path repairPatch = Path.of(result.outputs().get("repair-patch"));
            assertThat(repairPatch).isRegularFile().startsWith(runner.runnerTemp());
            assertThat(Files.readString(repairPatch)).contains("+++ b/netra_backend/app/routes/health.py\n")
                    .contains("-        return {\"status\": status, \"checks\": checks}\n");
            assertThat(repairPatch.resolveSibling("repair.sarif")).isRegularFile();
            assertThat(result.stdout()).contains("suggestions: posted 1 in one review");
            String logs = result.stdout() + result.steps().stream().map(CompositeActionRunner.StepRun::stderr).reduce("", String::concat);
            assertThat(logs).doesNotContain(TOKEN);
            assertThat(authorizations).containsOnly("Bearer " + TOKEN);
            JsonNode review = json.readTree(posted.get(0));
            assertThat(review.path("comments").get(0).path("path").asText()).isEqualTo("netra_backend/app/routes/health.py");
            assertThat(review.path("comments").get(0).path("line").asInt()).isEqualTo(11);
            assertThat(review.path("comments").get(0).path("body").asText())
                    .contains("```suggestion\n    return {\"status\": status, \"checks\": checks}\n```");
        } finally {
            github.stop(0);
        }
    }

    static String gitBlob(Path file) throws Exception {
        Process p = new ProcessBuilder("git", "hash-object", file.toString()).start();
        String sha = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return sha;
    }
}
