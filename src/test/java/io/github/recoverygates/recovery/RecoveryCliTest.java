package io.github.recoverygates.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.recoverygates.cli.Main;
import io.github.recoverygates.core.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("recovery: the CLI end to end")
class RecoveryCliTest {

    @TempDir
    Path tmp;

    private record Cli(int exit, String out, String err) {
    }

    private Cli run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aStoppedPostgresFailsWithExitOneAndTheRootCauseChainInOneGlance() throws Exception {
        int dead = Ports.dead();
        try (TestHttpServer server = TestHttpServer.start()) {
            Path repo = Files.createDirectories(tmp.resolve("repo"));
            Path config = tmp.resolve("recovery.yml");
            Files.writeString(config, """
                    recovery:
                      wait: {timeout: 1s, interval: 250ms}
                      checks:
                        - {name: postgres, type: postgres, url: "postgres://app:s3cret-pw@127.0.0.1:%d/app", timeout: 2s}
                        - {name: redis, type: tcp, url: "tcp://127.0.0.1:%d", critical: false}
                        - {name: auth, type: http, url: "%s", dependsOn: [postgres, redis]}
                        - {name: backend, type: http, url: "%s", dependsOn: [auth]}
                    """.formatted(dead, dead, server.url("/health"), server.url("/health")));
            Path out = tmp.resolve("report");
            Cli cli = run("recovery", "--root", repo.toString(), "--config", config.toString(), "--out", out.toString());
            assertThat(cli.exit()).as(cli.err()).isEqualTo(1);
            assertThat(cli.out()).contains("recovery: FAIL")
                    .contains("first cause: backend blocked by auth, auth blocked by postgres: connection refused on 127.0.0.1:" + dead)
                    .doesNotContain("s3cret-pw");
            JsonNode report = Json.REPORT.readTree(out.resolve("recovery.json").toFile());
            assertThat(report.get("verdict").asText()).isEqualTo("FAIL");
            assertThat(report.at("/metrics/checks.blocked").asInt()).isEqualTo(2);
            assertThat(report.at("/metrics/checks.degraded").asInt()).isEqualTo(1);
            assertThat(report.get("sections").get(0).get("kind").asText()).isEqualTo("graph");
            assertThat(Files.readString(out.resolve("recovery.json"))).doesNotContain("s3cret-pw");
            assertThat(repo).isEmptyDirectory(); // never writes into the checked repository
        }
    }

    @Test
    void aConfigWithACycleExitsTwoNamingTheLine() throws Exception {
        Path config = tmp.resolve("cycle.yml");
        Files.writeString(config, """
                recovery:
                  checks:
                    - {name: auth, type: tcp, url: "tcp://127.0.0.1:1", dependsOn: [backend]}
                    - {name: backend, type: tcp, url: "tcp://127.0.0.1:1", dependsOn: [auth]}
                """);
        Cli cli = run("recovery", "--root", tmp.toString(), "--config", config.toString(),
                "--out", tmp.resolve("out").toString());
        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).contains("cycle.yml:3:").contains("auth → backend → auth");
    }

    @Test
    void aMissingVariableOutsideChecksIsAConfigErrorWithItsLocation() throws Exception {
        Path config = tmp.resolve("missing.yml");
        Files.writeString(config, """
                recovery:
                  ports:
                    - {name: auth, expect: "${RECOVERY_TEST_SURELY_UNSET_PORT}"}
                """);
        Cli cli = run("recovery", "--root", tmp.toString(), "--config", config.toString(),
                "--out", tmp.resolve("out").toString());
        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).contains("missing.yml:3:").contains("RECOVERY_TEST_SURELY_UNSET_PORT is not set");
    }
}
