package io.github.recoverygates.goldenpath;

import static io.github.recoverygates.goldenpath.GoldenPathHarness.config;
import static io.github.recoverygates.goldenpath.GoldenPathHarness.findings;
import static io.github.recoverygates.goldenpath.GoldenPathHarness.healthy;
import static io.github.recoverygates.goldenpath.GoldenPathHarness.run;
import static io.github.recoverygates.goldenpath.GoldenPathHarness.threshold;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.Section;
import io.github.recoverygates.core.Table;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Threshold;
import io.github.recoverygates.core.Verdict;
import io.github.recoverygates.demo.Fault;
import io.github.recoverygates.demo.ReferenceServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("goldenPathGate against the reference server")
class GoldenPathGateTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("50 users × 2 journeys against a healthy server pass every threshold")
    void healthyServerPassesWithFiftyUsers() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(healthy(), 0)) {
            RunResult run = run(dir, config(server, 50, 2, ""));

            assertThat(run.result().verdict()).as(run.result().summary()).isEqualTo(Verdict.PASS);
            assertThat(run.result().findings()).isEmpty();
            Map<String, Number> m = run.result().metrics();
            assertThat(m.get("journeys.total").longValue()).isEqualTo(100);
            assertThat(m.get("journeys.passed").longValue()).isEqualTo(100);
            assertThat(m.get("upgrades.ok").longValue()).isEqualTo(100);
            assertThat(m.get("isolation.leakedEvents").longValue()).isZero();
            assertThat(m).containsKeys("latency.journey.p95", "latency.connect.p50", "latency.event.agent_completed.p99");
            assertThat(run.result().thresholds()).extracting(Threshold::name)
                    .containsExactly("successRate", "connectRate", "p95", "isolation");
            assertThat(run.result().thresholds()).allMatch(Threshold::passed);
            assertThat(threshold(run, "successRate").actual()).isEqualTo(100.0);
            assertThat(run.result().sections()).extracting(Section::id)
                    .contains("golden-path-outcomes", "golden-path-latency", "golden-path-sequence");
            Table sequence = section(run, "golden-path-sequence");
            assertThat(sequence.rows()).extracting(r -> r.get(1)).containsExactlyElementsOf(GoldenPathConfig.FIVE_EVENTS);
        }
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of(Fault.UPGRADE_502, "http-502", "golden-path/connect"),
                Arguments.of(Fault.CLOSE_1011, "closed-1011", "golden-path/connect"),
                Arguments.of(Fault.WRONG_SUBPROTOCOL, "subprotocol-mismatch", "golden-path/auth"),
                Arguments.of(Fault.DROP_EVENT, "missing-event", "golden-path/event-missing"),
                Arguments.of(Fault.REORDER, "out-of-order", "golden-path/event-order"),
                Arguments.of(Fault.MISSING_TOOL_NAME, "missing-field", "golden-path/field-missing"),
                Arguments.of(Fault.MISSING_RESULTS, "missing-field", "golden-path/field-missing"),
                Arguments.of(Fault.SHORT_ANSWER, "bad-answer", "golden-path/answer"),
                Arguments.of(Fault.SLOW, "timeout-before-agent_started", "golden-path/timeout"),
                Arguments.of(Fault.AUTH_BYPASS_404, "login-http-404", "golden-path/login"));
    }

    @ParameterizedTest(name = "{0} on 10% of journeys is reported as {1} under {2} and fails successRate")
    @MethodSource("faults")
    void eachFaultIsNamedWithItsRuleAndFailsTheSuccessRate(Fault fault, String failureClass, String ruleId) throws Exception {
        ReferenceServer.Options options = healthy().with(fault, 10).withDelays(Duration.ofMillis(2), Duration.ofSeconds(60));
        try (ReferenceServer server = ReferenceServer.start(options, 0)) {
            // SLOW holds the first event for 60 s: the first-event deadline, not the server, ends those journeys
            String yaml = config(server, 20, 5, "");
            RunResult run = run(dir, fault == Fault.SLOW ? yaml.replace("firstEventWithin: 15s", "firstEventWithin: 6s") : yaml);

            assertThat(run.result().verdict()).as(run.result().summary()).isEqualTo(Verdict.FAIL);
            List<Finding> found = findings(run, ruleId);
            assertThat(found).as(run.result().findings().toString()).extracting(Finding::category).contains(failureClass);
            Finding finding = found.stream().filter(f -> f.category().equals(failureClass)).findFirst().orElseThrow();
            assertThat(finding.severity()).isEqualTo(Severity.ERROR);
            assertThat(finding.properties()).containsEntry("journeys", "10").containsEntry("total", "100")
                    .containsKeys("example.user", "example.iteration", "example.events", "example.detail");
            assertThat(run.result().metrics().get("failures." + failureClass).longValue()).isEqualTo(10);
            Threshold success = threshold(run, "successRate");
            assertThat(success.actual()).as(run.result().findings().toString()).isEqualTo(90.0);
            assertThat(success.passed()).isFalse();
            assertThat(run.result().findings()).as("one finding per failure class, not per journey")
                    .hasSizeLessThanOrEqualTo(2);
            assertThat(section(run, "golden-path-transcripts").rows()).extracting(r -> r.get(0)).contains(failureClass);
        }
    }

    @Test
    @DisplayName("a 502 on the upgrade also fails the connect rate (90% < 99%)")
    void upgrade502FailsTheConnectRate() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(healthy().with(Fault.UPGRADE_502, 10), 0)) {
            RunResult run = run(dir, config(server, 20, 5, ""));
            Threshold connect = threshold(run, "connectRate");
            assertThat(connect.actual()).isEqualTo(90.0);
            assertThat(connect.numerator()).isEqualTo(90L);
            assertThat(connect.denominator()).isEqualTo(100L);
            assertThat(connect.passed()).isFalse();
            assertThat(findings(run, "golden-path/connect").get(0).message())
                    .contains("10 of 100 journeys: http-502").contains("answered HTTP 502");
        }
    }

    @Test
    @DisplayName("one user's event reaching another user fails isolation")
    void crossUserLeakFailsIsolation() throws Exception {
        ReferenceServer.Options options = healthy().with(Fault.CROSS_USER_LEAK, 10).withDelays(Duration.ofMillis(20), null);
        try (ReferenceServer server = ReferenceServer.start(options, 0)) {
            RunResult run = run(dir, config(server, 20, 5, ""));

            assertThat(run.result().verdict()).isEqualTo(Verdict.FAIL);
            Threshold isolation = threshold(run, "isolation");
            assertThat(isolation.passed()).isFalse();
            assertThat(isolation.actual()).isGreaterThanOrEqualTo(1);
            Finding leak = findings(run, "golden-path/isolation").get(0);
            assertThat(leak.category()).isEqualTo("cross-user-leak");
            assertThat(leak.message()).contains("agent_thinking carrying user");
            // the victim's own five events are still judged complete and in order
            assertThat(run.result().findings()).extracting(Finding::category).doesNotContain("out-of-order", "missing-event");
        }
    }

    @Test
    @DisplayName("2% of journeys failing stays above successRate 95: WARN, with warning findings")
    void fewFailuresBelowTheThresholdWarn() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(healthy().with(Fault.DROP_EVENT, 2), 0)) {
            RunResult run = run(dir, config(server, 20, 5, ""));
            assertThat(run.result().verdict()).isEqualTo(Verdict.WARN);
            assertThat(threshold(run, "successRate").actual()).isEqualTo(98.0);
            assertThat(findings(run, "golden-path/event-missing")).singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
        }
    }

    @Test
    @DisplayName("a server that never answers becomes a timeout finding within the first-event budget")
    void serverThatNeverAnswersTimesOut() throws Exception {
        ReferenceServer.Options options = healthy().with(Fault.SLOW, 100).withDelays(null, Duration.ofMinutes(10));
        try (ReferenceServer server = ReferenceServer.start(options, 0)) {
            String yaml = config(server, 5, 1, "").replace("firstEventWithin: 15s", "firstEventWithin: 500ms");
            long t0 = System.nanoTime();
            RunResult run = run(dir, yaml);
            long ms = (System.nanoTime() - t0) / 1_000_000;

            assertThat(ms).as("the run ends at the first-event deadline, not at the 30 s journey timeout").isLessThan(20_000);
            assertThat(run.result().verdict()).isEqualTo(Verdict.FAIL);
            Finding timeout = findings(run, "golden-path/timeout").get(0);
            assertThat(timeout.category()).isEqualTo("timeout-before-agent_started");
            assertThat(timeout.message()).contains("5 of 5 journeys").contains("no event within 500 ms");
        }
    }

    @Test
    @DisplayName("an agent that stalls mid-way times out before the event it never sent")
    void stallMidwayNamesTheMissingEvent() throws Exception {
        // events at about 0 s, 4 s, 8 s…; the journey deadline at 6 s falls between the second and the third
        ReferenceServer.Options options = healthy().withDelays(Duration.ofSeconds(4), null);
        try (ReferenceServer server = ReferenceServer.start(options, 0)) {
            String yaml = config(server, 3, 1, "").replace("timeout: 30s", "timeout: 6s");
            RunResult run = run(dir, yaml);
            Finding timeout = findings(run, "golden-path/timeout").get(0);
            assertThat(timeout.category()).isEqualTo("timeout-before-tool_executing");
            assertThat(timeout.properties().get("example.events")).isEqualTo("agent_started → agent_thinking");
        }
    }

    @Test
    @DisplayName("a JWT minted from JWT_SECRET_KEY with nimbus is accepted by the server")
    void jwtLoginMintsAcceptedTokens() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(healthy(), 0)) {
            String yaml = config(server, 5, 2, "").replaceFirst("    http: .*\n",
                    "    jwt: {secretEnv: JWT_SECRET_KEY, algorithm: HS256, claims: {sub: \"e2e-{user}\"}, ttl: 5m}\n");
            RunResult run = run(dir, yaml);
            assertThat(run.result().verdict()).as(run.result().summary()).isEqualTo(Verdict.PASS);
            assertThat(run.result().metrics().get("journeys.passed").longValue()).isEqualTo(10);
        }
    }

    @Test
    @DisplayName("a JWT signed with the wrong secret is refused on the upgrade: http-403 under golden-path/auth")
    void wrongJwtSecretIsAnAuthFailure() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(healthy(), 0)) {
            String yaml = config(server, 2, 1, "").replaceFirst("    http: .*\n", "    jwt: {secretEnv: OTHER_SECRET}\n");
            Map<String, String> env = GoldenPathHarness.environment();
            env.put("OTHER_SECRET", "another-secret-that-the-server-does-not-know-0123");
            RunResult run = run(dir, yaml, env);
            assertThat(findings(run, "golden-path/auth")).extracting(Finding::category).containsExactly("http-403");
            assertThat(threshold(run, "connectRate").actual()).isZero();
        }
    }

    @Test
    @DisplayName("a token from tokenEnv, shared by every user, is not mistaken for a cross-user leak")
    void tokenFromEnvironment() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(healthy(), 0)) {
            String yaml = config(server, 4, 2, "").replaceFirst("    http: .*\n", "    tokenEnv: E2E_TOKEN\n");
            Map<String, String> env = GoldenPathHarness.environment();
            env.put("E2E_TOKEN", server.issueToken("e2e-shared@example.com"));
            RunResult run = run(dir, yaml, env);
            assertThat(run.result().verdict()).as(run.result().summary()).isEqualTo(Verdict.PASS);
            assertThat(run.result().metrics().get("journeys.passed").longValue()).isEqualTo(8);
        }
    }

    @ParameterizedTest(name = "auth: {0}")
    @MethodSource("authModes")
    @DisplayName("the token travels as an Authorization header or a query parameter")
    void headerAndQueryAuth(String mode) throws Exception {
        try (ReferenceServer server = ReferenceServer.start(healthy(), 0)) {
            String yaml = config(server, 5, 1, "").replace("auth: subprotocol", "auth: " + mode);
            RunResult run = run(dir, yaml);
            assertThat(run.result().verdict()).as(run.result().summary()).isEqualTo(Verdict.PASS);
            assertThat(run.result().metrics().get("journeys.passed").longValue()).isEqualTo(5);
        }
    }

    static Stream<String> authModes() {
        return Stream.of("header", "query");
    }

    @Test
    @DisplayName("without any token the upgrade answers 401: http-401 under golden-path/auth")
    void missingTokenIs401() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(healthy(), 0)) {
            String yaml = config(server, 2, 1, "").replace("subprotocols: [\"jwt-auth\", \"jwt.{token}\"]",
                    "subprotocols: [\"jwt-auth\"]");
            RunResult run = run(dir, yaml);
            assertThat(findings(run, "golden-path/auth")).extracting(Finding::category).containsExactly("http-401");
        }
    }

    @Test
    @DisplayName("a dead server is a login finding with its cause, not a stack trace")
    void deadServerIsAFindingWithItsCause() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String yaml = """
                goldenPath:
                  login:
                    http: {url: "http://127.0.0.1:%d/auth/login", body: {email: "e2e-{user}@example.com", password: "${E2E_PASSWORD}"}}
                  websocket: {url: "ws://127.0.0.1:%d/ws"}
                  load: {users: 3}
                """.formatted(port, port);
        RunResult run = run(dir, yaml);
        assertThat(run.result().verdict()).isEqualTo(Verdict.FAIL);
        Finding login = findings(run, "golden-path/login").get(0);
        assertThat(login.category()).isEqualTo("login-unreachable");
        assertThat(login.message()).contains("connection refused").doesNotContain("\tat ").doesNotContain("Exception");

        String ws = yaml.replaceFirst("    http: .*\n", "    tokenEnv: E2E_TOKEN\n");
        Map<String, String> env = GoldenPathHarness.environment();
        env.put("E2E_TOKEN", "a-token-for-a-dead-server");
        RunResult dead = run(dir, ws, env);
        Finding connect = findings(dead, "golden-path/connect").get(0);
        assertThat(connect.category()).isEqualTo("connect-refused");
        assertThat(connect.message()).contains("cannot connect to 127.0.0.1:" + port + ": connection refused");
    }

    @Test
    @DisplayName("passwords, the JWT secret and tokens never reach any report")
    void secretsNeverReachTheReports() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(healthy().with(Fault.MISSING_RESULTS, 50), 0)) {
            String yaml = config(server, 4, 2, "")
                    + "  envFiles: []\n";
            RunResult run = run(dir, yaml);
            String jwtYaml = config(server, 4, 1, "").replaceFirst("    http: .*\n", "    jwt: {secretEnv: JWT_SECRET_KEY}\n")
                    .replace("auth: subprotocol", "auth: query");
            RunResult jwtRun = run(dir.resolve("jwt"), jwtYaml);
            for (RunResult r : List.of(run, jwtRun)) {
                String reports = GoldenPathHarness.allReports(r);
                assertThat(reports).contains("missing-field").doesNotContain(GoldenPathHarness.PASSWORD)
                        .doesNotContain(GoldenPathHarness.SECRET);
                assertThat(reports).doesNotContainPattern("eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
            }
        }
    }

    private static Table section(RunResult run, String id) {
        return (Table) run.result().sections().stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no section " + id));
    }
}
