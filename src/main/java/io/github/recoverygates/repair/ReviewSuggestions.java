package io.github.recoverygates.repair;

import io.github.recoverygates.render.GitHubApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
    private static final String MARKER = "<!-- recovery-gates-repair:";

    private final GitHubApi github;
    private final String problem;

    private ReviewSuggestions(GitHubApi github, String problem) {
        this.github = github;
        this.problem = problem;
    }

    /** From GitHub Actions' environment ({@link GitHubApi#fromEnvironment}). */
    public static ReviewSuggestions fromEnvironment(Map<String, String> env) {
        try {
            return new ReviewSuggestions(GitHubApi.fromEnvironment(env), null);
        } catch (GitHubApi.GitHubError e) {
            return new ReviewSuggestions(null, e.getMessage());
        }
    }

    /** One diff-side file of the pull request: its blob SHA, the lines a comment may sit on, the added ones. */
    private record PrFile(String sha, Set<Integer> commentable, Set<Integer> added) {

        /** Whether GitHub shows the suggestion: every line of it on the diff, at least one of them added. */
        boolean shows(Suggestion s) {
            boolean onDiff = true;
            boolean addsLine = false;
            for (int l = s.startLine(); l <= s.line(); l++) {
                onDiff &= commentable.contains(l);
                addsLine |= added.contains(l);
            }
            return onDiff && addsLine;
        }
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
            Placed placed = Placed.of(result, files(), postedMarkers());
            if (placed.suggestions().isEmpty()) {
                return "suggestions: none to post" + placed.tail();
            }
            github.call("POST", "/repos/" + github.repository() + "/pulls/" + github.pull() + "/reviews",
                    review(placed.suggestions(), result.report().interpreter()));
            return "suggestions: posted " + placed.suggestions().size() + " in one review" + placed.tail();
        } catch (GitHubApi.GitHubError e) {
            return "suggestions: not posted: " + e.getMessage();
        } catch (IOException e) {
            return "suggestions: not posted: GitHub cannot be reached (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "suggestions: not posted: interrupted";
        }
    }

    /**
     * The suggestions GitHub can show and has not been shown before, with how many were left out
     * and why: outside the pull request's changed lines (or a created file), in a file that differs
     * from the pull request's head, or posted before.
     */
    private record Placed(List<Suggestion> suggestions, int outside, int differs, int again) {

        static Placed of(Repair.Result result, Map<String, PrFile> files, Set<String> posted) {
            List<Suggestion> suggestions = new ArrayList<>();
            int outside = 0;
            int differs = 0;
            int again = 0;
            for (Change c : result.changes()) {
                PrFile f = c.creates() ? null : files.get(c.path());
                if (f == null) {
                    outside++;
                } else if (!f.sha().equals(blobSha(c))) {
                    differs++;
                } else {
                    for (Suggestion s : ReviewSuggestions.suggestions(c, fixesOf(result, c.path()))) {
                        if (!f.shows(s)) {
                            outside++;
                        } else if (posted.contains(s.marker())) {
                            again++;
                        } else {
                            suggestions.add(s);
                        }
                    }
                }
            }
            return new Placed(suggestions, outside, differs, again);
        }

        String tail() {
            return (outside > 0 ? "; " + outside + " outside the pull request's changed lines" : "")
                    + (differs > 0 ? "; " + differs + " in files that differ from the pull request's head" : "")
                    + (again > 0 ? "; " + again + " posted before" : "");
        }
    }

    /** The review: one comment per suggestion, on the right side of the diff. */
    private ObjectNode review(List<Suggestion> suggestions, String interpreter) {
        ObjectNode review = JSON.createObjectNode();
        review.put("commit_id", github.head());
        review.put("event", "COMMENT");
        review.put("body", "recovery-gates repair: " + suggestions.size() + " suggestion" + (suggestions.size() == 1 ? "" : "s")
                + "; the interpreter (" + plain(interpreter) + ") compiles each file after them.");
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
        return review;
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

    private Map<String, PrFile> files() throws IOException, InterruptedException, GitHubApi.GitHubError {
        Map<String, PrFile> out = new TreeMap<>();
        for (JsonNode f : github.pages("/repos/" + github.repository() + "/pulls/" + github.pull() + "/files?per_page=100")) {
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

    private Set<String> postedMarkers() throws IOException, InterruptedException, GitHubApi.GitHubError {
        Set<String> out = new HashSet<>();
        for (JsonNode c : github.pages("/repos/" + github.repository() + "/pulls/" + github.pull() + "/comments?per_page=100")) {
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


}
