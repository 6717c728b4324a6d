package io.github.recoverygates.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.recoverygates.core.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GitHub REST API of one pull request, for the feedback that lives on the pull request itself
 * (review suggestions, the sticky summary comment). The token goes to the API host only — never
 * through a redirect, never to another host a {@code Link} header names — and an error message
 * that holds any piece of it is not repeated.
 */
public final class GitHubApi {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    private static final int MAX_PAGES = 30;

    private final URI api;
    private final String repository;
    private final int pull;
    private final String head;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private GitHubApi(URI api, String repository, int pull, String head, String token) {
        this.api = api;
        this.repository = repository;
        this.pull = pull;
        this.head = head;
        this.token = token;
    }

    /** What GitHub answered that stops the work, in words that hold no part of the token. */
    public static final class GitHubError extends Exception {
        public GitHubError(String message) {
            super(message);
        }
    }

    /**
     * From GitHub Actions' environment: {@code GITHUB_TOKEN}, {@code GITHUB_REPOSITORY},
     * {@code GITHUB_API_URL} (default https://api.github.com; http only on loopback, for tests) and
     * the pull request of {@code GITHUB_EVENT_PATH}.
     */
    public static GitHubApi fromEnvironment(Map<String, String> env) throws GitHubError {
        String token = env.getOrDefault("GITHUB_TOKEN", "");
        String repository = env.getOrDefault("GITHUB_REPOSITORY", "");
        String apiUrl = env.getOrDefault("GITHUB_API_URL", "https://api.github.com");
        if (token.isBlank()) {
            throw new GitHubError("no GITHUB_TOKEN (set the action's github-token input)");
        }
        if (!repository.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
            throw new GitHubError("GITHUB_REPOSITORY is not owner/name");
        }
        URI api;
        try {
            api = URI.create(apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl);
        } catch (IllegalArgumentException e) {
            throw new GitHubError("GITHUB_API_URL is not a URL");
        }
        if (!"https".equals(api.getScheme()) && !("http".equals(api.getScheme()) && isLoopback(api.getHost()))) {
            throw new GitHubError("GITHUB_API_URL must be an https URL");
        }
        String eventPath = env.getOrDefault("GITHUB_EVENT_PATH", "");
        if (eventPath.isBlank()) {
            throw new GitHubError("no GITHUB_EVENT_PATH: not running on GitHub Actions");
        }
        JsonNode pr;
        try {
            pr = Json.REPORT.readTree(Path.of(eventPath).toFile()).path("pull_request");
        } catch (IOException | RuntimeException e) {
            throw new GitHubError("the event file cannot be read");
        }
        if (!pr.path("number").canConvertToInt() || pr.path("number").asInt() <= 0) {
            throw new GitHubError("the event is not a pull request");
        }
        String sha = pr.path("head").path("sha").asText("");
        if (!sha.matches("[0-9a-f]{40}")) {
            throw new GitHubError("the pull request event has no head commit");
        }
        return new GitHubApi(api, repository, pr.path("number").asInt(), sha, token);
    }

    private static boolean isLoopback(String host) {
        return host != null && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]"));
    }

    public String repository() {
        return repository;
    }

    public int pull() {
        return pull;
    }

    /** The pull request's head commit. */
    public String head() {
        return head;
    }

    /** Every item of a paginated list under the API root, following rel="next" only while it stays on the API host. */
    public List<JsonNode> pages(String path) throws IOException, InterruptedException, GitHubError {
        List<JsonNode> out = new ArrayList<>();
        String url = api + path;
        for (int page = 0; page < MAX_PAGES && url != null; page++) {
            HttpResponse<String> r = send("GET", url, null);
            JsonNode list = Json.REPORT.readTree(r.body());
            if (!list.isArray()) {
                throw new GitHubError("GitHub answered something that is not a list for " + URI.create(url).getPath());
            }
            list.forEach(out::add);
            url = null;
            for (String link : r.headers().allValues("link")) {
                Matcher m = NEXT.matcher(link);
                if (m.find()) {
                    URI next = URI.create(m.group(1));
                    if (sameOrigin(next)) {
                        url = next.toString();
                    }
                }
            }
        }
        return out;
    }

    /** A request with a JSON body (or none) under the API root; an answer that is not 2xx is a {@link GitHubError}. */
    public JsonNode call(String method, String path, Object body) throws IOException, InterruptedException, GitHubError {
        HttpResponse<String> r = send(method, api + path, body == null ? null : Json.REPORT.writeValueAsString(body));
        return r.body().isBlank() ? Json.REPORT.nullNode() : Json.REPORT.readTree(r.body());
    }

    private boolean sameOrigin(URI u) {
        return api.getScheme().equals(u.getScheme()) && api.getHost().equalsIgnoreCase(u.getHost()) && api.getPort() == u.getPort()
                && u.getPath() != null && u.getPath().startsWith(api.getPath() == null ? "" : api.getPath());
    }

    private HttpResponse<String> send(String method, String url, String body)
            throws IOException, InterruptedException, GitHubError {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "recovery-gates")
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() / 100 != 2) {
            throw new GitHubError("GitHub answered " + r.statusCode() + " to " + method + " " + URI.create(url).getPath() + message(r));
        }
        return r;
    }

    /** GitHub's own message of an error answer, on one visible line; dropped when it holds any piece of the token. */
    private String message(HttpResponse<String> r) {
        try {
            String m = Json.REPORT.readTree(r.body()).path("message").asText("");
            for (int i = 0; i + 6 <= token.length(); i++) {
                if (m.contains(token.substring(i, i + 6))) {
                    return "";
                }
            }
            m = ConsoleText.safe(m);
            return m.isEmpty() ? "" : " (" + (m.length() > 200 ? m.substring(0, 200) : m) + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
