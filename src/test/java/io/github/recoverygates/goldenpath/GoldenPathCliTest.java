package io.github.recoverygates.goldenpath;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.recoverygates.cli.Main;
import io.github.recoverygates.demo.Fault;
import io.github.recoverygates.demo.ReferenceServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("golden-path through the CLI")
class GoldenPathCliTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int cli(String... args) {
        return Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** The CLI reads the process environment, so the password comes from the section's envFiles. */
    private Path writeConfig(ReferenceServer server, int users) throws Exception {
        Files.writeString(tmp.resolve("e2e.env"), "E2E_PASSWORD=" + GoldenPathHarness.PASSWORD + "\n");
        Path config = tmp.resolve("gates.yml");
        Files.writeString(config, GoldenPathHarness.config(server, users, 2, "  envFiles: [e2e.env]\n"));
        return config;
    }

    @Test
    @DisplayName("a healthy server exits 0 and writes every report format")
    void healthyRunExitsZero() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(GoldenPathHarness.healthy(), 0)) {
            Path config = writeConfig(server, 10);
            Path outDir = tmp.resolve("out");
            int code = cli("golden-path", "--config", config.toString(), "--out", outDir.toString(), "--root", tmp.toString());

            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            JsonNode report = new ObjectMapper().readTree(outDir.resolve("golden-path.json").toFile());
            assertThat(report.path("verdict").asText()).isEqualTo("PASS");
            assertThat(report.path("metrics").path("journeys.passed").asInt()).isEqualTo(20);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("golden path: 20 of 20 journeys passed");
            try (var files = Files.list(outDir)) {
                assertThat(files.map(p -> p.getFileName().toString())).contains("golden-path.json");
            }
        }
    }

    @Test
    @DisplayName("a failing journey class exits 1 and never prints the password or a token")
    void failingRunExitsOne() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(GoldenPathHarness.healthy().with(Fault.CLOSE_1011, 50), 0)) {
            Path config = writeConfig(server, 5);
            Path outDir = tmp.resolve("out");
            int code = cli("golden-path", "--config", config.toString(), "--out", outDir.toString(), "--root", tmp.toString());

            assertThat(code).isEqualTo(1);
            String json = Files.readString(outDir.resolve("golden-path.json"));
            assertThat(json).contains("golden-path/connect").contains("closed-1011")
                    .doesNotContain(GoldenPathHarness.PASSWORD)
                    .doesNotContainPattern("eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
            assertThat(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8))
                    .doesNotContain(GoldenPathHarness.PASSWORD);
        }
    }

    @Test
    @DisplayName("two login methods at once are a config error naming file, line and key: exit 2")
    void twoLoginMethodsAreAConfigError() throws Exception {
        Path config = tmp.resolve("gates.yml");
        Files.writeString(config, """
                goldenPath:
                  login:
                    tokenEnv: E2E_TOKEN
                    jwt: {secretEnv: JWT_SECRET_KEY}
                  websocket: {url: "ws://127.0.0.1:1/ws"}
                """);
        int code = cli("golden-path", "--config", config.toString(), "--out", tmp.resolve("out").toString(),
                "--root", tmp.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("gates.yml:2:").contains("goldenPath.login")
                .contains("exactly one of http, jwt, tokenEnv");
    }

    @Test
    @DisplayName("an unknown key, a bad path and a missing secret variable are config errors: exit 2")
    void otherConfigErrors() throws Exception {
        Path config = tmp.resolve("gates.yml");
        Files.writeString(config, """
                goldenPath:
                  login: {tokenEnv: E2E_TOKEN}
                  websocket: {url: "ws://127.0.0.1:1/ws", subprotocol: x}
                """);
        assertThat(cli("golden-path", "--config", config.toString(), "--out", tmp.resolve("o").toString(),
                "--root", tmp.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown key 'subprotocol'").contains("subprotocols");

        err.reset();
        Files.writeString(config, """
                goldenPath:
                  login: {tokenEnv: E2E_TOKEN}
                  websocket: {url: "ws://127.0.0.1:1/ws"}
                  expect:
                    answer: {path: "payload.result"}
                """);
        assertThat(cli("golden-path", "--config", config.toString(), "--out", tmp.resolve("o").toString(),
                "--root", tmp.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("gates.yml:5:").contains("expect.answer.path")
                .contains("starts with '$'");

        err.reset();
        Files.writeString(config, """
                goldenPath:
                  login: {jwt: {secretEnv: GOLDEN_PATH_TEST_UNSET_SECRET}}
                  websocket: {url: "ws://127.0.0.1:1/ws"}
                """);
        assertThat(cli("golden-path", "--config", config.toString(), "--out", tmp.resolve("o").toString(),
                "--root", tmp.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("GOLDEN_PATH_TEST_UNSET_SECRET is not set");
    }
}
