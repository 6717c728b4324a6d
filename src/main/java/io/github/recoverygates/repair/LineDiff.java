package io.github.recoverygates.repair;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Line differences of two texts (Myers' O(ND) algorithm on the lines between their common
 * beginning and end): the regions where lines {@code [aFrom, aTo)} of the first became lines
 * {@code [bFrom, bTo)} of the second. Lines keep their terminators, so a missing final newline
 * is a difference too.
 */
final class LineDiff {

    /** One changed region, 0-based line indexes, ends exclusive. */
    record Region(int aFrom, int aTo, int bFrom, int bTo) {
        int size() {
            return aTo - aFrom + bTo - bFrom;
        }
    }

    /** Beyond this many differing lines, two texts are one region. */
    private static final int MAX_D = 3000;

    private LineDiff() {
    }

    /** The text's lines as git and patch see them: split after each "\n", which stays on the line; the last may have none. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    static List<Region> regions(List<String> a, List<String> b) {
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        List<String> x = a.subList(prefix, a.size() - suffix);
        List<String> y = b.subList(prefix, b.size() - suffix);
        List<Region> out = new ArrayList<>();
        for (Region r : myers(x, y)) {
            out.add(new Region(r.aFrom + prefix, r.aTo + prefix, r.bFrom + prefix, r.bTo + prefix));
        }
        return out;
    }

    /** Lines removed plus lines added. */
    static int size(String a, String b) {
        return regions(lines(a), lines(b)).stream().mapToInt(Region::size).sum();
    }

    private static List<Region> myers(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        if (n == 0 && m == 0) {
            return List.of();
        }
        List<int[]> trace = n == 0 || m == 0 ? null : trace(a, b);
        if (trace == null) {
            return List.of(new Region(0, n, 0, m));
        }
        return gaps(matches(trace, n, m), n, m);
    }

    /**
     * The forward search: for each d up to the shortest edit script's length, the furthest x
     * reached on each diagonal k before round d ({@code v[-d-1 .. d+1]}); the last entry is the round
     * that reached the end. Null when the texts differ in more than {@link #MAX_D} lines.
     */
    private static List<int[]> trace(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int max = n + m;
        int offset = max + 1;
        int[] v = new int[2 * max + 4];
        List<int[]> trace = new ArrayList<>();
        for (int d = 0; d <= max; d++) {
            if (d > MAX_D) {
                return null; // too different to be worth aligning
            }
            trace.add(Arrays.copyOfRange(v, offset - d - 1, offset + d + 2));
            for (int k = -d; k <= d; k += 2) {
                int x = k == -d || k != d && v[offset + k - 1] < v[offset + k + 1] ? v[offset + k + 1] : v[offset + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a.get(x).equals(b.get(y))) {
                    x++;
                    y++;
                }
                v[offset + k] = x;
                if (x >= n && y >= m) {
                    return trace;
                }
            }
        }
        return trace;
    }

    /** The walk back from the end through the trace: the matched line pairs [x, y], in order. */
    private static List<int[]> matches(List<int[]> trace, int n, int m) {
        List<int[]> matches = new ArrayList<>();
        int x = n;
        int y = m;
        for (int d = trace.size() - 1; d > 0; d--) {
            int[] vd = trace.get(d);
            int base = d + 1; // vd[base + k] is v[k]
            int k = x - y;
            int prevK = k == -d || k != d && vd[base + k - 1] < vd[base + k + 1] ? k + 1 : k - 1;
            int prevX = vd[base + prevK];
            int prevY = prevX - prevK;
            while (x > prevX && y > prevY) {
                matches.add(new int[]{--x, --y});
            }
            x = prevX;
            y = prevY;
        }
        while (x > 0 && y > 0) {
            matches.add(new int[]{--x, --y});
        }
        Collections.reverse(matches);
        return matches;
    }

    /** The regions between matched pairs (and before the first, after the last). */
    private static List<Region> gaps(List<int[]> matches, int n, int m) {
        List<Region> out = new ArrayList<>();
        int ai = 0;
        int bi = 0;
        for (int[] p : matches) {
            if (p[0] > ai || p[1] > bi) {
                out.add(new Region(ai, p[0], bi, p[1]));
            }
            ai = p[0] + 1;
            bi = p[1] + 1;
        }
        if (ai < n || bi < m) {
            out.add(new Region(ai, n, bi, m));
        }
        return out;
    }
}
