package io.github.recoverygates.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines a change under review touches, from {@code git diff} against its base: per file, the
 * lines it added and the ranges of its hunks (added lines and their context). Untracked files count
 * as wholly added. Tells each finding where it stands ({@link Finding.DiffPosition}).
 *
 * @param base the ref the change is compared with, as given (origin/main)
 */
public record ChangedLines(String base, Map<String, List<int[]>> added, Map<String, List<int[]>> hunks) {

    private static final Pattern HUNK = Pattern.compile("^@@ -\\d+(?:,\\d+)? \\+(\\d+)(?:,(\\d+))? @@");
    private static final int[] WHOLE = {1, Integer.MAX_VALUE};

    /**
     * The base of the change: {@code --changed-from} when given, else the pull request's target on
     * GitHub Actions ({@code GITHUB_BASE_REF}) or Jenkins ({@code CHANGE_TARGET}) as {@code origin/<it>}, else null.
     */
    public static String base(String changedFrom, Map<String, String> env) {
        if (changedFrom != null && !changedFrom.isBlank()) {
            return changedFrom;
        }
        for (String variable : new String[]{"GITHUB_BASE_REF", "CHANGE_TARGET"}) {
            String v = env.get(variable);
            if (v != null && !v.isBlank()) {
                return "origin/" + v.strip();
            }
        }
        return null;
    }

    /** The change of the work tree at {@code root} against {@code base}. */
    public static ChangedLines against(Path root, String base, Map<String, String> environment, String what) {
        Git git = new Git(root, environment);
        String commit = git.commit(base, what);
        String diff = git.output(what, "diff", "--unified=3", "--no-color", "--no-ext-diff", "--no-renames",
                "--relative", commit, "--");
        ChangedLines lines = parse(base, diff);
        for (String untracked : git.lines(what, "ls-files", "--others", "--exclude-standard")) {
            lines.added().put(untracked, List.of(WHOLE));
            lines.hunks().put(untracked, List.of(WHOLE));
        }
        return lines;
    }

    /** Parses a unified diff's new-side line numbers. */
    static ChangedLines parse(String base, String diff) {
        Map<String, List<int[]>> added = new HashMap<>();
        Map<String, List<int[]>> hunks = new HashMap<>();
        String file = null;
        int next = 0;
        for (String line : diff.split("\n", -1)) {
            if (line.startsWith("+++ ")) {
                String target = line.substring(4);
                file = target.equals("/dev/null") ? null : target.startsWith("b/") ? target.substring(2) : target;
                if (file != null) {
                    added.putIfAbsent(file, new ArrayList<>());
                    hunks.putIfAbsent(file, new ArrayList<>());
                }
            } else if (line.startsWith("@@")) {
                Matcher m = HUNK.matcher(line);
                if (m.find() && file != null) {
                    int start = Integer.parseInt(m.group(1));
                    int count = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
                    hunks.get(file).add(new int[]{start, start + Math.max(count, 1) - 1});
                    next = start;
                }
            } else if (file != null && line.startsWith("+")) {
                List<int[]> a = added.get(file);
                if (!a.isEmpty() && a.get(a.size() - 1)[1] == next - 1) {
                    a.get(a.size() - 1)[1] = next;
                } else {
                    a.add(new int[]{next, next});
                }
                next++;
            } else if (file != null && line.startsWith(" ")) {
                next++;
            }
        }
        return new ChangedLines(base, added, hunks);
    }

    public Finding.DiffPosition position(Finding f) {
        if (!f.hasFile() || !hunks.containsKey(f.file())) {
            return Finding.DiffPosition.OUTSIDE;
        }
        if (f.line() > 0 && within(added.get(f.file()), f.line())) {
            return Finding.DiffPosition.ADDED;
        }
        if (f.line() > 0 && within(hunks.get(f.file()), f.line())) {
            return Finding.DiffPosition.CONTEXT;
        }
        return Finding.DiffPosition.FILE;
    }

    private static boolean within(List<int[]> ranges, int line) {
        for (int[] r : ranges) {
            if (line >= r[0] && line <= r[1]) {
                return true;
            }
        }
        return false;
    }
}
