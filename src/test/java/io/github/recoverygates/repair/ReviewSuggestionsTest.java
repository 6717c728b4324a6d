package io.github.recoverygates.repair;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Review suggestions against a fake GitHub REST API (a JDK HttpServer on 127.0.0.1) that answers
 * the three calls the poster makes: the pull request's files (paginated), its review comments,
 * and the new review.
 */
class ReviewSuggestionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "ghs_test-token-0123456789";
    private static final String HEAD = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path temp;

    HttpServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    volatile String review;
    volatile int reviewStatus = 200;
    volatile String reviewAnswer = "{\"id\": 1}";
    volatile ArrayNode page1;
    volatile ArrayNode page2;
    volatile ArrayNode comments;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String api() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getQuery() == null ? "" : ex.getRequestURI().getQuery();
        requests.add(ex.getRequestMethod() + " " + path + (query.isEmpty() ? "" : "?" + query));
        authorizations.add(ex.getRequestHeaders().getFirst("Authorization"));
        String body;
        int status = 200;
        if (path.equals("/repos/acme/monorepo/pulls/7/files")) {
            if (query.contains("page=2")) {
                body = page2.toString();
                ex.getResponseHeaders().add("Link", "<https://evil.example/repos/acme/monorepo/pulls/7/files?page=3>; rel=\"next\"");
            } else {
                body = page1.toString();
                ex.getResponseHeaders().add("Link", "<" + api() + "/repos/acme/monorepo/pulls/7/files?per_page=100&page=2>; rel=\"next\"");
            }
        } else if (path.equals("/repos/acme/monorepo/pulls/7/comments")) {
            body = comments.toString();
        } else if (path.equals("/repos/acme/monorepo/pulls/7/reviews") && ex.getRequestMethod().equals("POST")) {
            review = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            status = reviewStatus;
            body = reviewAnswer;
        } else {
            status = 404;
            body = "{\"message\": \"Not Found\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static String gitBlob(Path file) throws Exception {
        Process p = new ProcessBuilder("git", "hash-object", file.toString()).start();
        String sha = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return sha;
    }

    /** The pull request adds the whole file: every line is an added line of the diff. */
    static ObjectNode prFile(String name, String sha, String content) {
        ObjectNode f = JSON.createObjectNode();
        f.put("filename", name);
        f.put("sha", sha);
        f.put("status", "added");
        List<String> lines = content.lines().toList();
        StringBuilder patch = new StringBuilder("@@ -0,0 +1," + lines.size() + " @@");
        lines.forEach(l -> patch.append("\n+").append(l));
        f.put("patch", patch.toString());
        return f;
    }

    Map<String, String> env() throws IOException {
        Path event = temp.resolve("event.json");
        Files.writeString(event, "{\"pull_request\": {\"number\": 7, \"head\": {\"sha\": \"" + HEAD + "\"}}}");
        return Map.of("GITHUB_TOKEN", TOKEN, "GITHUB_REPOSITORY", "acme/monorepo", "GITHUB_API_URL", api(),
                "GITHUB_EVENT_PATH", event.toString());
    }

    @Test
    @DisplayName("proven repairs on the pull request's added lines become one review of suggestion comments")
    void postsSuggestions() throws Exception {
        Path root = Files.createDirectories(temp.resolve("repo"));
        String b = "READY = True\n        STRAY = \"```\"\n        OTHER = 2\nDONE = 3\n";
        String c = "def f():\n    return 1\n        return 2\n";
        String d = "def g():\n    return 1\n        return 3\n";
        Path bFile = RepairRun.write(root, "b.py", b);
        RepairRun.write(root, "c.py", c);
        Path dFile = RepairRun.write(root, "d.py", d);
        Repair.Result result = RepairRun.dryRun(root);
        assertThat(result.changes()).hasSize(3);

        page1 = JSON.createArrayNode().add(prFile("b.py", gitBlob(bFile), b)).add(prFile("c.py", "f".repeat(40), c));
        page2 = JSON.createArrayNode().add(prFile("d.py", gitBlob(dFile), d));
        Change dChange = result.changes().stream().filter(x -> x.path().equals("d.py")).findFirst().orElseThrow();
        String marker = ReviewSuggestions.suggestions(dChange, "dedent").get(0).marker();
        comments = JSON.createArrayNode().add(JSON.createObjectNode().put("body", "earlier\n<!-- recovery-gates-repair:"
                + marker + " -->"));

        String line = ReviewSuggestions.fromEnvironment(env()).post(result);

        assertThat(line).isEqualTo("suggestions: posted 1 in one review; 1 in files that differ from the pull request's head;"
                + " 1 posted before");
        assertThat(line).doesNotContain(TOKEN);
        assertThat(requests).containsExactly(
                "GET /repos/acme/monorepo/pulls/7/files?per_page=100",
                "GET /repos/acme/monorepo/pulls/7/files?per_page=100&page=2",
                "GET /repos/acme/monorepo/pulls/7/comments?per_page=100",
                "POST /repos/acme/monorepo/pulls/7/reviews");
        assertThat(authorizations).containsOnly("Bearer " + TOKEN);
        JsonNode posted = JSON.readTree(review);
        assertThat(posted.path("commit_id").asText()).isEqualTo(HEAD);
        assertThat(posted.path("event").asText()).isEqualTo("COMMENT");
        JsonNode comment = posted.path("comments").get(0);
        assertThat(posted.path("comments")).hasSize(1);
        assertThat(comment.path("path").asText()).isEqualTo("b.py");
        assertThat(comment.path("start_line").asInt()).isEqualTo(2);
        assertThat(comment.path("line").asInt()).isEqualTo(3);
        assertThat(comment.path("side").asText()).isEqualTo("RIGHT");
        assertThat(comment.path("body").asText())
                .startsWith("recovery-gates repair (dedent): the interpreter compiles the file after this change.\n\n")
                .contains("````suggestion\nSTRAY = \"```\"\nOTHER = 2\n````\n")
                .endsWith(" -->");
    }

    @Test
    @DisplayName("an error answer is reported in plain words, without the token; nothing in the diff: nothing posted")
    void errorsAndNothingToPost() throws Exception {
        Path root = Files.createDirectories(temp.resolve("repo"));
        String c = "def f():\n    return 1\n        return 2\n";
        Path file = RepairRun.write(root, "c.py", c);
        Repair.Result result = RepairRun.dryRun(root);
        page1 = JSON.createArrayNode().add(prFile("c.py", gitBlob(file), c));
        page2 = JSON.createArrayNode();
        comments = JSON.createArrayNode();
        reviewStatus = 422;
        reviewAnswer = "{\"message\": \"Validation <b>Failed</b> " + TOKEN.substring(0, 6) + "\"}";

        String line = ReviewSuggestions.fromEnvironment(env()).post(result);
        assertThat(line).isEqualTo("suggestions: not posted: GitHub answered 422 to POST /repos/acme/monorepo/pulls/7/reviews"); // its message echoed a piece of the token
        reviewAnswer = "{\"message\": \"Validation <b>Failed</b>\"}";
        assertThat(ReviewSuggestions.fromEnvironment(env()).post(result))
                .isEqualTo("suggestions: not posted: GitHub answered 422 to POST /repos/acme/monorepo/pulls/7/reviews (Validation <b>Failed</b>)");

        page1 = JSON.createArrayNode().add(JSON.createObjectNode().put("filename", "c.py").put("sha", gitBlob(file))
                .put("patch", "@@ -1,3 +1,3 @@\n def f():\n-    return 0\n+    return 1\n         return 2"));
        requests.clear();
        String none = ReviewSuggestions.fromEnvironment(env()).post(result);
        assertThat(none).isEqualTo("suggestions: none to post; 1 outside the pull request's changed lines");
        assertThat(requests).noneMatch(r -> r.startsWith("POST"));
    }

    @Test
    @DisplayName("without a token, a pull request or an https API nothing is sent")
    void refusesWithoutWhatItNeeds() throws Exception {
        Repair.Result empty = new Repair.Result(new RepairReport(1, "CPython", false,
                new RepairReport.Summary(0, 0, 0, 0, 0, 0, 0, 0, 0), List.of(), List.of(), null), List.of());
        assertThat(ReviewSuggestions.fromEnvironment(Map.of()).post(empty))
                .isEqualTo("suggestions: not posted: no GITHUB_TOKEN (set the action's github-token input)");
        Map<String, String> env = new java.util.HashMap<>(env());
        env.put("GITHUB_API_URL", "http://api.github.example");
        assertThat(ReviewSuggestions.fromEnvironment(env).post(empty)).isEqualTo("suggestions: not posted: GITHUB_API_URL must be an https URL");
        Path push = temp.resolve("push.json");
        Files.writeString(push, "{\"ref\": \"refs/heads/main\"}");
        env = new java.util.HashMap<>(env());
        env.put("GITHUB_EVENT_PATH", push.toString());
        assertThat(ReviewSuggestions.fromEnvironment(env).post(empty)).isEqualTo("suggestions: not posted: the event is not a pull request");
        assertThat(requests).isEmpty();
    }
}
