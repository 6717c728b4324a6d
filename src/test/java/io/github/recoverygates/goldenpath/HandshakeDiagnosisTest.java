package io.github.recoverygates.goldenpath;

import static io.github.recoverygates.goldenpath.GoldenPathHarness.config;
import static io.github.recoverygates.goldenpath.GoldenPathHarness.findings;
import static io.github.recoverygates.goldenpath.GoldenPathHarness.healthy;
import static io.github.recoverygates.goldenpath.GoldenPathHarness.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.Table;
import io.github.recoverygates.core.Verdict;
import io.github.recoverygates.demo.ReferenceServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 item 2: when the upgrade fails, the gate says which way — no 101, a 502/404 from a proxy, the
 * subprotocol not echoed, the auth header missing on arrival — against the reference server behind a
 * real proxy on 127.0.0.1 that rewrites headers the way the seeds' load balancer did.
 */
@DisplayName("golden path: handshake diagnosis through a test-started proxy, and the masked trace")
class HandshakeDiagnosisTest {

    @TempDir
    Path dir;

    /** The harness config, its WebSocket URL pointed at the proxy. */
    private static String throughProxy(ReferenceServer server, TestProxy proxy, int users, String extra) {
        return config(server, users, 1, extra).replace(server.webSocketUrl().toString(), proxy.wsUrl("/ws"));
    }

    private static Finding only(RunResult run, String ruleId) {
        List<Finding> found = findings(run, ruleId);
        assertThat(found).as(run.result().findings().toString()).hasSize(1);
        return found.get(0);
    }

    @Test
    @DisplayName("a proxy that strips Authorization: 'auth header missing on arrival', not 'bad token'")
    void aStrippedAuthorizationHeaderIsNamed() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(healthy(), 0);
             TestProxy proxy = TestProxy.stripping(server.port(), Set.of("Authorization"), Set.of())) {
            RunResult run = run(dir, throughProxy(server, proxy, 3, "").replace("auth: subprotocol", "auth: header"));
            Finding f = only(run, "golden-path/auth");
            assertThat(f.category()).isEqualTo("auth-header-stripped");
            assertThat(f.message()).contains("3 of 3 journeys").contains("answered HTTP 401")
                    .contains("the client sent Authorization, but it was missing on arrival")
                    .contains("the server received").contains("sec-websocket-key")
                    .contains("a proxy or load balancer");
            assertThat(run.result().metrics().get("failures.auth-header-stripped").longValue()).isEqualTo(3);
        }
    }

    @Test
    @DisplayName("a proxy that strips Sec-WebSocket-Protocol on the way in: the subprotocol header is named")
    void aStrippedSubprotocolHeaderIsNamed() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(healthy(), 0);
             TestProxy proxy = TestProxy.stripping(server.port(), Set.of("Sec-WebSocket-Protocol"), Set.of())) {
            RunResult run = run(dir, throughProxy(server, proxy, 2, ""));
            assertThat(only(run, "golden-path/auth").message())
                    .contains("auth-header-stripped").contains("the client sent Sec-WebSocket-Protocol, but it was missing on arrival");
        }
    }

    @Test
    @DisplayName("a proxy that drops the echoed subprotocol on the way out: 'subprotocol not echoed'")
    void aSubprotocolThatIsNotEchoed() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(healthy(), 0);
             TestProxy proxy = TestProxy.stripping(server.port(), Set.of(), Set.of("Sec-WebSocket-Protocol"))) {
            RunResult run = run(dir, throughProxy(server, proxy, 2, ""));
            Finding f = only(run, "golden-path/auth");
            assertThat(f.category()).isEqualTo("subprotocol-not-echoed");
            assertThat(f.message()).contains("without echoing any offered subprotocol");
        }
    }

    @Test
    @DisplayName("the same token through a faithful proxy passes: the diagnosis is the proxy's doing")
    void aFaithfulProxyPasses() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(healthy(), 0);
             TestProxy proxy = TestProxy.stripping(server.port(), Set.of(), Set.of())) {
            RunResult run = run(dir, throughProxy(server, proxy, 2, ""));
            assertThat(run.result().verdict()).as(run.result().findings().toString()).isEqualTo(Verdict.PASS);
        }
    }

    @Test
    @DisplayName("502 and 404 from a proxy, and a 200 page instead of 101, each say so")
    void proxyAnswersAreNamed() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(healthy(), 0);
             TestProxy bad = TestProxy.answering(502, "Bad Gateway", "text/html", "<html>502 Bad Gateway</html>");
             TestProxy missing = TestProxy.answering(404, "Not Found", "text/plain", "no route");
             TestProxy page = TestProxy.answering(200, "OK", "text/html", "<html>the app</html>")) {
            RunResult r502 = run(dir.resolve("502"), throughProxy(server, bad, 2, ""));
            assertThat(only(r502, "golden-path/connect").message()).contains("http-502")
                    .contains("answered HTTP 502 from a proxy (Server: test-proxy; Via: 1.1 test-proxy): it has no healthy backend");
            RunResult r404 = run(dir.resolve("404"), throughProxy(server, missing, 2, ""));
            assertThat(only(r404, "golden-path/connect").message()).contains("http-404")
                    .contains("no WebSocket endpoint at this path; answered by Server: test-proxy").contains(": no route");
            RunResult r200 = run(dir.resolve("200"), throughProxy(server, page, 2, ""));
            assertThat(only(r200, "golden-path/connect").message()).contains("http-200")
                    .contains("instead of 101 Switching Protocols");
        }
    }

    @Test
    @DisplayName("trace: one journey's frames, the token masked, nowhere else a token")
    void traceRecordsOneJourneyMasked() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(healthy(), 0)) {
            RunResult run = run(dir, config(server, 3, 2, "  trace: {user: 2, iteration: 2}\n"));
            assertThat(run.result().verdict()).isEqualTo(Verdict.PASS);
            Table trace = (Table) run.result().sections().stream().filter(s -> s.id().equals("golden-path-trace"))
                    .findFirst().orElseThrow();
            List<String> frames = trace.rows().stream().map(r -> r.get(1) + " " + r.get(2)).toList();
            assertThat(frames).startsWith("· login", "→ upgrade", "← upgrade", "→ text")
                    .contains("← text").endsWith("→ close");
            assertThat(trace.rows().get(1).get(3).toString()).contains("jwt-auth, jwt.***");
            assertThat(trace.rows().get(2).get(3).toString()).contains("HTTP 101, subprotocol jwt-auth");
            assertThat(trace.rows()).filteredOn(r -> "← text".equals(r.get(1) + " " + r.get(2))).hasSize(5);
            assertThat(GoldenPathHarness.allReports(run)).contains("golden-path-trace")
                    .doesNotContainPattern("eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+")
                    .doesNotContain(GoldenPathHarness.PASSWORD);
        }
    }
}
