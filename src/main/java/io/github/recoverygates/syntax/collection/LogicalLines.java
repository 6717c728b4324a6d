package io.github.recoverygates.syntax.collection;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Python source into logical lines the way the tokenizer does: strings (including
 * triple-quoted and f-strings with nested replacement fields), comments, bracket nesting and
 * backslash continuations are understood, so a {@code def} inside a docstring or a call spanning
 * lines is never mistaken for a statement. Each logical line keeps its first physical line, its
 * indentation (tabs to the next multiple of 8, as CPython) and its text with every string literal
 * replaced by {@code ""} and comments removed.
 *
 * <p>In tolerant mode (for files that do not compile) errors do not swallow the rest of the file:
 * a single-quoted string ends at the end of its line, a triple-quoted string that never closes is
 * not treated as a string, and an unclosed bracket is forgotten when a following physical line
 * starts with {@code def}, {@code async def}, {@code class} or a decorator.
 */
final class LogicalLines {

    record Line(int number, int indent, String text) {
    }

    private final String src;
    private final boolean tolerant;
    private final int n;
    private int pos;
    private int lineNo = 1;

    private LogicalLines(String src, boolean tolerant) {
        this.src = src;
        this.tolerant = tolerant;
        this.n = src.length();
    }

    static List<Line> of(String source, boolean tolerant) {
        String s = source.replace("\r\n", "\n").replace('\r', '\n');
        if (!s.isEmpty() && s.charAt(0) == '\uFEFF') {
            s = s.substring(1);
        }
        return new LogicalLines(s, tolerant).scan();
    }

    private List<Line> scan() {
        List<Line> out = new ArrayList<>();
        while (pos < n) {
            int indent = 0;
            while (pos < n) {
                char c = src.charAt(pos);
                if (c == ' ') {
                    indent++;
                } else if (c == '\t') {
                    indent = (indent / 8 + 1) * 8;
                } else if (c == '\f') {
                    indent = 0;
                } else {
                    break;
                }
                pos++;
            }
            if (pos >= n) {
                break;
            }
            char c = src.charAt(pos);
            if (c == '#') {
                skipComment();
            }
            if (pos < n && src.charAt(pos) == '\n') {
                pos++;
                lineNo++;
                continue;
            }
            if (pos >= n) {
                break;
            }
            int start = lineNo;
            String text = logicalLine();
            if (!text.isBlank()) {
                out.add(new Line(start, indent, text.strip()));
            }
        }
        return out;
    }

    private void skipComment() {
        while (pos < n && src.charAt(pos) != '\n') {
            pos++;
        }
    }

    private String logicalLine() {
        StringBuilder text = new StringBuilder();
        int depth = 0;
        while (pos < n) {
            char c = src.charAt(pos);
            if (c == '#') {
                skipComment();
                continue;
            }
            if (c == '\n') {
                pos++;
                lineNo++;
                if (depth > 0) {
                    if (tolerant && nextLineStartsDefinition()) {
                        break;
                    }
                    text.append(' ');
                    continue;
                }
                break;
            }
            if (c == '\\' && pos + 1 < n && src.charAt(pos + 1) == '\n') {
                pos += 2;
                lineNo++;
                text.append(' ');
                continue;
            }
            if (c == '\'' || c == '"') {
                int end = skipString(pos);
                if (end >= 0 && tolerant && misPaired(pos, end)) {
                    end = -1;
                }
                if (end < 0) {
                    pos += pos + 2 < n && src.charAt(pos + 1) == c && src.charAt(pos + 2) == c ? 3 : 1;
                    continue;
                }
                countNewlines(pos, end);
                pos = end;
                text.append("\"\"");
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            }
            text.append(c);
            pos++;
        }
        return text.toString();
    }

    /**
     * Tolerant mode: whether a triple-quoted string from {@code start} to {@code end} is more likely
     * an unclosed opening quote that paired with a later string's quote: real code never follows a
     * closing quote directly with a name character, and a string holding a line that starts a
     * top-level {@code def}/{@code class}/decorator is most likely swallowed code.
     */
    private boolean misPaired(int start, int end) {
        char q = src.charAt(start);
        boolean triple = start + 2 < n && src.charAt(start + 1) == q && src.charAt(start + 2) == q;
        if (!triple) {
            return false;
        }
        if (end < n && isIdentifierPart(src.charAt(end))) {
            return true;
        }
        for (int i = src.indexOf('\n', start); i >= 0 && i < end; i = src.indexOf('\n', i + 1)) {
            if (src.startsWith("def ", i + 1) || src.startsWith("class ", i + 1) || src.startsWith("async def ", i + 1)
                    || src.startsWith("@", i + 1)) {
                return true;
            }
        }
        return false;
    }

    private boolean nextLineStartsDefinition() {
        int p = pos;
        while (p < n && (src.charAt(p) == ' ' || src.charAt(p) == '\t')) {
            p++;
        }
        return src.startsWith("def ", p) || src.startsWith("class ", p) || src.startsWith("async def ", p)
                || src.startsWith("@", p);
    }

    private void countNewlines(int from, int to) {
        for (int i = from; i < to; i++) {
            if (src.charAt(i) == '\n') {
                lineNo++;
            }
        }
    }

    /** The end (exclusive) of the string literal whose opening quote is at {@code q}; -1 for an unclosed triple quote in tolerant mode. */
    private int skipString(int q) {
        char quote = src.charAt(q);
        boolean formatted = false;
        int j = q - 1;
        int letters = 0;
        while (j >= 0 && letters < 3 && "rRbBuUfFtT".indexOf(src.charAt(j)) >= 0) {
            if ("fFtT".indexOf(src.charAt(j)) >= 0) {
                formatted = true;
            }
            j--;
            letters++;
        }
        if (letters > 0 && j >= 0 && isIdentifierPart(src.charAt(j))) {
            formatted = false;
        }
        boolean triple = q + 2 < n && src.charAt(q + 1) == quote && src.charAt(q + 2) == quote;
        int p = q + (triple ? 3 : 1);
        while (true) {
            if (p >= n) {
                return tolerant && triple ? -1 : n;
            }
            char c = src.charAt(p);
            if (c == '\\') {
                p += 2;
                continue;
            }
            if (c == '\n' && !triple) {
                return p;
            }
            if (c == quote) {
                if (!triple) {
                    return p + 1;
                }
                if (p + 2 < n && src.charAt(p + 1) == quote && src.charAt(p + 2) == quote) {
                    return p + 3;
                }
            }
            if (formatted && c == '{') {
                if (p + 1 < n && src.charAt(p + 1) == '{') {
                    p += 2;
                    continue;
                }
                int end = skipReplacementField(p + 1, triple);
                if (end < 0) {
                    return -1;
                }
                p = end;
                continue;
            }
            p++;
        }
    }

    /** Skips an f-string replacement field's expression (after its '{') up to and including its '}'. */
    private int skipReplacementField(int from, boolean tripleOuter) {
        int depth = 0;
        int p = from;
        while (p < n) {
            char c = src.charAt(p);
            if (c == '\'' || c == '"') {
                int end = skipString(p);
                if (end < 0) {
                    return -1;
                }
                p = end;
                continue;
            }
            if (c == '\n' && !tripleOuter) {
                return p;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth == 0) {
                    return c == '}' ? p + 1 : p;
                }
                depth--;
            }
            p++;
        }
        return tolerant && tripleOuter ? -1 : n;
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
