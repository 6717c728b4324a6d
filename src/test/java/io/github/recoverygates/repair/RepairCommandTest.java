package io.github.recoverygates.repair;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.github.recoverygates.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code repair} through the CLI on a copy of examples/monorepo, with the real python3 and git. */
class RepairCommandTest {

    private static final String SCHEMA_ID =
            "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema sarifSchema;

    @TempDir
    Path temp;

    @BeforeAll
    static void loadSchema() throws Exception {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7, b -> b
                .schemaMappers(m -> m.mapPrefix(SCHEMA_ID, "classpath:sarif/sarif-schema-2.1.0.json"))
                .schemaLoaders(l -> l.add((AbsoluteIri iri) -> {
                    if (iri.toString().startsWith("http")) {
                        throw new IllegalStateException("schema validation must not fetch " + iri);
                    }
                    return null;
                })));
        JsonNode node;
        try (InputStream in = RepairCommandTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            node = JSON.readTree(in);
        }
        sarifSchema = factory.getSchema(SchemaLocation.of(SCHEMA_ID), node,
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    }

    record Run(int code, String out, String err) {
    }

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Path monorepo(String name) throws IOException {
        Path root = temp.resolve(name);
        Path source = Path.of("examples/monorepo");
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                Path target = root.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return root;
    }

    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), SourceBytes.sha256(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    static String git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString(), "-c", "user.name=t", "-c", "user.email=t@t",
                "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", args) + ": " + output).isZero();
        return output;
    }

    static boolean compiles(Path file) throws Exception {
        Process p = new ProcessBuilder("python3", "-c", "import sys; compile(open(sys.argv[1],'rb').read(), sys.argv[1], 'exec')",
                file.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    @DisplayName("a dry run writes nothing in the repository, and its patch is exactly what --apply writes")
    void dryRunThenPatchEqualsApply() throws Exception {
        Path root = monorepo("dry");
        Map<String, String> before = snapshot(root);
        Path out = temp.resolve("report");

        Run run = cli("repair", "--root", root.toString(), "--out", out.toString(), "--workers", "2");

        assertThat(run.code()).as(run.err()).isEqualTo(1); // f-string, compile-time, encoding, null bytes, a missing module are left
        assertThat(snapshot(root)).isEqualTo(before);
        assertThat(out.resolve("repair.patch")).isRegularFile();
        JsonNode report = JSON.readTree(out.resolve("repair.json").toFile());
        Map<String, String> status = new TreeMap<>();
        report.path("files").forEach(f -> status.put(f.path("path").asText(), f.path("status").asText()));
        assertThat(status).containsEntry("tests/mission_critical/test_websocket_agent_events_suite.py", "proposed")
                .containsEntry("tests/mission_critical/test_agent_execution_business_value.py", "proposed")
                .containsEntry("auth_service/auth_core/core/token_blacklist.py", "proposed")
                .containsEntry("netra_backend/app/services/agent_service.py", "proposed")
                .containsEntry("netra_backend/app/routes/health.py", "proposed")
                .containsEntry("scripts/deploy_check.py", "proposed")
                .containsEntry("tests/unit/test_message_formatting.py", "proposed")
                .containsEntry("netra_backend/app/logging_ext/formatters.py", "no-candidate")
                .containsEntry("scripts/migrate_sessions.py", "no-candidate")
                .containsEntry("netra_backend/app/i18n/messages_legacy.py", "refused")
                .containsEntry("netra_backend/app/services/metrics_export.py", "refused")
                .doesNotContainKey("backups/test_remediation_20250915_225118/tests/mission_critical/test_websocket_agent_events_suite.py");
        assertThat(report.path("imports").get(0).path("module").asText()).isEqualTo("netra_backend.app.legacy.session_store");
        assertThat(run.out()).contains("repair: 11 Python files do not compile; 7 with a proven repair");

        // the patch, applied by git to one copy, gives what --apply writes into another
        Path patched = monorepo("patched");
        git(patched, "init", "-q");
        git(patched, "apply", "--whitespace=nowarn", out.resolve("repair.patch").toString());
        Path applied = monorepo("applied");
        Run apply = cli("repair", "--root", applied.toString(), "--out", temp.resolve("report2").toString(), "--apply",
                "--backup-dir", temp.resolve("backup").toString());
        assertThat(apply.code()).isEqualTo(1);
        Map<String, String> a = snapshot(patched);
        a.keySet().removeIf(k -> k.startsWith(".git/"));
        assertThat(a).isEqualTo(snapshot(applied));
        for (Map.Entry<String, String> e : status.entrySet()) {
            if (e.getValue().equals("proposed")) {
                assertThat(compiles(applied.resolve(e.getKey()))).as(e.getKey()).isTrue();
                assertThat(temp.resolve("backup").resolve(e.getKey())).hasSameBinaryContentAs(root.resolve(e.getKey()));
            }
        }
        assertThat(apply.out()).contains("syntax gate on the 7 written files: PASS (0 failing)");

        // and a second run has nothing left to do for them
        Run again = cli("repair", "--root", applied.toString(), "--out", temp.resolve("report3").toString());
        assertThat(again.out()).contains("repair: 4 Python files do not compile; 0 with a proven repair");
    }

    @Test
    @DisplayName("the SARIF is valid 2.1.0 and carries each proven repair as a fix of whole-line replacements")
    void sarifWithFixes() throws Exception {
        Path root = monorepo("sarif");
        Path out = temp.resolve("report");
        cli("repair", "--root", root.toString(), "--out", out.toString());
        JsonNode sarif = JSON.readTree(out.resolve("repair.sarif").toFile());
        assertThat(sarifSchema.validate(sarif)).isEmpty();
        JsonNode results = sarif.path("runs").get(0).path("results");
        JsonNode health = null;
        int withFixes = 0;
        for (JsonNode r : results) {
            if (r.has("fixes")) {
                withFixes++;
            }
            if (r.path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri").asText()
                    .equals("netra_backend/app/routes/health.py")) {
                health = r;
            }
        }
        assertThat(withFixes).isEqualTo(7);
        JsonNode replacement = health.path("fixes").get(0).path("artifactChanges").get(0).path("replacements").get(0);
        assertThat(replacement.path("deletedRegion").path("startLine").asInt()).isEqualTo(11);
        assertThat(replacement.path("deletedRegion").path("endLine").asInt()).isEqualTo(12);
        assertThat(replacement.path("insertedContent").path("text").asText())
                .isEqualTo("    return {\"status\": status, \"checks\": checks}\n");
        assertThat(health.path("properties").path("category").asText()).isEqualTo("unexpected-indent");
    }

    @Test
    @DisplayName("--priority repairs only the scopes named, in their order; an unknown scope is a usage error")
    void priority() throws Exception {
        Path root = monorepo("priority");
        Path out = temp.resolve("report");
        Run run = cli("repair", "--root", root.toString(), "--out", out.toString(), "--priority", "mission_critical,unit");
        JsonNode files = JSON.readTree(out.resolve("repair.json").toFile()).path("files");
        List<String> paths = new ArrayList<>();
        files.forEach(f -> paths.add(f.path("path").asText() + " " + f.path("scope").asText()));
        assertThat(paths).containsExactly(
                "tests/mission_critical/test_agent_execution_business_value.py mission_critical",
                "tests/mission_critical/test_websocket_agent_events_suite.py mission_critical",
                "tests/unit/test_message_formatting.py unit");
        assertThat(run.code()).isEqualTo(1); // the missing module (ssot) is still reported and left

        Run unknown = cli("repair", "--root", root.toString(), "--out", out.toString(), "--priority", "e2e");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("--priority: no syntax scope 'e2e'").contains("mission_critical, integration, unit");
    }

    @Test
    @DisplayName("--changed-from repairs only the files changed since the ref")
    void changedFrom() throws Exception {
        Path root = monorepo("changed");
        git(root, "init", "-q");
        git(root, "add", "-A");
        git(root, "commit", "-q", "-m", "broken");
        Files.writeString(root.resolve("netra_backend/app/routes/health.py"),
                Files.readString(root.resolve("netra_backend/app/routes/health.py")) + "\n");
        Path out = temp.resolve("report");
        cli("repair", "--root", root.toString(), "--out", out.toString(), "--changed-from", "HEAD");
        JsonNode files = JSON.readTree(out.resolve("repair.json").toFile()).path("files");
        assertThat(files).hasSize(1);
        assertThat(files.get(0).path("path").asText()).isEqualTo("netra_backend/app/routes/health.py");
    }

    @Test
    @DisplayName("a hostile file name never becomes a workflow command, a line of its own or a broken patch")
    void hostileNames() throws Exception {
        Path root = Files.createDirectories(temp.resolve("hostile"));
        String name = "x\n::error::pwned \"q\" \\ é.py";
        RepairRun.write(root, name, "def f():\n    return 1\n        return 2\n");
        Path out = temp.resolve("report");
        Run run = cli("repair", "--root", root.toString(), "--out", out.toString());
        assertThat(run.code()).isZero();
        assertThat(run.out().lines()).noneMatch(l -> l.startsWith("::"));
        assertThat(run.out()).contains("x\\n::error::pwned");
        String patch = Files.readString(out.resolve("repair.patch"));
        assertThat(patch).contains("\"a/x\\n::error::pwned \\\"q\\\" \\\\ \\303\\251.py\"");
        git(root, "init", "-q");
        git(root, "apply", out.resolve("repair.patch").toString());
        assertThat(Files.readString(root.resolve(name))).isEqualTo("def f():\n    return 1\n    return 2\n");
    }
}
