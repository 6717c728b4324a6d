package io.github.recoverygates.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The GitHub Action (action/action.yml)")
class ActionTest {

    static final Path ACTION_DIR = Path.of("action");
    static final Set<String> INPUTS = Set.of("gate", "root", "config", "args", "fail-on", "baseline", "filter-mode",
            "strict-baseline", "java-version", "jar", "sarif", "repair", "comment", "github-token");
    static final Set<String> OUTPUTS = Set.of("verdict", "errors", "warnings", "report-dir", "repair-patch");
    static final Pattern STEP_OUTPUT = Pattern.compile("^\\$\\{\\{ steps\\.([\\w-]+)\\.outputs\\.([\\w-]+) }}$");

    /** The argv recorder, compiled once for all tests of this class. */
    @TempDir
    static Path shared;
    private static Path recorder;

    static synchronized Path recorder() throws IOException {
        if (recorder == null) {
            recorder = TestJars.argvRecorder(Files.createDirectories(shared.resolve("recorder")));
        }
        return recorder;
    }

    static JsonNode action() throws IOException {
        return CompositeActionRunner.YAML.readTree(ACTION_DIR.resolve("action.yml").toFile());
    }

    static List<JsonNode> steps() throws IOException {
        List<JsonNode> steps = new ArrayList<>();
        action().path("runs").path("steps").forEach(steps::add);
        return steps;
    }

    @Nested
    @DisplayName("action.yml wiring")
    class Wiring {

        @Test
        void isACompositeActionWithANameAndDescription() throws IOException {
            JsonNode action = action();
            assertThat(action.path("runs").path("using").asText()).isEqualTo("composite");
            assertThat(action.path("name").asText()).isNotBlank();
            assertThat(action.path("description").asText()).isNotBlank();
        }

        @Test
        void declaresTheDocumentedInputsEachWithADescriptionAndADefault() throws IOException {
            JsonNode inputs = action().path("inputs");
            Set<String> names = new TreeSet<>();
            inputs.fieldNames().forEachRemaining(names::add);
            assertThat(names).containsExactlyInAnyOrderElementsOf(INPUTS);
            inputs.fields().forEachRemaining(e -> {
                assertThat(e.getValue().path("description").asText()).as("description of input %s", e.getKey()).isNotBlank();
                assertThat(e.getValue().has("default")).as("default of input %s", e.getKey()).isTrue();
            });
            assertThat(inputs.path("java-version").path("default").asText()).isEqualTo("17");
            assertThat(inputs.path("sarif").path("default").asText()).isEqualTo("false");
        }

        @Test
        void everyInputReachesAStepOnlyThroughEnvOrWith() throws IOException {
            Map<String, List<String>> usedBy = new LinkedHashMap<>();
            for (JsonNode step : steps()) {
                for (String block : List.of("env", "with")) {
                    step.path(block).fields().forEachRemaining(e -> {
                        Matcher m = Pattern.compile("\\$\\{\\{\\s*inputs\\.([\\w-]+)\\s*}}").matcher(e.getValue().asText());
                        while (m.find()) {
                            usedBy.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(step.path("name").asText() + " " + block);
                        }
                    });
                }
            }
            assertThat(usedBy.keySet()).containsExactlyInAnyOrderElementsOf(INPUTS);
        }

        @Test
        void noRunScriptHasAnExpressionPastedIntoIt() throws IOException {
            for (JsonNode step : steps()) {
                if (step.has("run")) {
                    assertThat(step.path("run").asText()).as("run: of step %s", step.path("name").asText())
                            .doesNotContain("${{");
                    assertThat(step.path("shell").asText()).as("shell of step %s", step.path("name").asText()).isEqualTo("bash");
                }
            }
        }

        @Test
        void everyOutputIsDocumentedAndMappedToTheSameNamedOutputOfAnExistingStep() throws IOException {
            JsonNode outputs = action().path("outputs");
            Set<String> names = new TreeSet<>();
            outputs.fieldNames().forEachRemaining(names::add);
            assertThat(names).containsExactlyInAnyOrderElementsOf(OUTPUTS);
            Set<String> stepIds = new TreeSet<>();
            steps().forEach(s -> stepIds.add(s.path("id").asText("")));
            outputs.fields().forEachRemaining(e -> {
                assertThat(e.getValue().path("description").asText()).as("description of output %s", e.getKey()).isNotBlank();
                Matcher m = STEP_OUTPUT.matcher(e.getValue().path("value").asText());
                assertThat(m.matches()).as("value of output %s", e.getKey()).isTrue();
                assertThat(stepIds).contains(m.group(1));
                assertThat(m.group(2)).isEqualTo(e.getKey());
            });
        }

        @Test
        void usesOtherActionsAtAPinnedVersionAndRunsOnlyScriptsThatExist() throws IOException {
            for (JsonNode step : steps()) {
                if (step.has("uses")) {
                    assertThat(step.path("uses").asText()).matches("[\\w-]+/[\\w-]+@(v\\d+|[0-9a-f]{40})");
                } else {
                    Matcher m = Pattern.compile("\\$GITHUB_ACTION_PATH/([\\w.-]+\\.sh)").matcher(step.path("run").asText());
                    assertThat(m.find()).as("run: of %s calls a script of the action", step.path("name").asText()).isTrue();
                    assertThat(ACTION_DIR.resolve(m.group(1))).isRegularFile();
                }
            }
        }
    }

    @Nested
    @DisplayName("resolving the jar")
    class ResolveJar {

        @TempDir
        Path sandbox;
        CompositeActionRunner runner;
        Path someJar;

        @BeforeEach
        void setUp() throws IOException {
            runner = new CompositeActionRunner(ACTION_DIR, sandbox);
            someJar = recorder();
        }

        @Test
        void aPathIsResolvedAgainstTheWorkspace() throws Exception {
            Path tools = Files.createDirectories(runner.workspace().resolve("tools"));
            Files.copy(someJar, tools.resolve("rg.jar"));
            CompositeActionRunner.Result result = runner.run(Map.of("jar", "tools/rg.jar"), "jar");
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.step("key").ran()).as("no source hash is needed for a given jar").isFalse();
            assertThat(result.step("jar").outputs()).containsEntry("path", tools.resolve("rg.jar").toAbsolutePath().toString());
        }

        @Test
        void aMissingPathIsAnErrorAnnotationThatNamesIt() throws Exception {
            CompositeActionRunner.Result result = runner.run(Map.of("jar", "nope/recovery-gates.jar"), "jar");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.stdout()).contains("::error title=recovery-gates::the jar 'nope/recovery-gates.jar' does not exist");
            assertThat(result.step("jar").outputs()).doesNotContainKey("path");
        }

        @Test
        void aFileThatIsNotAJarIsRefused() throws Exception {
            Files.writeString(runner.workspace().resolve("rg.jar"), "version https://git-lfs.github.com/spec/v1\n");
            CompositeActionRunner.Result result = runner.run(Map.of("jar", "rg.jar"), "jar");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.stdout()).contains("is not a jar");
        }

        @Test
        void aUrlIsDownloadedWithoutPrintingItsCredentialsOrQuery() throws Exception {
            assumeTrue(onPath("curl"), "curl is not installed");
            byte[] bytes = Files.readAllBytes(someJar);
            HttpServer server = serve(Map.of("/releases/rg.jar", new Response(200, bytes)));
            try {
                String url = "http://deploy:s3cr3t-pass@127.0.0.1:" + server.getAddress().getPort()
                        + "/releases/rg.jar?X-Amz-Signature=tok3n";
                CompositeActionRunner.Result result = runner.run(Map.of("jar", url), "jar");
                assertThat(result.exitCode()).as(result.toString()).isZero();
                Path downloaded = Path.of(result.step("jar").outputs().get("path"));
                assertThat(downloaded).startsWith(runner.runnerTemp());
                assertThat(Files.readAllBytes(downloaded)).isEqualTo(bytes);
                String log = result.stdout() + result.step("jar").stderr();
                assertThat(log).contains("/releases/rg.jar").doesNotContain("s3cr3t-pass").doesNotContain("tok3n");
            } finally {
                server.stop(0);
            }
        }

        @Test
        void aUrlThatAnswers404IsAnErrorAnnotation() throws Exception {
            assumeTrue(onPath("curl"), "curl is not installed");
            HttpServer server = serve(Map.of());
            try {
                String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/missing.jar";
                CompositeActionRunner.Result result = runner.run(Map.of("jar", url), "jar");
                assertThat(result.exitCode()).isEqualTo(1);
                assertThat(result.stdout()).contains("::error title=recovery-gates::could not download the jar from " + url);
            } finally {
                server.stop(0);
            }
        }

        @Test
        void anHtmlPageServedAsTheJarIsRefused() throws Exception {
            assumeTrue(onPath("curl"), "curl is not installed");
            HttpServer server = serve(Map.of("/rg.jar", new Response(200, "<html>login</html>".getBytes(StandardCharsets.UTF_8))));
            try {
                CompositeActionRunner.Result result = runner.run(
                        Map.of("jar", "http://127.0.0.1:" + server.getAddress().getPort() + "/rg.jar"), "jar");
                assertThat(result.exitCode()).isEqualTo(1);
                assertThat(result.stdout()).contains("is not a jar");
            } finally {
                server.stop(0);
            }
        }

        @Test
        void anEmptyJarInputUsesTheJarCachedForTheseSourcesWithoutBuilding() throws Exception {
            CompositeActionRunner.Result keyOnly = runner.run(Map.of(), "key");
            String key = keyOnly.step("key").outputs().get("key");
            assertThat(key).matches("[0-9a-f]{20}");
            Path cached = Files.createDirectories(runner.home().resolve(".cache/recovery-gates/" + key)).resolve("recovery-gates.jar");
            Files.copy(someJar, cached);
            runner.env("RG_MAVEN", "/nonexistent/mvn");   // a build would fail: the cache must be used

            CompositeActionRunner.Result result = runner.run(Map.of(), "jar");

            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.step("jar").outputs()).containsEntry("path", cached.toString());
            assertThat(result.stdout()).contains("using the cached jar built from sources " + key);
        }

        @Test
        void anEmptyJarInputWithoutMavenSaysWhatToSet() throws Exception {
            runner.env("RG_MAVEN", "/nonexistent/mvn");
            CompositeActionRunner.Result result = runner.run(Map.of(), "jar");
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.stdout()).contains("::error title=recovery-gates::the 'jar' input is empty and Maven (/nonexistent/mvn) is not installed: set 'jar'");
        }

        @Test
        void theCacheKeyFollowsPomAndSourcesAndNothingElse() throws Exception {
            Path repo = Files.createDirectories(sandbox.resolve("action-repo"));
            Path actionCopy = Files.createDirectories(repo.resolve("action"));
            for (String f : List.of("action.yml", "common.sh", "jar-key.sh", "resolve-jar.sh", "run-gate.sh")) {
                Files.copy(ACTION_DIR.resolve(f), actionCopy.resolve(f));
            }
            Files.writeString(repo.resolve("pom.xml"), "<project/>\n");
            Path source = Files.createDirectories(repo.resolve("src/main/java/x")).resolve("A.java");
            Files.writeString(source, "class A {}\n");
            CompositeActionRunner copy = new CompositeActionRunner(actionCopy, sandbox.resolve("copy"));

            String first = copy.run(Map.of(), "key").step("key").outputs().get("key");
            String again = copy.run(Map.of(), "key").step("key").outputs().get("key");
            Files.writeString(repo.resolve("README.md"), "not part of the build\n");
            String afterReadme = copy.run(Map.of(), "key").step("key").outputs().get("key");
            Files.writeString(source, "class A { int x; }\n");
            String afterSource = copy.run(Map.of(), "key").step("key").outputs().get("key");
            Files.writeString(repo.resolve("pom.xml"), "<project><!-- changed --></project>\n");
            String afterPom = copy.run(Map.of(), "key").step("key").outputs().get("key");

            assertThat(again).isEqualTo(first);
            assertThat(afterReadme).isEqualTo(first);
            assertThat(afterSource).isNotEqualTo(first);
            assertThat(afterPom).isNotEqualTo(afterSource).isNotEqualTo(first);
        }
    }

    @Nested
    @DisplayName("running the gate")
    class RunGate {

        @TempDir
        Path sandbox;
        CompositeActionRunner runner;
        Path argvFile;

        @BeforeEach
        void setUp() throws IOException {
            runner = new CompositeActionRunner(ACTION_DIR, sandbox);
            Files.copy(recorder(), runner.workspace().resolve("engine.jar"));
            argvFile = sandbox.resolve("argv.txt");
            runner.env("RG_ARGV_FILE", argvFile.toString());
        }

        List<String> argv() throws IOException {
            return Files.readAllLines(argvFile);
        }

        String reportDir(String gate) {
            return runner.runnerTemp().resolve("recovery-gates-report").resolve(gate).toString();
        }

        @Test
        void defaultsRunAllGatesWithGithubModeAndEveryFormatButSarif() throws Exception {
            CompositeActionRunner.Result result = runner.run(Map.of("jar", "engine.jar"));
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(argv()).containsExactly("all", "--root", ".", "--out", reportDir("all"), "--fail-on", "error",
                    "--github", "--format", "json,junit,md,html");
        }

        @Test
        void everyInputBecomesItsCliOption() throws Exception {
            CompositeActionRunner.Result result = runner.run(Map.of("jar", "engine.jar", "gate", "ssot", "root", "services/api",
                    "config", "ci/gates.yml", "baseline", "baseline/ssot.json", "fail-on", "new", "sarif", "true",
                    "args", "--changed-from origin/main   --set ssot.threshold=90"));
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(argv()).containsExactly("ssot", "--root", "services/api", "--out", reportDir("ssot"),
                    "--fail-on", "new", "--github", "--config", "ci/gates.yml", "--baseline", "baseline/ssot.json",
                    "--changed-from", "origin/main", "--set", "ssot.threshold=90");
        }

        @Test
        void aFormatInArgsReplacesTheDefaultFormats() throws Exception {
            runner.run(Map.of("jar", "engine.jar", "gate", "syntax", "args", "--format json"));
            assertThat(argv()).containsSubsequence("--github", "--format", "json").doesNotContain("json,junit,md,html");
        }

        @Test
        void shellMetacharactersInInputsStayLiteralArguments() throws Exception {
            Path pwned = sandbox.resolve("pwned");
            String evil = "x.yml; touch " + pwned + " $(touch " + pwned + ")";
            runner.run(Map.of("jar", "engine.jar", "gate", "syntax", "config", evil, "args", "`touch " + pwned + "`"));
            assertThat(pwned).doesNotExist();
            assertThat(argv()).containsSubsequence("--config", evil).contains("`touch");
        }

        @Test
        void theEnginesExitCodeIsTheStepsAndMissingOutputsBecomeAnErrorVerdict() throws Exception {
            runner.env("RG_EXIT", "3");
            CompositeActionRunner.Result result = runner.run(Map.of("jar", "engine.jar", "gate", "recovery"));
            assertThat(result.exitCode()).isEqualTo(3);
            assertThat(result.outputs()).containsEntry("verdict", "ERROR").containsEntry("report-dir", reportDir("recovery"));
            assertThat(result.stdout()).contains("::error title=recovery-gates::recovery-gates recovery exited with 3 before writing its verdict");
        }

        @Test
        void anUnknownGateIsRefusedBeforeTheEngineRuns() throws Exception {
            CompositeActionRunner.Result result = runner.run(Map.of("jar", "engine.jar", "gate", "lint"));
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.stdout()).contains("input 'gate' is 'lint'; allowed: syntax, ssot, recovery, golden-path, all");
            assertThat(argvFile).doesNotExist();
        }

        @Test
        void anUnknownFailOnOrSarifValueIsRefused() throws Exception {
            CompositeActionRunner.Result failOn = runner.run(Map.of("jar", "engine.jar", "fail-on", "sometimes"));
            assertThat(failOn.exitCode()).isEqualTo(2);
            assertThat(failOn.stdout()).contains("input 'fail-on' is 'sometimes'");
            CompositeActionRunner.Result sarif = runner.run(Map.of("jar", "engine.jar", "sarif", "yes"));
            assertThat(sarif.exitCode()).isEqualTo(2);
            assertThat(sarif.stdout()).contains("input 'sarif' is 'yes'");
            assertThat(argvFile).doesNotExist();
        }
    }

    @Nested
    @DisplayName("end to end with the real engine on the examples")
    class EndToEnd {

        @TempDir
        Path sandbox;

        CompositeActionRunner.Result runSyntax(String example, String sarif) throws Exception {
            CompositeActionRunner runner = new CompositeActionRunner(ACTION_DIR, sandbox.resolve(example));
            Path launcher = TestJars.engineLauncher(Files.createDirectories(sandbox.resolve("launcher-" + example)));
            Path root = Path.of("examples", example).toAbsolutePath();
            CompositeActionRunner.Result result = runner.run(Map.of("jar", launcher.toString(), "gate", "syntax",
                    "root", root.toString(), "sarif", sarif));
            return result;
        }

        @Test
        void theBrokenMonorepoFailsWithAnnotationsSummaryOutputsAndSarif() throws Exception {
            CompositeActionRunner.Result result = runSyntax("monorepo", "true");

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertThat(result.outputs()).containsEntry("verdict", "FAIL");
            Path reportDir = Path.of(result.outputs().get("report-dir"));
            assertThat(reportDir.resolve("syntax.json")).isRegularFile();
            assertThat(reportDir.resolve("syntax.sarif")).isRegularFile();
            JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(reportDir.resolve("syntax.json").toFile());
            long errors = 0;
            for (JsonNode f : report.path("findings")) {
                errors += "error".equals(f.path("severity").asText()) ? 1 : 0;
            }
            assertThat(errors).isGreaterThanOrEqualTo(11);
            assertThat(result.outputs().get("errors")).isEqualTo(Long.toString(errors));
            // findings are annotated in report order (by file); GitHub shows at most 10 per level and step
            List<String> fileAnnotations = result.stdout().lines().filter(l -> l.startsWith("::error file=")).toList();
            assertThat(fileAnnotations).hasSizeBetween(1, 10);
            assertThat(fileAnnotations.get(0)).startsWith("::error file=auth_service/auth_core/core/token_blacklist.py,line=10");
            assertThat(result.stdout().lines().filter(l -> l.startsWith("::error") && l.contains("mission_critical"))).isNotEmpty();
            assertThat(result.summary()).containsPattern("mission\\\\?_critical").contains("FAIL");   // Markdown may escape the _
        }

        @Test
        void threeGateStepsOfOneJobShareGitHubsFiftyAnnotationsAndTheLastSaysWhatItCouldNotShow() throws Exception {
            Path repo = Files.createDirectories(sandbox.resolve("many"));
            for (int i = 0; i < 30; i++) {
                Files.writeString(repo.resolve("broken_" + i + ".py"), "def f(:\n");
                Files.createSymbolicLink(repo.resolve("dangling_" + i + ".py"), repo.resolve("missing_" + i));
            }
            CompositeActionRunner runner = new CompositeActionRunner(ACTION_DIR, sandbox.resolve("job"));
            Path launcher = TestJars.engineLauncher(Files.createDirectories(sandbox.resolve("launcher-job")));
            int total = 0;
            String last = "";
            for (int step = 0; step < 3; step++) {
                CompositeActionRunner.Result result = runner.run(Map.of("jar", launcher.toString(), "gate", "syntax",
                        "root", repo.toString()));
                long annotations = result.stdout().lines()
                        .filter(l -> l.startsWith("::error ") || l.startsWith("::warning ") || l.startsWith("::notice ")).count();
                assertThat(annotations).as("step %d", step).isLessThanOrEqualTo(30);
                total += (int) annotations;
                last = result.stdout();
            }
            assertThat(total).isEqualTo(50);
            assertThat(last).containsPattern("more findings are not annotated .* per job\\)");
        }

        @Test
        void theCleanMonorepoPassesWithoutSarifUnlessAsked() throws Exception {
            CompositeActionRunner.Result result = runSyntax("monorepo-clean", "false");

            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.outputs()).containsEntry("verdict", "PASS").containsEntry("errors", "0");
            Path reportDir = Path.of(result.outputs().get("report-dir"));
            assertThat(reportDir.resolve("syntax.json")).isRegularFile();
            assertThat(reportDir.resolve("syntax.sarif")).doesNotExist();
        }
    }

    @Nested
    @DisplayName("linters, where installed")
    class Linters {

        @Test
        void theScriptsPassShellcheck() throws Exception {
            assumeTrue(onPath("shellcheck"), "shellcheck is not installed (apt-get install shellcheck)");
            List<String> command = new ArrayList<>(List.of("shellcheck", "-x"));
            try (Stream<Path> scripts = Stream.concat(Files.list(ACTION_DIR), Files.list(Path.of("bench")))) {
                scripts.filter(p -> p.toString().endsWith(".sh")).sorted().forEach(p -> command.add(p.toString()));
            }
            assertThat(command).anyMatch(s -> s.endsWith("run-gate.sh"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
        }

        @Test
        void actionValidatorAcceptsTheActionAndTheWorkflows() throws Exception {
            assumeTrue(onPath("action-validator"), "action-validator is not installed (npm i -g @action-validator/cli)");
            for (Path file : List.of(ACTION_DIR.resolve("action.yml"), Path.of("examples/workflows/recovery-gates.yml"),
                    Path.of(".github/workflows/gates.yml"))) {
                Process process = new ProcessBuilder("action-validator", file.toString()).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(process.exitValue()).as(file + ": " + output).isZero();
            }
        }
    }

    record Response(int status, byte[] body) {
    }

    static HttpServer serve(Map<String, Response> routes) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Response response = routes.getOrDefault(exchange.getRequestURI().getPath(),
                    new Response(404, "not found".getBytes(StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(response.status(), response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        });
        server.start();
        return server;
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
