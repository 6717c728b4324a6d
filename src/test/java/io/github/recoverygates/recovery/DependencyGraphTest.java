package io.github.recoverygates.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.Graph;
import io.github.recoverygates.core.Table;
import io.github.recoverygates.core.Verdict;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("recovery: checks run along the dependsOn DAG and name the first cause")
class DependencyGraphTest {

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

    @Test
    void aDependencyThatNeverComesUpBlocksItsDependentsAndTheChainNamesTheRootCause() throws Exception {
        int dead = Ports.dead();
        GateRun r = GateRun.of(tmp, """
                recovery:
                  wait: {timeout: 1500ms, interval: 300ms}
                  checks:
                    - {name: postgres, type: tcp, url: "tcp://127.0.0.1:%d"}
                    - {name: auth, type: http, url: "%s", dependsOn: [postgres]}
                    - {name: backend, type: http, url: "%s", dependsOn: [auth]}
                    - {name: backend-ws, type: websocket, url: "%s", dependsOn: [backend]}
                """.formatted(dead, server.url("/health"), server.url("/health"), server.wsUrl("/ws")), Map.of());
        assertThat(r.result().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.messages("recovery/check-failed")).singleElement().asString()
                .startsWith("postgres is down").contains("connection refused on 127.0.0.1:" + dead);
        assertThat(r.messages("recovery/check-blocked")).contains(
                "backend blocked by auth, auth blocked by postgres: connection refused on 127.0.0.1:" + dead,
                "auth blocked by postgres: connection refused on 127.0.0.1:" + dead);
        assertThat(r.result().summary()).contains("1 of 4".replace("1", "0"))
                .contains("first cause: backend-ws blocked by backend, backend blocked by auth, auth blocked by postgres: connection refused");
        assertThat(r.metric("checks.blocked")).isEqualTo(3L);
        assertThat(r.metric("checks.down")).isEqualTo(1L);
        assertThat(r.metric("ready")).isEqualTo(0);
        assertThat(r.check("auth")).containsEntry("state", "blocked").containsEntry("blockedBy", "postgres");
        // a blocked check is never tried: it is not a failure of its own
        assertThat(r.metric("check.auth.attempts")).isEqualTo(0);
        Graph graph = (Graph) r.result().sections().stream().filter(s -> s.id().equals("recovery-graph")).findFirst().orElseThrow();
        assertThat(graph.nodes()).extracting(Graph.Node::state).contains(Graph.State.DOWN, Graph.State.BLOCKED);
        assertThat(graph.edges()).extracting(Graph.Edge::kind).contains(Graph.EdgeKind.BLOCKS);
        assertThat(graph.nodes()).hasSize(4);
    }

    @Test
    void aDependencyThatComesUpLateIsWaitedForAndTheDependentPasses() throws Exception {
        int port = Ports.dead();
        CompletableFuture<TestHttpServer> late = CompletableFuture.supplyAsync(() -> {
            try {
                TimeUnit.MILLISECONDS.sleep(1200); // the service under test comes up late: this delay is the scenario
                return TestHttpServer.startOn(port);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            GateRun r = GateRun.of(tmp, """
                    recovery:
                      wait: {timeout: 10s, interval: 200ms}
                      checks:
                        - {name: auth, type: http, url: "http://127.0.0.1:%d/health"}
                        - {name: backend, type: http, url: "%s", dependsOn: [auth]}
                    """.formatted(port, server.url("/health")), Map.of());
            assertThat(r.result().verdict()).isEqualTo(Verdict.PASS);
            assertThat(r.metric("check.auth.attempts").intValue()).isGreaterThan(1);
            long authUp = r.metric("check.auth.upAtMs").longValue();
            long backendUp = r.metric("check.backend.upAtMs").longValue();
            assertThat(authUp).isGreaterThanOrEqualTo(1200);
            assertThat(backendUp).isGreaterThanOrEqualTo(authUp);
            assertThat(r.metric("time.toReadyMs").longValue()).isEqualTo(backendUp);
            Table timeline = (Table) r.result().sections().stream().filter(s -> s.id().equals("recovery-timeline")).findFirst().orElseThrow();
            assertThat(timeline.rows()).anySatisfy(row -> assertThat(row).contains("auth", "down"))
                    .anySatisfy(row -> assertThat(row).contains("auth", "up"));
        } finally {
            late.get(10, TimeUnit.SECONDS).close();
        }
    }

    @Test
    void aNonCriticalCheckThatFailsDegradesToWarnAndDoesNotBlockItsDependents() throws Exception {
        int dead = Ports.dead();
        long t0 = System.nanoTime();
        GateRun r = GateRun.of(tmp, """
                recovery:
                  wait: {timeout: 3s, interval: 500ms}
                  checks:
                    - {name: redis, type: tcp, url: "tcp://127.0.0.1:%d", critical: false}
                    - {name: auth, type: http, url: "%s", dependsOn: [redis]}
                """.formatted(dead, server.url("/health")), Map.of());
        assertThat(r.result().verdict()).isEqualTo(Verdict.WARN);
        assertThat(r.messages("recovery/degraded")).singleElement().asString()
                .contains("redis is down").contains("not critical");
        assertThat(r.check("auth")).containsEntry("state", "up");
        // auth did not wait for redis's whole budget, only for its first attempt
        assertThat(r.metric("check.auth.upAtMs").longValue()).isLessThan(1500);
        assertThat(r.metric("checks.degraded")).isEqualTo(1L);
        assertThat(r.metric("ready")).isEqualTo(1);
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(2000); // redis was retried
    }

    @Test
    void independentChecksRunInParallel() throws Exception {
        StringBuilder checks = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            checks.append("    - {name: c").append(i).append(", type: http, url: \"").append(server.url("/slow?ms=500")).append("\"}\n");
        }
        long t0 = System.nanoTime();
        GateRun r = GateRun.of(tmp, "recovery:\n  checks:\n" + checks, Map.of());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.metric("checks.up")).isEqualTo(8L);
        assertThat(ms).isLessThan(8 * 500 - 500); // serial would take 4 s
    }

    @Test
    void aCycleIsAConfigErrorNamingTheCycleAndItsLine() {
        assertThatThrownBy(() -> GateRun.of(tmp, """
                recovery:
                  checks:
                    - {name: a, type: tcp, url: "tcp://127.0.0.1:1", dependsOn: [c]}
                    - {name: b, type: tcp, url: "tcp://127.0.0.1:1", dependsOn: [a]}
                    - {name: c, type: tcp, url: "tcp://127.0.0.1:1", dependsOn: [b]}
                """, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(".recovery-gates.yml:3:")
                .hasMessageContaining("cycle: a → c → b → a");
    }

    @Test
    void anUnknownDependencyAnUnknownTypeAndABadDurationAreConfigErrorsWithLocations() {
        assertThatThrownBy(() -> GateRun.of(tmp, """
                recovery:
                  checks:
                    - {name: a, type: tcp, url: "tcp://127.0.0.1:1", dependsOn: [nope]}
                """, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(":3:").hasMessageContaining("unknown check 'nope'");
        assertThatThrownBy(() -> GateRun.of(tmp, """
                recovery:
                  checks:
                    - {name: a, type: mysql, url: "x"}
                """, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(":3:").hasMessageContaining("mysql")
                .hasMessageContaining("http, tcp, redis, postgres, websocket, command");
        assertThatThrownBy(() -> GateRun.of(tmp, """
                recovery:
                  wait: {timeout: soon}
                """, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(":2:").hasMessageContaining("duration");
    }

    @Test
    void aCommandCheckPassesOnExitZeroAndATimedOutCommandIsKilled() throws Exception {
        long t0 = System.nanoTime();
        GateRun r = GateRun.of(tmp, """
                recovery:
                  wait: {timeout: 2s, interval: 200ms}
                  checks:
                    - {name: migrations, type: command, command: ["sh", "-c", "echo migrations current"]}
                    - {name: failing, type: command, command: "echo schema behind >&2; exit 3"}
                    - {name: stuck, type: command, command: "sleep 30", timeout: 300ms}
                """, Map.of());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.check("migrations")).containsEntry("state", "up");
        assertThat(r.messages("recovery/check-failed")).anySatisfy(m -> assertThat(m)
                .startsWith("failing is down").contains("exited with 3 (expected 0)").contains("schema behind"));
        assertThat(r.messages("recovery/check-failed")).anySatisfy(m -> assertThat(m)
                .startsWith("stuck is down").contains("did not finish within 300ms (killed)"));
        assertThat(ms).isLessThan(6000);
    }
}
