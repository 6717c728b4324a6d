package io.github.recoverygates.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.recoverygates.core.Config;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.ConfigLoader;
import io.github.recoverygates.core.SecretMasker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitTest {

    @TempDir
    Path repo;

    @BeforeEach
    void aMonorepo() throws Exception {
        write("pyproject.toml", "[tool.pytest.ini_options]\ntestpaths = [\"tests\"]\n");
        write("tests/mission_critical/test_ws.py", "def test_a():\n    pass\n");
        write("tests/unit/test_b.py", "def test_b():\n    pass\n");
        write("services/auth/Dockerfile", "FROM python:3.11\nEXPOSE 8081\n");
        write("services/auth/app.py", "@app.get(\"/health\")\ndef health():\n    return {}\n");
        write("services/backend/routes.py", "router.websocket(\"/ws\")\n");
        write(".env", "DATABASE_URL=postgres://u:hunter2hunter2@db/x\nREDIS_URL=redis://r\nJWT_SECRET_KEY=s3cr3t-value-long\n");
    }

    private void write(String path, String text) throws Exception {
        Path p = repo.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void inspection_finds_tests_services_health_routes_env_names_and_websockets() {
        Inspection in = Inspection.of(repo);
        assertThat(in.pytestConfigs()).containsExactly("pyproject.toml");
        assertThat(in.testScopes()).containsExactly("tests/mission_critical", "tests/unit");
        assertThat(in.services()).extracting(Inspection.Service::dir).containsExactly("services/auth");
        assertThat(in.services().get(0).port()).isEqualTo(8081);
        assertThat(in.healthRoutes()).containsExactly("/health");
        assertThat(in.webSocketRoutes()).containsExactly("/ws");
        assertThat(in.envNames()).containsExactly("DATABASE_URL", "JWT_SECRET_KEY", "REDIS_URL");
        assertThat(in.ports()).contains(8081);
    }

    @Test
    void each_service_check_uses_the_port_its_dockerfile_exposes_or_compose_publishes() throws Exception {
        write("services/backend/Dockerfile", "FROM python:3.11\nENV X=1\nEXPOSE 8000/tcp\nCMD [\"uvicorn\", \"app:app\"]\n");
        write("services/backend/app/health.py", "@router.get('/healthz')\n");
        write("frontend/Dockerfile", "FROM node:20\nEXPOSE 3000\n");
        write("worker/Dockerfile", "FROM python:3.11\n");
        write("deploy/docker-compose.yml", """
                services:
                  web:
                    build: {context: ../frontend}
                    ports: ["127.0.0.1:3001:3000/tcp"]
                    healthcheck:
                      test: ["CMD", "curl", "-f", "http://localhost:3000/api/ready"]
                  redis:
                    image: redis:7
                    ports: ["6379:6379"]
                """);
        Inspection in = Inspection.of(repo);
        assertThat(in.services()).extracting(Inspection.Service::dir, Inspection.Service::name, Inspection.Service::port,
                        Inspection.Service::health)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("frontend", "web", 3001, "/api/ready"),
                        org.assertj.core.groups.Tuple.tuple("services/auth", "auth", 8081, "/health"),
                        org.assertj.core.groups.Tuple.tuple("services/backend", "backend", 8000, "/healthz"),
                        org.assertj.core.groups.Tuple.tuple("worker", "worker", null, null));
        String yaml = Starter.config(in);
        assertThat(yaml).contains("url: \"${AUTH_URL:-http://127.0.0.1:8081}/health\"",
                "url: \"${BACKEND_URL:-http://127.0.0.1:8000}/healthz\"",
                "url: \"${WEB_URL:-http://127.0.0.1:3001}/api/ready\"",
                "port 3001 from \"deploy/docker-compose.yml: services.web.ports\"",
                "port 8000 from \"services/backend/Dockerfile: EXPOSE\"",
                "\"worker\": no EXPOSE or compose ports found");
        assertThat(yaml).doesNotContain("redis:7");
        Config config = ConfigLoader.parse(".recovery-gates.yml", yaml, repo,
                Map.of("DATABASE_URL", "postgres://x", "REDIS_URL", "redis://x"), new SecretMasker(),
                Set.of("syntax", "ssot", "recovery", "goldenPath"));
        assertThat(config.rawSection("recovery").path("checks").toString()).contains("http://127.0.0.1:8000");
    }

    @Test
    void a_broken_compose_file_or_a_path_with_a_newline_cannot_break_the_starter_config() throws Exception {
        write("docker-compose.yml", "services: [oops\n");
        write("we\nird: x/Dockerfile", "EXPOSE 9000\n");
        String yaml = Starter.config(Inspection.of(repo));
        Config config = ConfigLoader.parse(".recovery-gates.yml", yaml, repo,
                Map.of("DATABASE_URL", "postgres://x", "REDIS_URL", "redis://x"), new SecretMasker(),
                Set.of("syntax", "ssot", "recovery", "goldenPath"));
        assertThat(yaml).contains("# \"we\\nird: x\": port 9000");
        assertThat(config.rawSection("recovery").path("checks").toString()).contains("http://127.0.0.1:9000");
    }

    @Test
    void the_starter_config_is_valid_yaml_with_the_seeds_thresholds_and_never_copies_a_value() throws Exception {
        String yaml = Starter.config(Inspection.of(repo));
        assertThat(yaml).contains("{name: \"mission_critical\", include: [\"tests/mission_critical/**\"], min: 100}",
                "{name: \"unit\", include: [\"tests/unit/**\"], min: 90}", "threshold: 95", "criticalThreshold: 0",
                "type: postgres", "type: redis", "name: \"auth\"");
        assertThat(yaml).doesNotContain("hunter2", "s3cr3t");
        assertThat(yaml).startsWith("# yaml-language-server: $schema=.recovery-gates.schema.json\n");
        com.networknt.schema.JsonSchema schema = com.networknt.schema.JsonSchemaFactory
                .getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012)
                .getSchema(io.github.recoverygates.core.Json.REPORT.readTree(io.github.recoverygates.core.ConfigSchema.json()));
        assertThat(schema.validate(io.github.recoverygates.core.Json.CONFIG.readTree(yaml))).isEmpty();
        Config config = ConfigLoader.parse(".recovery-gates.yml", yaml, repo,
                Map.of("DATABASE_URL", "postgres://x", "REDIS_URL", "redis://x"), new SecretMasker(),
                Set.of("syntax", "ssot", "recovery", "goldenPath"));
        assertThat(config.hasSection("syntax")).isTrue();
        assertThat(config.hasSection("recovery")).isTrue();
        assertThat(config.hasSection("goldenPath")).isFalse();
    }

    @Test
    void hooks_need_a_git_repository_and_a_known_kind() {
        assertThatThrownBy(() -> Starter.writeHooks(repo, "git", false, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not in a git repository");
    }

    @Test
    void a_new_pre_commit_config_is_a_local_entry_and_valid_shell() throws Exception {
        String yaml = Starter.mergePreCommitConfig(null, ".pre-commit-config.yaml");
        com.fasterxml.jackson.databind.JsonNode tree = io.github.recoverygates.core.Json.CONFIG.readTree(yaml);
        com.fasterxml.jackson.databind.JsonNode hook = tree.path("repos").get(0).path("hooks").get(0);
        assertThat(tree.path("repos").get(0).path("repo").asText()).isEqualTo("local");
        assertThat(hook.path("id").asText()).isEqualTo("recovery-gates");
        assertThat(hook.path("language").asText()).isEqualTo("system");
        assertThat(hook.path("pass_filenames").asBoolean(true)).isFalse();
        String entry = hook.path("entry").asText();
        assertThat(entry).startsWith("sh -c '").contains("RECOVERY_GATES_JAR", "pre-commit").doesNotContain("/tmp", "/home");
        // the script inside the entry, as sh would get it after pre-commit's shell-style split
        String script = entry.substring("sh -c '".length(), entry.lastIndexOf("' recovery-gates"));
        Path file = repo.resolve("entry.sh");
        Files.writeString(file, script);
        Process sh = new ProcessBuilder("sh", "-n", file.toString()).redirectErrorStream(true).start();
        assertThat(sh.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sh.exitValue()).as(new String(sh.getInputStream().readAllBytes())).isZero();
    }
}
