package io.github.recoverygates.repair;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Posts the proven repairs of a pull request's files as one review of {@code ```suggestion}
 * comments, so the author can apply each with a click. A suggestion is posted only where GitHub
 * can show it: on lines of the pull request's diff with at least one added line, in a file whose
 * content in the pull request is exactly the one that was repaired (same blob SHA), and not when
 * the same suggestion was posted before. The token goes only to the configured API host; the
 * comment text holds no text of the repository outside the suggestion's fence.
 */
public final class ReviewSuggestions {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HUNK = Pattern.compile("^@@ -\\d+(?:,\\d+)? \\+(\\d+)(?:,\\d+)? @@");
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    private static final String MARKER = "<!-- recovery-gates-repair:";
    private static final int MAX_PAGES = 30;

    private final URI api;
    private final String repository;
    private final int pull;
    private final String commit;
    private final String token;
    private final String problem;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private ReviewSuggestions(URI api, String repository, int pull, String commit, String token, String problem) {
        this.api = api;
        this.repository = repository;
        this.pull = pull;
        this.commit = commit;
        this.token = token;
        this.problem = problem;
    }

    /**
     * From GitHub Actions' environment: {@code GITHUB_TOKEN}, {@code GITHUB_REPOSITORY},
     * {@code GITHUB_API_URL} (default https://api.github.com) and the pull request of
     * {@code GITHUB_EVENT_PATH}.
     */
    public static ReviewSuggestions fromEnvironment(Map<String, String> env) {
        String token = env.getOrDefault("GITHUB_TOKEN", "");
        String repository = env.getOrDefault("GITHUB_REPOSITORY", "");
        String apiUrl = env.getOrDefault("GITHUB_API_URL", "https://api.github.com");
        if (token.isBlank()) {
            return failed("no GITHUB_TOKEN (set the action's github-token input)");
        }
        if (!repository.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
            return failed("GITHUB_REPOSITORY is not owner/name");
        }
        URI api;
        try {
            api = URI.create(apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl);
            if (!"https".equals(api.getScheme()) && !("http".equals(api.getScheme()) && isLoopback(api.getHost()))) {
                return failed("GITHUB_API_URL must be an https URL");
            }
        } catch (IllegalArgumentException e) {
            return failed("GITHUB_API_URL is not a URL");
        }
        String eventPath = env.getOrDefault("GITHUB_EVENT_PATH", "");
        if (eventPath.isBlank()) {
            return failed("no GITHUB_EVENT_PATH: not running on GitHub Actions");
        }
        JsonNode pr;
        try {
            pr = JSON.readTree(Path.of(eventPath).toFile()).path("pull_request");
        } catch (IOException | RuntimeException e) {
            return failed("the event file cannot be read");
        }
        if (!pr.path("number").canConvertToInt() || pr.path("number").asInt() <= 0) {
            return failed("the event is not a pull request");
        }
        String sha = pr.path("head").path("sha").asText("");
        if (!sha.matches("[0-9a-f]{40}")) {
            return failed("the pull request event has no head commit");
        }
        return new ReviewSuggestions(api, repository, pr.path("number").asInt(), sha, token, null);
    }

    private static boolean isLoopback(String host) {
        return host != null && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]"));
    }

    private static ReviewSuggestions failed(String why) {
        return new ReviewSuggestions(null, null, 0, null, null, why);
    }

    /** One diff-side file of the pull request: its blob SHA, the lines a comment may sit on, the added ones. */
    private record PrFile(String sha, Set<Integer> commentable, Set<Integer> added) {
    }

    /** One suggestion comment. */
    record Suggestion(String path, int startLine, int line, String replacement, String fixes, String marker) {
    }

    /** Posts the review; returns a line saying what happened (never the token). */
    public String post(Repair.Result result) {
        if (problem != null) {
            return "suggestions: not posted: " + problem;
        }
        try {
            Map<String, PrFile> files = files();
            Set<String> posted = postedMarkers();
            List<Suggestion> suggestions = new ArrayList<>();
            int outside = 0;
            int differs = 0;
            int again = 0;
            for (Change c : result.changes()) {
                if (c.creates()) {
                    outside++;
                    continue;
                }
                PrFile f = files.get(c.path());
                if (f == null) {
                    outside++;
                    continue;
                }
                if (!f.sha().equals(blobSha(c))) {
                    differs++;
                    continue;
                }
                for (Suggestion s : suggestions(c, fixesOf(result, c.path()))) {
                    boolean onDiff = true;
                    boolean addsLine = false;
                    for (int l = s.startLine(); l <= s.line(); l++) {
                        onDiff &= f.commentable().contains(l);
                        addsLine |= f.added().contains(l);
                    }
                    if (!onDiff || !addsLine) {
                        outside++;
                    } else if (posted.contains(s.marker())) {
                        again++;
                    } else {
                        suggestions.add(s);
                    }
                }
            }
            String tail = (outside > 0 ? "; " + outside + " outside the pull request's changed lines" : "")
                    + (differs > 0 ? "; " + differs + " in files that differ from the pull request's head" : "")
                    + (again > 0 ? "; " + again + " posted before" : "");
            if (suggestions.isEmpty()) {
                return "suggestions: none to post" + tail;
            }
            ObjectNode review = JSON.createObjectNode();
            review.put("commit_id", commit);
            review.put("event", "COMMENT");
            review.put("body", "recovery-gates repair: " + suggestions.size() + " suggestion" + (suggestions.size() == 1 ? "" : "s")
                    + "; the interpreter (" + plain(result.report().interpreter()) + ") compiles each file after them.");
            ArrayNode comments = review.putArray("comments");
            for (Suggestion s : suggestions) {
                ObjectNode c = comments.addObject();
                c.put("path", s.path());
                c.put("line", s.line());
                c.put("side", "RIGHT");
                if (s.startLine() < s.line()) {
                    c.put("start_line", s.startLine());
                    c.put("start_side", "RIGHT");
                }
                c.put("body", body(s));
            }
            HttpResponse<String> r = send("POST", api + "/repos/" + repository + "/pulls/" + pull + "/reviews",
                    JSON.writeValueAsString(review));
            if (r.statusCode() / 100 != 2) {
                return "suggestions: not posted: GitHub answered " + r.statusCode() + " to the review" + message(r) + tail;
            }
            return "suggestions: posted " + suggestions.size() + " in one review" + tail;
        } catch (GitHubError e) {
            return "suggestions: not posted: " + e.getMessage();
        } catch (IOException e) {
            return "suggestions: not posted: GitHub cannot be reached (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "suggestions: not posted: interrupted";
        }
    }

    private static String fixesOf(Repair.Result result, String path) {
        Set<String> ids = new TreeSet<>();
        for (RepairReport.FileRepair f : result.report().files()) {
            if (f.path().equals(path)) {
                f.steps().forEach(s -> ids.add(s.fix()));
            }
        }
        if (ids.isEmpty()) {
            ids.add(Fix.CHANGE_IMPORT.id());
        }
        return String.join(", ", ids);
    }

    /** Only letters, digits and a few marks: what GitHub renders as plain text. */
    private static String plain(String s) {
        return s == null ? "" : s.replaceAll("[^A-Za-z0-9 ._+-]", "");
    }

    /** The suggestions of one change: its regions, a pure insertion anchored on the line above (or below). */
    static List<Suggestion> suggestions(Change c, String fixes) {
        List<String> a = LineDiff.lines(c.before());
        List<String> b = LineDiff.lines(c.after());
        List<Suggestion> out = new ArrayList<>();
        for (LineDiff.Region g : LineDiff.regions(a, b)) {
            int start = g.aFrom() + 1;
            int end = g.aTo();
            StringBuilder text = new StringBuilder();
            if (g.aFrom() == g.aTo()) {
                if (g.aFrom() > 0) {
                    start = end = g.aFrom();
                    text.append(a.get(g.aFrom() - 1));
                    b.subList(g.bFrom(), g.bTo()).forEach(text::append);
                } else if (!a.isEmpty()) {
                    start = end = 1;
                    b.subList(g.bFrom(), g.bTo()).forEach(text::append);
                    text.append(a.get(0));
                } else {
                    continue;
                }
            } else {
                b.subList(g.bFrom(), g.bTo()).forEach(text::append);
            }
            if (end >= a.size() && !a.isEmpty() && !a.get(a.size() - 1).endsWith("\n")) {
                continue; // the last line has no newline: a suggestion cannot say so
            }
            String replacement = text.toString().replace("\r\n", "\n");
            String marker = sha256(c.path() + "\n" + start + "\n" + end + "\n" + replacement).substring(0, 20);
            out.add(new Suggestion(c.path(), start, end, replacement, fixes, marker));
        }
        return out;
    }

    /** The comment: our words, then the replacement in a fence longer than any run of backticks in it. */
    static String body(Suggestion s) {
        int longest = 0;
        Matcher m = Pattern.compile("`+").matcher(s.replacement());
        while (m.find()) {
            longest = Math.max(longest, m.group().length());
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        String replacement = s.replacement().endsWith("\n") || s.replacement().isEmpty() ? s.replacement() : s.replacement() + "\n";
        return "recovery-gates repair (" + plain(s.fixes()) + "): the interpreter compiles the file after this change.\n\n"
                + fence + "suggestion\n" + replacement + fence + "\n" + MARKER + s.marker() + " -->";
    }

    private Map<String, PrFile> files() throws IOException, InterruptedException, GitHubError {
        Map<String, PrFile> out = new TreeMap<>();
        for (JsonNode f : pages("/repos/" + repository + "/pulls/" + pull + "/files?per_page=100")) {
            Set<Integer> commentable = new HashSet<>();
            Set<Integer> added = new HashSet<>();
            int right = 0;
            for (String line : f.path("patch").asText("").split("\n", -1)) {
                Matcher h = HUNK.matcher(line);
                if (h.find()) {
                    right = Integer.parseInt(h.group(1));
                } else if (right > 0 && line.startsWith("+")) {
                    commentable.add(right);
                    added.add(right++);
                } else if (right > 0 && line.startsWith(" ")) {
                    commentable.add(right++);
                }
            }
            out.put(f.path("filename").asText(), new PrFile(f.path("sha").asText(""), commentable, added));
        }
        return out;
    }

    private Set<String> postedMarkers() throws IOException, InterruptedException, GitHubError {
        Set<String> out = new HashSet<>();
        for (JsonNode c : pages("/repos/" + repository + "/pulls/" + pull + "/comments?per_page=100")) {
            String body = c.path("body").asText("");
            int at = body.indexOf(MARKER);
            if (at >= 0) {
                int end = body.indexOf(" -->", at);
                if (end > at) {
                    out.add(body.substring(at + MARKER.length(), end));
                }
            }
        }
        return out;
    }

    /** Every item of a paginated list, following rel="next" only while it stays on the API host. */
    private List<JsonNode> pages(String first) throws IOException, InterruptedException, GitHubError {
        List<JsonNode> out = new ArrayList<>();
        String url = api + first;
        for (int page = 0; page < MAX_PAGES && url != null; page++) {
            HttpResponse<String> r = send("GET", url, null);
            if (r.statusCode() / 100 != 2) {
                throw new GitHubError("GitHub answered " + r.statusCode() + " to " + URI.create(url).getPath() + message(r));
            }
            JsonNode list = JSON.readTree(r.body());
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

    private boolean sameOrigin(URI u) {
        return api.getScheme().equals(u.getScheme()) && api.getHost().equalsIgnoreCase(u.getHost()) && api.getPort() == u.getPort()
                && u.getPath() != null && u.getPath().startsWith(api.getPath() == null ? "" : api.getPath());
    }

    private HttpResponse<String> send(String method, String url, String body) throws IOException, InterruptedException {
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
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** GitHub's own message of an error answer, reduced to plain text; dropped when it holds any piece of the token. */
    private String message(HttpResponse<String> r) {
        try {
            String m = JSON.readTree(r.body()).path("message").asText("");
            for (int i = 0; i + 6 <= token.length(); i++) {
                if (m.contains(token.substring(i, i + 6))) {
                    return "";
                }
            }
            m = plain(m);
            return m.isEmpty() ? "" : " (" + (m.length() > 200 ? m.substring(0, 200) : m) + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Git's blob SHA-1 of the bytes the change was made on. */
    static String blobSha(Change c) {
        byte[] body = c.before().getBytes(StandardCharsets.UTF_8);
        byte[] head = ("blob " + (body.length + c.bom().length) + "\0").getBytes(StandardCharsets.US_ASCII);
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-1");
            d.update(head);
            d.update(c.bom());
            d.update(body);
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String s) {
        return SourceBytes.sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    /** An answer from GitHub that stops the posting. */
    private static final class GitHubError extends Exception {
        GitHubError(String message) {
            super(message);
        }
    }

}
