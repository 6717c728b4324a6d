package io.github.recoverygates.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Verdict;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One pull-request comment that the gates keep up to date: created on the first run, then edited in
 * place (found by a hidden marker), listing each gate's verdict with its new and fixed findings, and
 * rewritten to "all fixed" when nothing is left. Kept under GitHub's 65,536-character limit.
 */
public final class StickyComment {

    static final String MARKER = "<!-- recovery-gates:sticky-summary -->";
    static final int MAX_CHARS = 65_000;
    private static final int PER_GATE = 20;

    private StickyComment() {
    }

    /** The comment's Markdown for the masked results of one run. */
    public static String body(List<GateResult> results) {
        StringBuilder md = new StringBuilder(MARKER).append('\n');
        boolean clean = results.stream().allMatch(r -> r.findings().isEmpty() && r.verdict() == Verdict.PASS);
        if (clean) {
            md.append("### Recovery Gates: all fixed\n\nEvery gate passes with no finding left");
            long fixed = results.stream().filter(r -> r.baseline() != null).mapToLong(r -> r.baseline().fixedCount()).sum();
            return md.append(fixed > 0 ? " (" + fixed + " fixed since the baseline).\n" : ".\n").toString();
        }
        Verdict overall = results.stream().map(GateResult::verdict).reduce(Verdict.PASS, Verdict::worst);
        md.append("### Recovery Gates: ").append(overall).append("\n\n| Gate | Verdict | New | Fixed | Summary |\n|---|---|---:|---:|---|\n");
        for (GateResult r : results) {
            long fresh = r.findings().stream().filter(f -> f.baselineState() == Finding.BaselineState.NEW).count();
            md.append("| ").append(MarkdownText.cell(r.gate())).append(" | ").append(r.verdict()).append(" | ")
                    .append(r.baseline() == null ? "–" : Long.toString(fresh)).append(" | ")
                    .append(r.baseline() == null ? "–" : Integer.toString(r.baseline().fixedCount())).append(" | ")
                    .append(MarkdownText.cell(r.summary())).append(" |\n");
        }
        for (GateResult r : results) {
            List<Finding> fresh = r.findings().stream().filter(f -> r.baseline() == null
                    || f.baselineState() == Finding.BaselineState.NEW).sorted(Finding.IMPORTANCE).toList();
            List<Finding> fixed = r.baseline() == null ? List.of() : r.baseline().fixed();
            if (fresh.isEmpty() && fixed.isEmpty()) {
                continue;
            }
            md.append("\n#### ").append(MarkdownText.inline(r.gate())).append("\n\n");
            list(md, r.baseline() == null ? "Findings" : "New", fresh);
            list(md, "Fixed", fixed);
        }
        String text = md.toString();
        return text.length() <= MAX_CHARS ? text
                : text.substring(0, text.lastIndexOf('\n', MAX_CHARS - 200) + 1) + "\n*Cut to fit a comment; the job's reports have the rest.*\n";
    }

    private static void list(StringBuilder md, String title, List<Finding> findings) {
        if (findings.isEmpty()) {
            return;
        }
        md.append("**").append(title).append("** (").append(findings.size()).append("):\n\n");
        for (Finding f : findings.subList(0, Math.min(PER_GATE, findings.size()))) {
            md.append("- ").append(f.severity().id()).append(" `").append(MarkdownText.code(Wording.location(f))).append("` ")
                    .append(MarkdownText.inline(Wording.oneLine(f.message(), 300))).append(" (")
                    .append(MarkdownText.inline(f.ruleId())).append(")\n");
        }
        if (findings.size() > PER_GATE) {
            md.append("- …and ").append(findings.size() - PER_GATE).append(" more\n");
        }
        md.append('\n');
    }

    /** Creates the comment, or edits the one this tool wrote before; returns what it did. */
    public static String publish(GitHubApi api, String body) throws IOException, InterruptedException, GitHubApi.GitHubError {
        String issue = "/repos/" + api.repository() + "/issues/" + api.pull();
        for (JsonNode c : api.pages(issue + "/comments?per_page=100")) {
            if (c.path("body").asText("").startsWith(MARKER) && c.path("id").canConvertToLong()) {
                api.call("PATCH", "/repos/" + api.repository() + "/issues/comments/" + c.path("id").asLong(), Map.of("body", body));
                return "updated the pull request's summary comment";
            }
        }
        api.call("POST", issue + "/comments", Map.of("body", body));
        return "created the pull request's summary comment";
    }
}
