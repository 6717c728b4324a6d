package io.github.recoverygates.goldenpath;

import static io.github.recoverygates.goldenpath.GoldenPathHarness.config;
import static io.github.recoverygates.goldenpath.GoldenPathHarness.findings;
import static io.github.recoverygates.goldenpath.GoldenPathHarness.healthy;
import static io.github.recoverygates.goldenpath.GoldenPathHarness.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.Verdict;
import io.github.recoverygates.demo.Fault;
import io.github.recoverygates.demo.ReferenceServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("goldenPathGate options: order, ramp-up, auth variants, the demo section")
class GoldenPathOptionsTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("relaxed order accepts tool_executing before agent_thinking; strict does not")
    void relaxedOrderAcceptsAReorderedMiddle() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(healthy().with(Fault.REORDER, 100), 0)) {
            RunResult strict = run(dir.resolve("strict"), config(server, 3, 1, ""));
            assertThat(findings(strict, "golden-path/event-order")).singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("got agent_started → tool_executing → agent_thinking"));

            RunResult relaxed = run(dir.resolve("relaxed"), config(server, 3, 1, "").replace("    timeout: 30s\n",
                    "    timeout: 30s\n    order: relaxed\n"));
            assertThat(relaxed.result().verdict()).as(relaxed.result().summary()).isEqualTo(Verdict.PASS);
        }
    }

    @Test
    @DisplayName("ramp-up spreads the users' start over the given time")
    void rampUpSpreadsTheStarts() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(healthy(), 0)) {
            RunResult run = run(dir, config(server, 4, 1, "").replace("rampUp: 0s", "rampUp: 2s"));
            assertThat(run.result().verdict()).isEqualTo(Verdict.PASS);
            // the last of 4 users starts at 3/4 of 2 s
            assertThat(run.result().metrics().get("run.ms").longValue()).isGreaterThanOrEqualTo(1500);
        }
    }

    @Test
    @DisplayName("a close with 1008 before any event is auth-rejected; a wrong upgrade path is http-404")
    void policyCloseAndWrongPath() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(healthy().with(Fault.WRONG_SUBPROTOCOL, 100), 0)) {
            // with header auth the client does not insist on a subprotocol, so the server's 1008 close is what it sees
            RunResult run = run(dir.resolve("a"), config(server, 2, 1, "").replace("auth: subprotocol", "auth: header"));
            assertThat(findings(run, "golden-path/auth")).extracting(Finding::category).containsExactly("auth-rejected");
            assertThat(findings(run, "golden-path/auth").get(0).message()).contains("1008");
        }
        try (ReferenceServer server = ReferenceServer.start(healthy(), 0)) {
            String yaml = config(server, 2, 1, "").replace(server.webSocketUrl().toString(), server.webSocketUrl() + "-wrong");
            RunResult run = run(dir.resolve("b"), yaml);
            assertThat(findings(run, "golden-path/connect")).extracting(Finding::category).containsExactly("http-404");
        }
    }

    @Test
    @DisplayName("the reference server's demo section passes as is and masks its literal password")
    void demoSectionPasses() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(healthy(), 0)) {
            RunResult run = run(dir, server.goldenPathSection(5, 1), Map.of("E2E_PASSWORD", GoldenPathHarness.PASSWORD));
            assertThat(run.result().verdict()).as(run.result().summary()).isEqualTo(Verdict.PASS);
            assertThat(GoldenPathHarness.allReports(run)).doesNotContain(GoldenPathHarness.PASSWORD);
        }
    }
}
