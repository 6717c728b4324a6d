package io.github.recoverygates.goldenpath;

import static io.github.recoverygates.goldenpath.GoldenPathHarness.findings;
import static io.github.recoverygates.goldenpath.GoldenPathHarness.healthy;
import static io.github.recoverygates.goldenpath.GoldenPathHarness.run;
import static io.github.recoverygates.goldenpath.GoldenPathHarness.threshold;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.Table;
import io.github.recoverygates.core.Threshold;
import io.github.recoverygates.core.Verdict;
import io.github.recoverygates.demo.Fault;
import io.github.recoverygates.demo.ReferenceServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 items 1 and 3: journeys made of steps that wait for one message matching a condition, with or
 * without sending first, a correlation id from a send to its answer, round trips per message type, and
 * thresholds that fail safe on zero samples — against the reference server.
 */
@DisplayName("golden path: message steps, correlation, round trips, fail-safe thresholds")
class MessageStepsTest {

    @TempDir
    Path dir;

    /** The harness's login and socket, then {@code body} (steps, expect, thresholds). */
    private static String config(ReferenceServer server, int users, int iterations, String body) {
        return """
                goldenPath:
                  login:
                    http: {url: "%s", body: {email: "e2e-{user}@example.com", password: "${E2E_PASSWORD}"}}
                  websocket: {url: "%s", auth: subprotocol}
                  load: {users: %d, iterations: %d}
                """.formatted(server.loginUrl(), server.webSocketUrl(), users, iterations) + body;
    }

    private static final String PING_THEN_AGENT = """
              steps:
                - wait: {event: connected, within: 5s}
                - send: {type: ping, id: "{correlation}"}
                - wait: {event: pong, correlate: "$.id", within: 5s}
                - send: {type: user_message, payload: {content: "Summarise our Q3 costs", thread_id: "{uuid}"}}
                - wait:
                    event: agent_completed
                    where: {"$.payload.thread_id": "{uuid}"}
                    matches: {"$.payload.result.response": "(?i)q3 costs were [0-9,]+ usd"}
                    within: 20s
            """;

    @Test
    @DisplayName("wait without sending first, a correlated ping, then the agent: every step passes, round trips reported")
    void stepsWithGreetingCorrelationAndConditions() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(healthy().withGreeting(), 0)) {
            RunResult run = run(dir, config(server, 4, 2, PING_THEN_AGENT + """
                      thresholds:
                        events: {pong: {p99: 10s}, agent_completed: {p95: 20s, max: 30s}}
                        counts: {messages.pong: {min: 8}, failures.closed-1011: {max: 0}, journeys.passed: {min: 8}}
                    """));
            assertThat(run.result().verdict()).as(run.result().summary() + run.result().findings()).isEqualTo(Verdict.PASS);
            Map<String, Number> m = run.result().metrics();
            assertThat(m.get("journeys.passed").longValue()).isEqualTo(8);
            assertThat(m.get("messages.pong").longValue()).isEqualTo(8);
            assertThat(m.get("messages.connected").longValue()).isEqualTo(8);
            assertThat(m.get("events.unexpected").longValue()).as("waited-for messages are not unexpected").isZero();
            assertThat(m).containsKeys("latency.rtt.pong.p50", "latency.rtt.pong.p95", "latency.rtt.pong.p99",
                    "latency.rtt.agent_completed.p95").doesNotContainKey("latency.rtt.connected.p50");
            assertThat(run.result().thresholds()).extracting(Threshold::name).contains("rtt.pong.p99",
                    "rtt.agent_completed.p95", "rtt.agent_completed.max", "messages.pong", "failures.closed-1011",
                    "journeys.passed");
            assertThat(run.result().thresholds()).allMatch(Threshold::passed);
            assertThat(threshold(run, "messages.pong").actual()).isEqualTo(8.0);
            Table rtt = (Table) run.result().sections().stream().filter(s -> s.id().equals("golden-path-messages"))
                    .findFirst().orElseThrow();
            List<Object> pong = rtt.rows().stream().filter(r -> "pong".equals(r.get(0))).findFirst().orElseThrow();
            assertThat(((Number) pong.get(1)).longValue()).isEqualTo(8);
            assertThat(((Number) pong.get(3)).longValue()).isEqualTo(m.get("latency.rtt.pong.p95").longValue());
        }
    }

    @Test
    @DisplayName("a wait whose condition never holds times out with its own deadline, naming the condition")
    void aWaitThatNeverMatchesTimesOutOnItsOwnDeadline() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(healthy(), 0)) {
            long t0 = System.nanoTime();
            RunResult run = run(dir, config(server, 2, 1, """
                      steps:
                        - send: {type: ping, id: "{correlation}"}
                        - wait: {event: pong, where: {"$.id": "someone-else"}, within: 700ms}
                      expect: {events: [pong], timeout: 30s}
                    """));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            Finding timeout = findings(run, "golden-path/timeout").get(0);
            assertThat(timeout.category()).isEqualTo("timeout-before-pong");
            assertThat(timeout.message()).contains("no pong with $.id = someone-else within 700 ms (step 2 of 2)");
            assertThat(ms).as("the wait's 700 ms, not the journey's 30 s").isLessThan(15_000);
        }
    }

    @Test
    @DisplayName("a correlated wait ignores the answers to other sends; a regex that does not match is a timeout")
    void correlationAndPatternsAreChecked() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(healthy(), 0)) {
            RunResult run = run(dir, config(server, 2, 1, """
                      steps:
                        - send: {type: user_message, payload: {content: "x", thread_id: "{uuid}"}}
                        - wait: {event: agent_completed, matches: {"$.payload.result.response": "^never this$"}, within: 3s}
                    """));
            assertThat(findings(run, "golden-path/timeout")).extracting(Finding::category)
                    .containsExactly("timeout-before-agent_completed");
            assertThat(findings(run, "golden-path/timeout").get(0).message())
                    .contains("$.payload.result.response ~ /^never this$/");
        }
    }

    @Test
    @DisplayName("zero samples fail every rate, percentile and count threshold, end to end (JSON and Markdown)")
    void zeroSamplesFailEveryThreshold() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(healthy().with(Fault.AUTH_BYPASS_404, 100), 0)) {
            RunResult run = run(dir, config(server, 3, 1, """
                      thresholds:
                        successRate: 0
                        connectRate: 0
                        p95: 1h
                        events: {agent_completed: {p95: 1h}}
                        counts: {messages.agent_started: {max: 1000}}
                    """));
            assertThat(run.result().verdict()).isEqualTo(Verdict.FAIL);
            for (String name : List.of("connectRate", "p95", "rtt.agent_completed.p95")) {
                Threshold t = threshold(run, name);
                assertThat(t.actual()).as(name).isNull();
                assertThat(t.passed()).as(name + ": nothing measured never passes").isFalse();
            }
            // 0 of 3 journeys passed is a measurement: 0% ≥ 0% passes; the count of 0 messages is one too
            assertThat(threshold(run, "successRate").passed()).isTrue();
            assertThat(threshold(run, "messages.agent_started").actual()).isZero();
            JsonNode json = Json.REPORT.readTree(Files.readString(run.reports().get("json")));
            for (JsonNode t : json.get("thresholds")) {
                if (List.of("connectRate", "p95", "rtt.agent_completed.p95").contains(t.get("name").asText())) {
                    assertThat(t.has("actual")).isFalse();
                    assertThat(t.get("passed").asBoolean()).isFalse();
                }
            }
            assertThat(Files.readString(run.reports().get("md")))
                    .contains("- p95: no samples: nothing was measured, so it fails")
                    .contains("- rtt.agent\\_completed.p95: no samples: nothing was measured, so it fails");
        }
    }

    @Test
    @DisplayName("step mistakes are config errors with file, line and key")
    void stepMistakesAreConfigErrors() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(healthy(), 0)) {
            assertThatThrownBy(() -> run(dir, config(server, 1, 1, """
                      steps:
                        - wait: {event: pong, correlate: "$.id"}
                    """))).isInstanceOf(ConfigException.class).hasMessageContaining("gates.yml:7:")
                    .hasMessageContaining("goldenPath.steps.0.wait.correlate: no send before this step carries {correlation}");
            assertThatThrownBy(() -> run(dir, config(server, 1, 1, """
                      steps:
                        - {send: {type: ping}, wait: {event: pong}}
                    """))).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("goldenPath.steps.0: a step is exactly one of send");
            assertThatThrownBy(() -> run(dir, config(server, 1, 1, """
                      steps:
                        - wait: {event: pong, matches: {"$.id": "(unclosed"}}
                    """))).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("goldenPath.steps.0.wait.matches: '(unclosed' is not a regular expression");
            assertThatThrownBy(() -> run(dir, config(server, 1, 1, """
                      thresholds: {events: {pongg: {p95: 1s}}}
                    """))).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("goldenPath.thresholds.events.pongg: round trips are measured for");
            assertThatThrownBy(() -> run(dir, config(server, 1, 1, """
                      thresholds: {counts: {failure.http-502: {max: 0}}}
                    """))).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("goldenPath.thresholds.counts.failure.http-502: not a count of this gate");
        }
    }
}
