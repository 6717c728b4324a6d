package io.github.recoverygates.goldenpath;

import static io.github.recoverygates.goldenpath.GoldenPathHarness.allReports;
import static io.github.recoverygates.goldenpath.GoldenPathHarness.config;
import static io.github.recoverygates.goldenpath.GoldenPathHarness.findings;
import static io.github.recoverygates.goldenpath.GoldenPathHarness.healthy;
import static io.github.recoverygates.goldenpath.GoldenPathHarness.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.Verdict;
import io.github.recoverygates.demo.Fault;
import io.github.recoverygates.demo.ReferenceServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: {@code load.session: user} — a virtual user logs in once and runs its iterations on one socket,
 * as Artillery's virtual user does — against the reference server, whose {@code /stats} counts the sockets
 * and logins it saw.
 */
@DisplayName("golden path: load.session user runs a user's journeys on one login and one socket")
class SessionLoadTest {

    @TempDir
    Path dir;

    private static String session(ReferenceServer server, int users, int iterations, String session) {
        return config(server, users, iterations, "").replace("rampUp: 0s}", "rampUp: 0s, session: " + session + "}");
    }

    private static JsonNode stats(ReferenceServer server) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.statsUrl()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return Json.REPORT.readTree(answer.body());
    }

    private static long metric(RunResult run, String name) {
        Number n = run.result().metrics().get(name);
        assertThat(n).as(name + " in " + run.result().metrics()).isNotNull();
        return n.longValue();
    }

    @Test
    @DisplayName("3 users × 4 iterations: 12 journeys judged each on its own events, 3 logins, 3 sockets")
    void threeUsersFourIterationsOnThreeSockets() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(healthy(), 0)) {
            RunResult run = run(dir, session(server, 3, 4, "user") + "  trace: {user: 2, iteration: 3}\n");

            assertThat(run.result().verdict()).as(run.result().summary()).isEqualTo(Verdict.PASS);
            assertThat(metric(run, "journeys.total")).isEqualTo(12);
            assertThat(metric(run, "journeys.passed")).isEqualTo(12);
            // every journey got its own five events and its own answer: none of another journey's
            assertThat(metric(run, "messages.agent_completed")).isEqualTo(12);
            assertThat(metric(run, "events.unexpected")).isZero();
            // one upgrade per user; the other journeys ran on the open socket
            assertThat(metric(run, "upgrades.attempted")).isEqualTo(3);
            assertThat(metric(run, "upgrades.ok")).isEqualTo(3);
            JsonNode stats = stats(server);
            assertThat(stats.path("sockets").asLong()).isEqualTo(3);
            assertThat(stats.path("logins").asLong()).isEqualTo(3);
            assertThat(stats.path("tokens").asLong()).isEqualTo(3);
            assertThat(stats.path("runs").asLong()).isEqualTo(12);
            // the traced journey is a later one on user 2's socket: no upgrade of its own, its own send and events
            String reports = allReports(run);
            assertThat(reports).contains("the socket iteration 1 opened, still open").contains("agent_completed")
                    .doesNotContain(GoldenPathHarness.PASSWORD);
        }
    }

    @Test
    @DisplayName("a server that serves one run per socket: every second journey fails with its cause, the user logs in again")
    void aClosedSocketFailsItsJourneyAndTheUserReconnects() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(healthy().with(Fault.ONE_RUN_PER_SOCKET, 100), 0)) {
            RunResult run = run(dir, session(server, 3, 4, "user"));

            // iterations 1 and 3 open a socket and pass; 2 and 4 ask the same socket for a second run
            assertThat(metric(run, "journeys.total")).isEqualTo(12);
            assertThat(metric(run, "journeys.passed")).isEqualTo(6);
            assertThat(metric(run, "failures.closed-1001")).isEqualTo(6);
            assertThat(findings(run, "golden-path/connect")).singleElement().satisfies(f -> assertThat(f.message())
                    .contains("1001").contains("one run per connection"));
            // a new login and socket after each failure that has a journey after it: 3 + 3
            assertThat(metric(run, "upgrades.attempted")).isEqualTo(6);
            JsonNode stats = stats(server);
            assertThat(stats.path("sockets").asLong()).isEqualTo(6);
            assertThat(stats.path("logins").asLong()).isEqualTo(6);
            assertThat(run.result().verdict()).isEqualTo(Verdict.FAIL);
        }
    }

    @Test
    @DisplayName("session: journey (the default) still logs in and opens a socket per journey")
    void perJourneySessionsAreUnchanged() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(healthy(), 0)) {
            RunResult explicit = run(dir.resolve("explicit"), session(server, 3, 4, "journey"));
            assertThat(explicit.result().verdict()).as(explicit.result().summary()).isEqualTo(Verdict.PASS);
            assertThat(metric(explicit, "journeys.passed")).isEqualTo(12);
            assertThat(metric(explicit, "upgrades.attempted")).isEqualTo(12);
            assertThat(stats(server).path("sockets").asLong()).isEqualTo(12);
            assertThat(stats(server).path("logins").asLong()).isEqualTo(12);

            RunResult byDefault = run(dir.resolve("default"), config(server, 3, 4, ""));
            assertThat(metric(byDefault, "journeys.passed")).isEqualTo(12);
            assertThat(stats(server).path("sockets").asLong()).isEqualTo(24);
            assertThat(stats(server).path("logins").asLong()).isEqualTo(24);
        }
    }

    @Test
    @DisplayName("session: everyone is refused naming the file, line and key, with the allowed values")
    void anUnknownSessionIsAConfigError() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(healthy(), 0)) {
            assertThatThrownBy(() -> run(dir, session(server, 3, 4, "everyone")))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("gates.yml:12:")
                    .hasMessageContaining("goldenPath.load.session")
                    .hasMessageContaining("everyone")
                    .hasMessageContaining("journey").hasMessageContaining("user");
            assertThat(stats(server).path("sockets").asLong()).isZero();
        }
    }
}
