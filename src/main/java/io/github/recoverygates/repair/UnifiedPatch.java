package io.github.recoverygates.repair;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@code repair.patch}: the changes as a unified diff that {@code git apply} and {@code patch -p1} accept. */
final class UnifiedPatch {

    private static final int CONTEXT = 3;

    private UnifiedPatch() {
    }

    static String of(List<Change> changes) {
        StringBuilder out = new StringBuilder();
        for (Change c : changes) {
            file(out, c);
        }
        return out.toString();
    }

    private static void file(StringBuilder out, Change c) {
        String a = quote("a/" + c.path());
        String b = quote("b/" + c.path());
        out.append("diff --git ").append(a).append(' ').append(b).append('\n');
        if (c.creates()) {
            out.append("new file mode 100644\n");
        }
        out.append("--- ").append(c.creates() ? "/dev/null" : a).append('\n');
        out.append("+++ ").append(b).append('\n');
        List<String> x = LineDiff.lines(c.beforeOrEmpty());
        List<String> y = LineDiff.lines(c.after());
        List<LineDiff.Region> regions = LineDiff.regions(x, y);
        int i = 0;
        while (i < regions.size()) {
            int j = i;
            while (j + 1 < regions.size() && regions.get(j + 1).aFrom() - regions.get(j).aTo() <= 2 * CONTEXT) {
                j++;
            }
            LineDiff.Region first = regions.get(i);
            LineDiff.Region last = regions.get(j);
            int aStart = Math.max(0, first.aFrom() - CONTEXT);
            int aEnd = Math.min(x.size(), last.aTo() + CONTEXT);
            int bStart = first.bFrom() - (first.aFrom() - aStart);
            int bEnd = last.bTo() + (aEnd - last.aTo());
            out.append("@@ -").append(range(aStart, aEnd - aStart)).append(" +").append(range(bStart, bEnd - bStart))
                    .append(" @@\n");
            int at = aStart;
            for (int r = i; r <= j; r++) {
                LineDiff.Region g = regions.get(r);
                for (; at < g.aFrom(); at++) {
                    line(out, ' ', x.get(at));
                }
                for (int k = g.aFrom(); k < g.aTo(); k++) {
                    line(out, '-', x.get(k));
                }
                for (int k = g.bFrom(); k < g.bTo(); k++) {
                    line(out, '+', y.get(k));
                }
                at = g.aTo();
            }
            for (; at < aEnd; at++) {
                line(out, ' ', x.get(at));
            }
            i = j + 1;
        }
    }

    private static String range(int start, int count) {
        int first = count == 0 ? start : start + 1;
        return count == 1 ? Integer.toString(first) : first + "," + count;
    }

    private static void line(StringBuilder out, char sign, String line) {
        out.append(sign).append(line);
        if (!line.endsWith("\n")) {
            out.append("\n\\ No newline at end of file\n");
        }
    }

    /** A path as git writes it: in double quotes with C escapes when it holds a quote, a backslash, a control or non-ASCII byte. */
    static String quote(String path) {
        boolean plain = true;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '"' || c == '\\' || c > 0x7e) {
                plain = false;
                break;
            }
        }
        if (plain) {
            return path;
        }
        StringBuilder q = new StringBuilder("\"");
        for (byte by : path.getBytes(StandardCharsets.UTF_8)) {
            int c = by & 0xff;
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                case '\r' -> q.append("\\r");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        q.append('\\').append(String.format("%03o", c));
                    } else {
                        q.append((char) c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }

    /** The hunks of a change without context, for SARIF replacements and review suggestions. */
    static List<LineDiff.Region> regions(Change c) {
        return new ArrayList<>(LineDiff.regions(LineDiff.lines(c.beforeOrEmpty()), LineDiff.lines(c.after())));
    }
}
