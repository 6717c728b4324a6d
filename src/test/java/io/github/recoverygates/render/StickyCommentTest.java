package io.github.recoverygates.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.github.recoverygates.core.BaselineDiff;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Verdict;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sticky pull-request comment against a fake GitHub REST API on 127.0.0.1 (JDK HttpServer):
 * it keeps the comments in memory and records every request.
 */
class StickyCommentTest {

    private static final String TOKEN = "ghs_0123456789abcdefghijklmnopqrstuv";

    @TempDir
    Path dir;

    private HttpServer server;
    private final ArrayNode comments = Json.REPORT.createArrayNode();
    private final List<String> requests = new ArrayList<>();
    private final List<String> auth = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            requests.add(method + " " + path);
            auth.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] in = exchange.getRequestBody().readAllBytes();
            String answer = "{}";
            int status = 200;
            if (method.equals("GET") && path.equals("/repos/acme/app/issues/7/comments")) {
                answer = comments.toString();
            } else if (method.equals("POST") && path.equals("/repos/acme/app/issues/7/comments")) {
                ObjectNode c = comments.addObject();
                c.put("id", 100 + comments.size());
                c.put("body", Json.REPORT.readTree(in).path("body").asText());
                answer = c.toString();
                status = 201;
            } else if (method.equals("PATCH") && path.startsWith("/repos/acme/app/issues/comments/")) {
                long id = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
                for (JsonNode c : comments) {
                    if (c.path("id").asLong() == id) {
                        ((ObjectNode) c).put("body", Json.REPORT.readTree(in).path("body").asText());
                    }
                }
            } else {
                status = 404;
                answer = "{\"message\":\"Not Found\"}";
            }
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
        // someone else's comment is left alone
        comments.addObject().put("id", 1).put("body", "LGTM");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private GitHubApi api() throws Exception {
        Path event = dir.resolve("event.json");
        Files.writeString(event, "{\"pull_request\":{\"number\":7,\"head\":{\"sha\":\"" + "a".repeat(40) + "\"}}}");
        return GitHubApi.fromEnvironment(Map.of("GITHUB_TOKEN", TOKEN, "GITHUB_REPOSITORY", "acme/app",
                "GITHUB_API_URL", "http://127.0.0.1:" + server.getAddress().getPort(), "GITHUB_EVENT_PATH", event.toString()));
    }

    private static GateResult syntax(List<Finding> findings, List<Finding> fixed) {
        return new GateResult(1, "syntax", findings.isEmpty() ? Verdict.PASS : Verdict.FAIL, findings.size() + " errors",
                Instant.EPOCH, 1, null, null, new BaselineDiff("base/syntax.json",
                (int) findings.stream().filter(f -> f.baselineState() == Finding.BaselineState.NEW).count(), 0, fixed.size(), fixed),
                findings, null, null);
    }

    private static Finding error(String file, Finding.BaselineState state) {
        return Finding.builder("syntax/python", Severity.ERROR).file(file).at(3, 1).message("invalid <b>syntax</b>")
                .baselineState(state).build();
    }

    @Test
    @DisplayName("the first run creates one comment, the next ones edit it in place, and it says all fixed at the end")
    void oneCommentCreatedThenUpdated() throws Exception {
        String first = StickyComment.body(List.of(syntax(List.of(error("a.py", Finding.BaselineState.NEW)), List.of())));
        assertThat(StickyComment.publish(api(), first)).startsWith("created");
        assertThat(first).contains("### Recovery Gates: FAIL", "**New** (1):", "`a.py:3:1` invalid &lt;b&gt;syntax&lt;/b&gt;");

        String second = StickyComment.body(List.of(syntax(List.of(error("b.py", Finding.BaselineState.NEW)),
                List.of(error("a.py", null)))));
        assertThat(StickyComment.publish(api(), second)).startsWith("updated");
        assertThat(comments).hasSize(2);
        assertThat(comments.get(1).path("body").asText()).contains("**Fixed** (1):", "`a.py:3:1`", "`b.py:3:1`");
        assertThat(comments.get(0).path("body").asText()).isEqualTo("LGTM");

        String clean = StickyComment.body(List.of(syntax(List.of(), List.of(error("b.py", null)))));
        StickyComment.publish(api(), clean);
        assertThat(comments).hasSize(2);
        assertThat(comments.get(1).path("body").asText()).contains("all fixed", "1 fixed since the baseline");
        assertThat(requests).filteredOn(r -> r.startsWith("POST")).hasSize(1);
        assertThat(requests).filteredOn(r -> r.startsWith("PATCH")).hasSize(2);
        assertThat(auth).allMatch(("Bearer " + TOKEN)::equals);
    }

    @Test
    @DisplayName("a comment larger than GitHub allows is cut to fit, and an API error never repeats the token")
    void limitsAndErrors() throws Exception {
        List<Finding> many = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            many.add(Finding.builder("ssot/x" + (i % 40), Severity.ERROR).file("f" + i + ".py").line(1).message("y".repeat(200))
                    .baselineState(Finding.BaselineState.NEW).build());
        }
        List<GateResult> gates = new ArrayList<>();
        for (int g = 0; g < 40; g++) {
            GateResult r = syntax(many, List.of());
            gates.add(new GateResult(1, "gate" + g, Verdict.FAIL, "y".repeat(1000), Instant.EPOCH, 1, null, null,
                    r.baseline(), many, null, null));
        }
        assertThat(StickyComment.body(gates).length()).isLessThanOrEqualTo(StickyComment.MAX_CHARS + 100);

        server.removeContext("/");
        server.createContext("/", exchange -> {
            byte[] out = ("{\"message\":\"Bad credentials " + TOKEN.substring(4, 12) + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(401, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        try {
            StickyComment.publish(api(), "x");
            org.assertj.core.api.Assertions.fail("an error answer must stop the posting");
        } catch (GitHubApi.GitHubError e) {
            assertThat(e.getMessage()).startsWith("GitHub answered 401").doesNotContain(TOKEN.substring(4, 12));
        }
    }
}
