package io.github.recoverygates.repair;

import java.util.ArrayList;
import java.util.List;

/** A file's text and its line index: offsets and 1-based lines and columns, indentation, line endings. */
final class SourceText {

    private final String text;
    /** Start offset of every line; a trailing newline does not start another line. */
    private final int[] starts;
    private final String newline;

    SourceText(String text) {
        this.text = text;
        List<Integer> s = new ArrayList<>();
        s.add(0);
        int crlf = 0;
        int lf = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                crlf++;
                i++;
            } else if (c == '\n') {
                lf++;
            } else if (c != '\r') {
                continue;
            }
            if (i + 1 < text.length()) {
                s.add(i + 1);
            }
        }
        starts = s.stream().mapToInt(Integer::intValue).toArray();
        newline = crlf > lf ? "\r\n" : "\n";
    }

    String text() {
        return text;
    }

    int length() {
        return text.length();
    }

    /** The dominant line ending. */
    String newline() {
        return newline;
    }

    int lines() {
        return starts.length;
    }

    int start(int line) {
        return starts[line - 1];
    }

    /** Where the line's text ends: its terminator, or the end of the text. */
    int end(int line) {
        int e = line < starts.length ? starts[line] : text.length();
        while (e > start(line) && (text.charAt(e - 1) == '\n' || text.charAt(e - 1) == '\r')) {
            e--;
        }
        return e;
    }

    /** The start of the next line (or the end of the text). */
    int next(int line) {
        return line < starts.length ? starts[line] : text.length();
    }

    String line(int line) {
        return text.substring(start(line), end(line));
    }

    /** Whether the line ends with a line terminator. */
    boolean terminated(int line) {
        return next(line) > end(line);
    }

    int lineOf(int offset) {
        int lo = 0;
        int hi = starts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    /** 1-based column in UTF-16 units of an offset. */
    int columnOf(int offset) {
        return offset - start(lineOf(offset)) + 1;
    }

    /** The offset of a 1-based column counted in code points, as CPython counts them; clamped to the line. */
    int offset(int line, int codePointColumn) {
        if (line < 1) {
            return 0;
        }
        if (line > starts.length) {
            return text.length();
        }
        int s = start(line);
        int e = end(line);
        int col = Math.max(1, codePointColumn);
        int at = s;
        for (int i = 1; i < col && at < e; i++) {
            at += Character.charCount(text.codePointAt(at));
        }
        return at;
    }

    String indent(int line) {
        int s = start(line);
        int e = end(line);
        int i = s;
        while (i < e && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '\f')) {
            i++;
        }
        return text.substring(s, i);
    }

    /** The indentation's width with tabs to the next multiple of 8, as CPython's tokenizer counts it. */
    static int width(String indent) {
        int w = 0;
        for (int i = 0; i < indent.length(); i++) {
            char c = indent.charAt(i);
            w = c == '\t' ? (w / 8 + 1) * 8 : c == '\f' ? 0 : w + 1;
        }
        return w;
    }

    int indentWidth(int line) {
        return width(indent(line));
    }

    boolean blank(int line) {
        return line(line).isBlank();
    }

    /** A line that holds only a comment (and indentation). */
    boolean commentOnly(int line) {
        return line(line).strip().startsWith("#");
    }

    /** The nearest line before {@code line} that is neither blank nor only a comment, or 0. */
    int previousCode(int line) {
        for (int l = line - 1; l >= 1; l--) {
            if (!blank(l) && !commentOnly(l)) {
                return l;
            }
        }
        return 0;
    }

    /** The nearest non-blank line before {@code line}, or 0. */
    int previousNonBlank(int line) {
        for (int l = line - 1; l >= 1; l--) {
            if (!blank(l)) {
                return l;
            }
        }
        return 0;
    }

    /** The indentation step the file uses most (4 when it cannot tell), as text: spaces or a tab. */
    String indentUnit() {
        int[] steps = new int[17];
        int tabs = 0;
        int prev = 0;
        for (int l = 1; l <= lines(); l++) {
            if (blank(l) || commentOnly(l)) {
                continue;
            }
            String ind = indent(l);
            if (ind.startsWith("\t")) {
                tabs++;
            }
            int w = width(ind);
            if (w > prev && w - prev <= 16) {
                steps[w - prev]++;
            }
            prev = w;
        }
        int best = 4;
        for (int s = 1; s <= 16; s++) {
            if (steps[s] > steps[best]) {
                best = s;
            }
        }
        return tabs > lines() / 4 && tabs > 0 ? "\t" : " ".repeat(best);
    }
}
