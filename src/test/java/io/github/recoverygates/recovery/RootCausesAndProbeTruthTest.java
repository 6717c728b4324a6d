package io.github.recoverygates.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Table;
import io.github.recoverygates.core.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 (root causes with values) and issue 11 row 10/13 and "secrets never leak" (probes tell the
 * truth), against a real Jetty server, hostile TCP servers on 127.0.0.1 and real processes.
 */
@DisplayName("recovery: root causes with values, and probes that tell the truth")
class RootCausesAndProbeTruthTest {

    /** 41 characters, like the seeds' JWT secret; its last 7 are what a cut before masking leaked. */
    static final String SECRET = "jwt-secret-for-the-command-check-Q7zX9pW";

    static TestHttpServer server;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestHttpServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    // --- expected and actual, in every format --------------------------------------------------------

    @Test
    @DisplayName("a failed check shows what it expected and what came (status, latency, masked body) in every format")
    void everyFailedCheckShowsExpectedAndActualInEveryFormat() throws Exception {
        GateRun r = GateRun.allFormats(tmp, """
                recovery:
                  wait: {timeout: 500ms, interval: 200ms}
                  checks:
                    - {name: backend, type: http, url: "%s"}
                    - name: auth
                      type: http
                      url: "%s"
                      expect: {health: {status: healthy, checks.redis: ok, checks.db: ok}}
                """.formatted(server.url("/bad-gateway"), server.url("/health-deep")), Map.of());
        Finding backend = check(r, "backend");
        assertThat(backend.properties()).containsEntry("expected", "HTTP 2xx")
                .hasEntrySatisfying("actual", a -> assertThat(a).matches("HTTP 502 in \\d+ ms, body: Bad Gateway"))
                .containsKey("latencyMs");
        Finding auth = check(r, "auth");
        assertThat(auth.properties().get("expected")).isEqualTo("HTTP 2xx, status == healthy, checks.redis == ok, checks.db == ok");
        assertThat(auth.properties().get("actual")).contains("status = \"degraded\"").contains("checks.redis = \"down\"")
                .doesNotContain("checks.db");
        assertThat(auth.message()).contains("the health answer says status is \"degraded\", expected \"healthy\"; "
                + "checks.redis is \"down\", expected \"ok\"");
        Map<String, String> reports = r.reports();
        assertThat(reports).containsOnlyKeys("json", "sarif", "junit", "md", "html");
        reports.forEach((format, text) -> assertThat(text).as(format)
                .contains("expected HTTP 2xx; got HTTP 502 in ").contains("body: Bad Gateway")
                .contains("checks.redis == ok").contains("checks.redis = "));
    }

    @Test
    @DisplayName("health: a list of 'path == value' passes on a healthy answer")
    void healthAsAListOfComparisons() throws Exception {
        GateRun r = GateRun.of(tmp, """
                recovery:
                  checks:
                    - {name: auth, type: http, url: "%s", expect: {health: ["status == healthy", "$.checks[0].name == db"]}}
                """.formatted(server.url("/health")), Map.of());
        assertThat(r.result().verdict()).as(r.result().findings().toString()).isEqualTo(Verdict.PASS);
    }

    @Test
    @DisplayName("check findings point at the check's line of a config inside the root; SARIF and JUnit follow")
    void findingsAreLocatedAtTheCheckInTheConfigAndSkippedChecksAreSkippedInJUnit() throws Exception {
        int dead = Ports.dead();
        GateRun r = GateRun.allFormats(tmp, """
                recovery:
                  wait: {timeout: 400ms, interval: 200ms}
                  checks:
                    - {name: postgres, type: tcp, url: "tcp://127.0.0.1:%d"}
                    - {name: auth, type: http, url: "%s", dependsOn: [postgres]}
                """.formatted(dead, server.url("/health")), Map.of());
        Finding postgres = check(r, "postgres");
        assertThat(postgres.file()).isEqualTo(".recovery-gates.yml");
        assertThat(postgres.line()).isEqualTo(4);
        Finding auth = check(r, "auth");
        assertThat(auth.ruleId()).isEqualTo("recovery/check-skipped");
        assertThat(auth.line()).isEqualTo(5);
        JsonNode sarif = Json.REPORT.readTree(r.reports().get("sarif"));
        assertThat(sarif.findValues("physicalLocation")).anySatisfy(loc -> {
            assertThat(loc.at("/artifactLocation/uri").asText()).isEqualTo(".recovery-gates.yml");
            assertThat(loc.at("/region/startLine").asInt()).isEqualTo(4);
        });
        String junit = r.reports().get("junit");
        assertThat(junit).containsPattern("<testcase [^>]*name=\"postgres\"[^>]*>\\s*<failure")
                .containsPattern("<testcase [^>]*name=\"auth\"[^>]*>\\s*<skipped message=\"auth skipped: dependency postgres failed");
    }

    @Test
    @DisplayName("a config outside the root gives run-level findings (no file to point at)")
    void aConfigOutsideTheRootIsNoLocation() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("elsewhere-root"));
        Path config = tmp.resolve("outside.yml");
        Files.writeString(config, "recovery:\n  wait: {timeout: 300ms}\n  checks:\n    - {name: tcp, type: tcp, url: \"tcp://127.0.0.1:"
                + Ports.dead() + "\"}\n");
        var result = new io.github.recoverygates.api.Engine(io.github.recoverygates.core.Progress.SILENT)
                .run(io.github.recoverygates.api.RunRequest.builder("recovery", root, tmp.resolve("out2")).config(config)
                        .formats(List.of("json")).build()).result();
        assertThat(result.findings()).filteredOn(f -> f.ruleId().equals("recovery/check-failed"))
                .singleElement().satisfies(f -> assertThat(f.file()).isNull());
    }

    // --- probes tell the truth (issue 11, row 10) -----------------------------------------------------

    @Test
    @DisplayName("a WebSocket closed with 1011 right after the upgrade is down with that code")
    void aWebSocketClosedWith1011IsDown() throws Exception {
        GateRun r = GateRun.of(tmp, """
                recovery:
                  wait: {timeout: 300ms}
                  checks:
                    - {name: ws-crash, type: websocket, url: "%s"}
                    - {name: ws-ok, type: websocket, url: "%s"}
                """.formatted(server.wsUrl("/ws-1011"), server.wsUrl("/ws")), Map.of());
        assertThat(r.check("ws-ok")).containsEntry("state", "up");
        assertThat(r.check("ws-crash")).containsEntry("state", "down");
        assertThat(check(r, "ws-crash").message()).contains("closed the WebSocket with 1011 (internal error) 'agent crashed'");
        assertThat(check(r, "ws-crash").properties()).containsEntry("actual", "HTTP 101, then closed with 1011 (internal error)");
    }

    @Test
    @DisplayName("expect.openFor: a WebSocket that must stay open is down when the server closes it meanwhile")
    void aWebSocketThatMustStayOpen() throws Exception {
        GateRun r = GateRun.of(tmp, """
                recovery:
                  wait: {timeout: 300ms}
                  checks:
                    - {name: ws-late, type: websocket, url: "%s", expect: {openFor: 1s}}
                    - {name: ws-ok, type: websocket, url: "%s", expect: {openFor: 400ms}}
                """.formatted(server.wsUrl("/ws-1011-late"), server.wsUrl("/ws")), Map.of());
        assertThat(r.check("ws-ok")).containsEntry("state", "up");
        assertThat(check(r, "ws-late").message()).contains("with 1011").contains("while it had to stay open for 1s");
    }

    @Test
    @DisplayName("a 'Redis' that answers something else is a protocol error quoting it (masked, cut), not a timeout")
    void aRedisThatAnswersGarbageIsAProtocolError() throws Exception {
        String hostile = "HTTP/1.1 400 Bad Request\r\nX-Leak: " + SECRET + "\r\n" + "z".repeat(300);
        try (Ports.Silent garbage = new Ports.Silent(hostile.getBytes(StandardCharsets.UTF_8))) {
            long t0 = System.nanoTime();
            GateRun r = GateRun.of(tmp, """
                    recovery:
                      wait: {timeout: 300ms}
                      checks:
                        - {name: redis, type: redis, url: "redis://127.0.0.1:%d", timeout: 3s}
                    """.formatted(garbage.port()), Map.of("CACHE_SECRET", SECRET));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            String message = check(r, "redis").message();
            assertThat(message).contains("answered PING with something that is not the Redis protocol (RESP): "
                    + "'HTTP/1.1 400 Bad Request\\r\\nX-Leak: ***").doesNotContain("no answer within");
            assertThat(check(r, "redis").properties().get("actual")).startsWith("'HTTP/1.1 400").endsWith("…'");
            assertThat(r.json).doesNotContain(SECRET.substring(SECRET.length() - 7)).doesNotContain("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz");
            assertThat(ms).as("answered at once, not at the 3 s deadline").isLessThan(2500);
        }
    }

    @Test
    @DisplayName("a Redis that answers nothing is still a deadline, and real Redis error replies are quoted")
    void aRealRedisErrorIsQuoted() throws Exception {
        assumeTrue(RedisProcess.available(), "redis-server is not installed");
        try (RedisProcess redis = RedisProcess.start(tmp, "redis-pass-for-expected-actual")) {
            GateRun r = GateRun.of(tmp.resolve("r"), """
                    recovery:
                      wait: {timeout: 300ms}
                      checks:
                        - {name: redis, type: redis, url: "redis://127.0.0.1:%d"}
                    """.formatted(redis.port()), Map.of());
            Finding f = check(r, "redis");
            assertThat(f.properties()).containsEntry("expected", "+PONG");
            assertThat(f.properties().get("actual")).startsWith("'-NOAUTH");
            assertThat(f.message()).contains("answered PING with NOAUTH");
        }
    }

    @Test
    @DisplayName("no attempt starts after the wait budget: a dependent of a late dependency is not tried")
    void noAttemptStartsAfterTheWaitBudget() throws Exception {
        long t0 = System.nanoTime();
        GateRun r = GateRun.of(tmp, """
                recovery:
                  wait: {timeout: 1500ms, interval: 200ms}
                  checks:
                    - {name: slow-auth, type: http, url: "%s", timeout: 4s}
                    - {name: backend, type: http, url: "%s", dependsOn: [slow-auth], timeout: 3s}
                """.formatted(server.url("/slow?ms=2000"), server.url("/health")), Map.of());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.check("slow-auth")).containsEntry("state", "up");
        assertThat(r.metric("check.backend.attempts")).isEqualTo(0);
        assertThat(check(r, "backend").message()).startsWith("backend is not up: never tried: the wait budget of 1.5s was spent");
        Table timeline = (Table) r.result().sections().stream().filter(s -> s.id().equals("recovery-timeline")).findFirst().orElseThrow();
        assertThat(timeline.rows()).allSatisfy(row -> assertThat(((Number) row.get(0)).longValue()).isLessThan(1500));
        assertThat(ms).as("the gate ends when the late dependency answers, with no extra attempt").isLessThan(3500);
    }

    @Test
    @DisplayName("an HTTP body excerpt is masked before it is cut: no piece of an echoed secret survives the cut")
    void anHttpBodyIsMaskedBeforeItIsCut() throws Exception {
        String token = "tok5Zq-long-secret-value-0987654321";
        GateRun r = GateRun.of(tmp, """
                recovery:
                  wait: {timeout: 300ms}
                  checks:
                    - {name: echo, type: http, url: "%s", headers: {X-Echo: "${API_TOKEN}"}}
                """.formatted(server.url("/echo-header")), Map.of("API_TOKEN", token));
        assertThat(check(r, "echo").message()).contains("HTTP 500").contains("eeeee");
        assertThat(r.json).doesNotContain(token.substring(0, 5));
    }

    // --- commands: killed with their process group, output masked before it is cut (rows 3 and 13) ----

    @Test
    @DisplayName("a timed-out command is killed with its whole process group, even what it left in the background")
    void aTimedOutCommandIsKilledWithItsProcessGroup() throws Exception {
        Path pidFile = tmp.resolve("orphan.pid");
        GateRun r = GateRun.of(tmp, """
                recovery:
                  wait: {timeout: 300ms}
                  checks:
                    - {name: hang, type: command, command: "(sleep 120 & echo $! > '%s'); sleep 120", timeout: 1s}
                """.formatted(pidFile), Map.of());
        assertThat(check(r, "hang").message()).contains("did not finish within 1s (killed with its process group)");
        long orphan = Long.parseLong(Files.readString(pidFile).strip());
        Optional<ProcessHandle> left = ProcessHandle.of(orphan);
        try {
            // the orphan's parent (the subshell) exited at once, so it is no descendant of the command any more
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (left.isPresent() && left.get().isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(left.map(ProcessHandle::isAlive).orElse(false)).as("background sleep " + orphan + " was killed").isFalse();
        } finally {
            left.ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    @DisplayName("command output is masked before it is cut: no piece of a secret survives at the cut")
    void commandOutputIsMaskedBeforeItIsCut() throws Exception {
        // the output's last 200 characters begin 7 characters before the secret's end
        String tail = "t".repeat(193);
        GateRun r = GateRun.of(tmp, """
                recovery:
                  wait: {timeout: 300ms}
                  checks:
                    - {name: leak, type: command, command: ["sh", "-c", "printf '%%s%%s%%s' \\"$(printf 'a%%.0s' $(seq 1 300))\\" \\"$JWT_SECRET_KEY\\" '%s'; exit 1"]}
                """.formatted(tail), Map.of("JWT_SECRET_KEY", SECRET, "PATH", System.getenv("PATH")));
        String message = check(r, "leak").message();
        assertThat(message).contains("exited with 1").contains(tail);
        assertThat(message + r.json).doesNotContain(SECRET.substring(SECRET.length() - 7))
                .doesNotContain(SECRET.substring(0, 8));
    }

    private static Finding check(GateRun r, String name) {
        return r.result().findings().stream().filter(f -> name.equals(f.properties().get("check")))
                .filter(f -> f.severity() != Severity.NOTE || f.ruleId().equals("recovery/check-skipped"))
                .findFirst().orElseThrow(() -> new AssertionError("no finding for " + name + " in " + r.result().findings()));
    }
}
