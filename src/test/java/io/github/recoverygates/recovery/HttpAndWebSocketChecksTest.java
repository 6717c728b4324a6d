package io.github.recoverygates.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.core.Verdict;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("recovery: http, websocket and tcp checks against a real Jetty server")
class HttpAndWebSocketChecksTest {

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

    private GateRun run(String checks) throws Exception {
        return GateRun.of(tmp, "recovery:\n  wait: {timeout: 2s, interval: 300ms}\n  checks:\n" + checks, Map.of());
    }

    @Test
    void healthyJsonStatusPassesWithLatencyAndOneAttempt() throws Exception {
        GateRun r = run("    - name: auth\n      type: http\n      url: " + server.url("/health") + "\n"
                + "      expect: {status: 200, jsonPath: \"$.status\", equals: healthy, maxLatency: 5s}\n"
                + "    - {name: first-check, type: http, url: \"" + server.url("/health") + "\", expect: {jsonPath: \"$.checks[0].ok\", equals: true}}\n");
        assertThat(r.result().verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.metric("checks.up")).isEqualTo(2L);
        assertThat(r.metric("check.auth.attempts")).isEqualTo(1);
        assertThat(r.metric("check.auth.latencyMs").longValue()).isGreaterThanOrEqualTo(0);
        assertThat(r.metric("ready")).isEqualTo(1);
        assertThat(r.result().summary()).startsWith("all 2 checks up");
        assertThat(r.check("auth")).containsEntry("state", "up");
    }

    @Test
    void a502IsAFailureThatNamesTheStatus() throws Exception {
        GateRun r = run("    - {name: backend, type: http, url: \"" + server.url("/bad-gateway") + "\"}\n");
        assertThat(r.result().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.messages("recovery/check-failed")).singleElement().asString()
                .contains("backend is down after").contains("HTTP 502").contains("Bad Gateway");
        assertThat(r.metric("check.backend.attempts").intValue()).isGreaterThan(1); // it retried within the budget
    }

    @Test
    void aJsonValueThatDiffersIsAFailureNamingBothValues() throws Exception {
        GateRun r = run("    - {name: auth, type: http, url: \"" + server.url("/degraded")
                + "\", expect: {jsonPath: \"$.status\", equals: healthy}}\n");
        assertThat(r.messages("recovery/check-failed")).singleElement().asString()
                .contains("$.status is \"degraded\", expected \"healthy\"");
    }

    @Test
    void aSlowHealthEndpointFailsMaxLatency() throws Exception {
        GateRun r = run("    - {name: slow, type: http, url: \"" + server.url("/slow?ms=400")
                + "\", timeout: 2s, expect: {maxLatency: 100ms}}\n");
        assertThat(r.messages("recovery/check-failed")).singleElement().asString()
                .contains("over maxLatency 100ms");
    }

    @Test
    void aSlowHealthEndpointHitsTheAttemptDeadline() throws Exception {
        long t0 = System.nanoTime();
        GateRun r = run("    - {name: slow, type: http, url: \"" + server.url("/slow?ms=3000") + "\", timeout: 300ms}\n");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.messages("recovery/check-failed")).singleElement().asString()
                .contains("no answer within 300ms from 127.0.0.1:" + server.port());
        assertThat(ms).isLessThan(2900);
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersCannotHangTheGate() throws Exception {
        try (Ports.Silent silent = new Ports.Silent()) {
            long t0 = System.nanoTime();
            GateRun r = run("    - {name: http-hang, type: http, url: \"http://127.0.0.1:" + silent.port() + "/health\", timeout: 300ms}\n"
                    + "    - {name: ws-hang, type: websocket, url: \"ws://127.0.0.1:" + silent.port() + "/ws\", timeout: 300ms}\n");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.result().verdict()).isEqualTo(Verdict.FAIL);
            assertThat(r.messages("recovery/check-failed")).hasSize(2)
                    .allSatisfy(m -> assertThat(m).containsPattern("no (answer|WebSocket handshake) within 300ms"));
            assertThat(ms).isLessThan(4000);
        }
    }

    @Test
    void redirectsAreNotFollowedUnlessAsked() throws Exception {
        GateRun r = run("    - {name: plain, type: http, url: \"" + server.url("/redirect") + "\"}\n"
                + "    - {name: follow, type: http, url: \"" + server.url("/redirect") + "\", followRedirects: true}\n");
        assertThat(r.messages("recovery/check-failed")).singleElement().asString()
                .startsWith("plain is down").contains("HTTP 302");
        assertThat(r.check("follow")).containsEntry("state", "up");
    }

    @Test
    void headersAreSent() throws Exception {
        GateRun r = run("    - {name: with-token, type: http, url: \"" + server.url("/needs-token") + "\", headers: {X-Token: letmein}}\n"
                + "    - {name: without, type: http, url: \"" + server.url("/needs-token") + "\", expect: {bodyContains: ok}}\n");
        assertThat(r.check("with-token")).containsEntry("state", "up");
        assertThat(r.messages("recovery/check-failed")).singleElement().asString().contains("HTTP 401");
    }

    @Test
    void aWebSocketUpgradeSucceedsAndARefusedUpgradeReportsTheHttpStatus() throws Exception {
        GateRun r = run("    - {name: ws, type: websocket, url: \"" + server.wsUrl("/ws") + "\"}\n"
                + "    - {name: ws-bad, type: websocket, url: \"" + server.wsUrl("/bad-gateway") + "\"}\n");
        assertThat(r.check("ws")).containsEntry("state", "up");
        assertThat(r.messages("recovery/check-failed")).singleElement().asString()
                .contains("WebSocket upgrade refused").contains("HTTP 502");
    }

    @Test
    void aClosedPortIsConnectionRefused() throws Exception {
        int dead = Ports.dead();
        GateRun r = run("    - {name: tcp, type: tcp, url: \"tcp://127.0.0.1:" + dead + "\"}\n"
                + "    - {name: http, type: http, url: \"http://127.0.0.1:" + dead + "/health\"}\n"
                + "    - {name: open, type: tcp, host: 127.0.0.1, port: " + server.port() + "}\n");
        assertThat(r.messages("recovery/check-failed")).hasSize(2)
                .allSatisfy(m -> assertThat(m).contains("connection refused on 127.0.0.1:" + dead));
        assertThat(r.check("open")).containsEntry("state", "up");
    }
}
