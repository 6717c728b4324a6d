package io.github.recoverygates.python;

/** Where a string literal ends: to its closing quotes, past f-string replacement fields that nest (PEP 701), or nowhere. */
final class StringEnds {

    private final char[] s;
    private final int n;
    /** Where the last string that did not end stopped (its line's end or the file's). */
    int stop;

    /** Reads the first {@code n} characters of {@code s} (what follows them is no part of the text). */
    StringEnds(char[] s, int n) {
        this.s = s;
        this.n = n;
    }

    /** The length of the line break at {@code i} ({@code \n}, {@code \r\n}, {@code \r}), 0 if there is none. */
    int newlineLength(int i) {
        if (i >= n) {
            return 0;
        }
        if (s[i] == '\r') {
            return i + 1 < n && s[i + 1] == '\n' ? 2 : 1;
        }
        return s[i] == '\n' ? 1 : 0;
    }

    /** The end of a string without nested quotes, or -1 (with {@link #stop} set) when it never ends. */
    int plainEnd(int quote, boolean triple) {
        char q = s[quote];
        int k = quote + (triple ? 3 : 1);
        while (k < n) {
            char c = s[k];
            if (c == '\\') {
                k += triple ? 2 : 1 + Math.max(1, newlineLength(k + 1));
            } else if (c == q && (!triple || isTripleAt(k))) {
                return k + (triple ? 3 : 1);
            } else if (!triple && (c == '\n' || c == '\r')) {
                stop = k;
                return -1;
            } else {
                k++;
            }
        }
        stop = n;
        return -1;
    }

    /** The end of a string whose f-string replacement fields may hold strings in any quotes (PEP 701), or -1. */
    int nestedEnd(int q) {
        char quote = s[q];
        boolean triple = isTripleAt(q);
        boolean formatted = formattedAt(q);
        int p = q + (triple ? 3 : 1);
        while (p < n) {
            char c = s[p];
            if (c == '\\') {
                p += 2;
            } else if (!triple && (c == '\n' || c == '\r')) {
                stop = p;
                return -1;
            } else if (c == quote && (!triple || isTripleAt(p))) {
                return p + (triple ? 3 : 1);
            } else if (formatted && c == '{' && p + 1 < n && s[p + 1] == '{') {
                p += 2;
            } else if (formatted && c == '{') {
                p = fieldEnd(p + 1, triple);
                if (p < 0) {
                    return -1;
                }
            } else {
                p++;
            }
        }
        stop = n;
        return -1;
    }

    /** Past an f-string replacement field's expression (after its '{') and its '}'; at a line end of a one-line string; -1 at the end. */
    private int fieldEnd(int from, boolean tripleOuter) {
        int depth = 0;
        int p = from;
        while (p < n) {
            char c = s[p];
            if (c == '\'' || c == '"') {
                int end = nestedEnd(p);
                if (end < 0 && isTripleAt(p)) {
                    return -1;
                }
                p = end < 0 ? stop : end; // a one-line string that does not end stops at its line's end
                continue;
            }
            if (!tripleOuter && (c == '\n' || c == '\r')) {
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
        stop = n;
        return -1;
    }

    /** Whether the quote at {@code q} opens an f- or t-string (its prefix letters, not the end of a name). */
    private boolean formattedAt(int q) {
        boolean formatted = false;
        int j = q - 1;
        int letters = 0;
        while (j >= 0 && letters < 3 && "rRbBuUfFtT".indexOf(s[j]) >= 0) {
            formatted |= "fFtT".indexOf(s[j]) >= 0;
            j--;
            letters++;
        }
        return formatted && !(letters > 0 && j >= 0 && isIdentifierPart(s[j]));
    }

    /**
     * Whether a triple-quoted string is more likely an unclosed opening quote that paired with a
     * later string's quote: real code never follows a closing quote directly with a name character,
     * and a string holding a line that starts a top-level definition or decorator is most likely
     * swallowed code.
     */
    boolean swallowsCode(int start, int end) {
        if (end < n && isIdentifierPart(s[end])) {
            return true;
        }
        for (int i = start; i < end; i++) {
            if (s[i] == '\n' && definitionAt(i + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a definition or decorator starts at {@code from}, after blanks: {@code def}, {@code async def}, {@code class}, '@'. */
    boolean startsDefinition(int from) {
        int p = from;
        while (p < n && (s[p] == ' ' || s[p] == '\t')) {
            p++;
        }
        return definitionAt(p);
    }

    private boolean definitionAt(int p) {
        return startsWith(p, "def ") || startsWith(p, "class ") || startsWith(p, "async def ") || startsWith(p, "@");
    }

    private boolean startsWith(int p, String word) {
        if (p < 0 || p + word.length() > n) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (s[p + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    boolean isTripleAt(int i) {
        char q = s[i];
        return i + 2 < n && s[i + 1] == q && s[i + 2] == q;
    }

    static boolean isTripleAt(String s, int i) {
        char q = s.charAt(i);
        return i + 2 < s.length() && s.charAt(i + 1) == q && s.charAt(i + 2) == q;
    }
}
