package io.github.recoverygates.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the reference server speaks the seeds' protocol")
class ReferenceServerTest {

    private static final String SECRET = "reference-jwt-secret-for-tests-0123456789";
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> login(ReferenceServer server, String password) throws Exception {
        String body = json.writeValueAsString(json.createObjectNode().put("email", "e2e-1@example.com").put("password", password));
        return client.send(HttpRequest.newBuilder(server.loginUrl()).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAndLoginIssueAJwtOnlyForTheRightPassword() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServer.Options.healthy(SECRET, "pw-1234"), 0)) {
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(server.healthUrl())
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(json.readTree(health.body()).path("status").asText()).isEqualTo("healthy");

            HttpResponse<String> ok = login(server, "pw-1234");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(json.readTree(ok.body()).path("access_token").asText()).matches("eyJ[^.]+\\.eyJ[^.]+\\.[^.]+");
            assertThat(login(server, "wrong").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void auth404FaultAnswersTheLoginWith404ForItsShare() throws Exception {
        ReferenceServer.Options options = ReferenceServer.Options.healthy(SECRET, "pw-1234").with(Fault.AUTH_BYPASS_404, 50);
        try (ReferenceServer server = ReferenceServer.start(options, 0)) {
            List<Integer> statuses = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 4; i++) {
                statuses.add(login(server, "pw-1234").statusCode());
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 200, 404, 404);
        }
    }

    @Test
    void theAgentStreamsFiveEventsOverTheJwtSubprotocol() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServer.Options.healthy(SECRET, "pw"), 0)) {
            String token = server.issueToken("e2e-7@example.com");
            List<JsonNode> events = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> completed = new CompletableFuture<>();
            WebSocket ws = client.newWebSocketBuilder().subprotocols("jwt-auth", "jwt." + token)
                    .buildAsync(server.webSocketUrl(), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                            try {
                                JsonNode event = json.readTree(data.toString());
                                events.add(event);
                                if (event.path("type").asText().equals("agent_completed")) {
                                    completed.complete(null);
                                }
                            } catch (Exception e) {
                                completed.completeExceptionally(e);
                            }
                            socket.request(1);
                            return null;
                        }
                    }).get(5, TimeUnit.SECONDS);
            assertThat(ws.getSubprotocol()).isEqualTo("jwt-auth");
            ws.sendText("{\"type\":\"user_message\",\"payload\":{\"content\":\"hi\",\"thread_id\":\"t-1\"}}", true);
            completed.get(5, TimeUnit.SECONDS);
            assertThat(events).extracting(e -> e.path("type").asText()).containsExactly(
                    "agent_started", "agent_thinking", "tool_executing", "tool_completed", "agent_completed");
            assertThat(events).allSatisfy(e -> {
                assertThat(e.path("payload").path("thread_id").asText()).isEqualTo("t-1");
                assertThat(e.path("payload").path("user_id").asText()).isEqualTo("e2e-7@example.com");
            });
            assertThat(events.get(4).path("payload").path("result").path("response").asText().length()).isGreaterThan(50);
            ws.abort();
        }
    }

    @Test
    void anUpgradeWithoutATokenIs401AndWithAForgedOneIs403() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServer.Options.healthy(SECRET, "pw"), 0)) {
            assertThatThrownBy(() -> client.newWebSocketBuilder().buildAsync(server.webSocketUrl(), new WebSocket.Listener() { })
                    .get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(401));
            assertThatThrownBy(() -> client.newWebSocketBuilder().header("Authorization", "Bearer not.a.jwt")
                    .buildAsync(server.webSocketUrl(), new WebSocket.Listener() { }).get(5, TimeUnit.SECONDS))
                    .cause().satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(403));
        }
    }

    @Test
    void optionsRefuseAShortSecretAndABadPercentage() {
        assertThatThrownBy(() -> ReferenceServer.Options.healthy("short", "pw")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> ReferenceServer.Options.healthy(SECRET, "pw").with(Fault.REORDER, 101))
                .hasMessageContaining("0..100");
    }
}
