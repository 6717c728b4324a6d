package io.github.recoverygates.repair;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Python's tokens as far as a broken file has them. Where CPython's tokenizer stops (a string
 * that never ends, a character that is no token) this one emits an {@link Kind#ERROR} token for
 * the offending quote or character and goes on lexing after it, so that a repair can see the
 * rest of the line and the file as code. Brackets that do not match are taken as they come;
 * an indentation that matches no enclosing level starts a new one.
 */
final class PyTokens {

    enum Kind { NAME, NUMBER, STRING, OP, COMMENT, NEWLINE, NL, INDENT, DEDENT, ERROR, END }

    /** One token: its kind and where it is in the text ({@code end} exclusive). */
    record Tok(Kind kind, int start, int end) {
        String text(String source) {
            return source.substring(start, end);
        }
    }

    static final Set<String> KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async", "await",
            "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
            "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
            "with", "yield");

    private static final String[] OPERATORS = {
        "**=", "//=", ">>=", "<<=", "...", "!=", "%=", "&=", "**", "*=", "+=", "-=", "->", "//", "/=", ":=", "<<",
        "<=", "==", ">=", ">>", "@=", "^=", "|=", "%", "&", "(", ")", "*", "+", ",", "-", ".", "/", ":", ";", "<",
        "=", ">", "@", "[", "]", "^", "{", "|", "}", "~"};

    private final String src;
    private final List<Tok> tokens;

    private PyTokens(String src, List<Tok> tokens) {
        this.src = src;
        this.tokens = tokens;
    }

    static PyTokens of(String src) {
        return new PyTokens(src, new Lexer(src).run());
    }

    List<Tok> all() {
        return tokens;
    }

    String text(Tok t) {
        return t.text(src);
    }

    /** Whether a STRING or ERROR token is (or opens) a triple-quoted string. */
    boolean triple(Tok t) {
        int q = quoteAt(t);
        return q >= 0 && q + 3 <= t.end() && isTripleAt(src, q);
    }

    /** Where the quote of a STRING or quote ERROR token starts (after its prefix), or -1. */
    int quoteAt(Tok t) {
        for (int i = t.start(); i < t.end(); i++) {
            char c = src.charAt(i);
            if (c == '"' || c == '\'') {
                return i;
            }
            if (!Character.isLetter(c)) {
                return -1;
            }
        }
        return -1;
    }

    /** Whether an ERROR token is a quote that opens a string that never ends. */
    boolean unterminatedQuote(Tok t) {
        return t.kind() == Kind.ERROR && quoteAt(t) >= 0;
    }

    /** Whether the token is a NAME that is not a keyword. */
    boolean plainName(Tok t) {
        return t.kind() == Kind.NAME && !KEYWORDS.contains(text(t));
    }

    /** The index of the first token that ends after {@code offset}, or the size. */
    int indexAfter(int offset) {
        int lo = 0;
        int hi = tokens.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tokens.get(mid).end() <= offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The key under which tokens are compared: kind, and the text where the text is the token. */
    static String key(String src, Tok t) {
        return switch (t.kind()) {
            case INDENT, DEDENT, NEWLINE, NL, END -> t.kind().name();
            default -> t.kind().name() + ":" + t.text(src);
        };
    }

    static boolean isTripleAt(String s, int i) {
        char q = s.charAt(i);
        return i + 2 < s.length() && s.charAt(i + 1) == q && s.charAt(i + 2) == q;
    }

    private static final class Lexer {
        private final String s;
        private final int n;
        private final List<Tok> out = new ArrayList<>();
        private final List<Integer> indents = new ArrayList<>(List.of(0));
        private int depth;
        private boolean codeOnLine;

        Lexer(String s) {
            this.s = s;
            this.n = s.length();
        }

        List<Tok> run() {
            int i = 0;
            boolean lineStart = true;
            while (i < n) {
                if (lineStart && depth == 0) {
                    int j = i;
                    while (j < n && (s.charAt(j) == ' ' || s.charAt(j) == '\t' || s.charAt(j) == '\f')) {
                        j++;
                    }
                    if (j >= n) {
                        i = j;
                        break;
                    }
                    char c = s.charAt(j);
                    if (c == '#' || c == '\n' || c == '\r') {
                        int e = j;
                        if (c == '#') {
                            e = eol(j);
                            out.add(new Tok(Kind.COMMENT, j, e));
                        }
                        int nl = newlineLength(e);
                        if (nl > 0) {
                            out.add(new Tok(Kind.NL, e, e + nl));
                        }
                        i = e + nl;
                        continue;
                    }
                    indent(i, j);
                    i = j;
                    lineStart = false;
                }
                char c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == '\f') {
                    i++;
                } else if (c == '\n' || c == '\r') {
                    int nl = newlineLength(i);
                    out.add(new Tok(depth == 0 && codeOnLine ? Kind.NEWLINE : Kind.NL, i, i + nl));
                    if (depth == 0) {
                        codeOnLine = false;
                        lineStart = true;
                    }
                    i += nl;
                } else if (c == '#') {
                    int e = eol(i);
                    out.add(new Tok(Kind.COMMENT, i, e));
                    i = e;
                } else if (c == '\\' && newlineLength(i + 1) > 0) {
                    i += 1 + newlineLength(i + 1);
                } else {
                    codeOnLine = true;
                    i = token(i);
                }
            }
            if (codeOnLine) {
                out.add(new Tok(Kind.NEWLINE, n, n));
            }
            for (int k = indents.size() - 1; k > 0; k--) {
                out.add(new Tok(Kind.DEDENT, n, n));
            }
            out.add(new Tok(Kind.END, n, n));
            return out;
        }

        private void indent(int from, int to) {
            int w = SourceText.width(s.substring(from, to));
            int top = indents.get(indents.size() - 1);
            if (w > top) {
                indents.add(w);
                out.add(new Tok(Kind.INDENT, from, to));
                return;
            }
            while (w < indents.get(indents.size() - 1)) {
                indents.remove(indents.size() - 1);
                out.add(new Tok(Kind.DEDENT, to, to));
            }
            if (w > indents.get(indents.size() - 1)) {
                indents.add(w); // matches no enclosing level: CPython's "unindent does not match"
                out.add(new Tok(Kind.ERROR, from, to));
            }
        }

        private int eol(int i) {
            int e = i;
            while (e < n && s.charAt(e) != '\n' && s.charAt(e) != '\r') {
                e++;
            }
            return e;
        }

        private int newlineLength(int i) {
            if (i >= n) {
                return 0;
            }
            if (s.charAt(i) == '\r') {
                return i + 1 < n && s.charAt(i + 1) == '\n' ? 2 : 1;
            }
            return s.charAt(i) == '\n' ? 1 : 0;
        }

        private int token(int i) {
            char c = s.charAt(i);
            int cp = s.codePointAt(i);
            if (Character.isLetter(cp) || c == '_' || Character.isUnicodeIdentifierStart(cp)) {
                int j = i + Character.charCount(cp);
                while (j < n && (Character.isUnicodeIdentifierPart(s.codePointAt(j)) && !Character.isIdentifierIgnorable(s.codePointAt(j)))) {
                    j += Character.charCount(s.codePointAt(j));
                }
                if (j < n && (s.charAt(j) == '"' || s.charAt(j) == '\'') && isPrefix(s.substring(i, j))) {
                    return string(i, j);
                }
                out.add(new Tok(Kind.NAME, i, j));
                return j;
            }
            if (c == '"' || c == '\'') {
                return string(i, i);
            }
            if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1))) {
                int j = number(i);
                out.add(new Tok(Kind.NUMBER, i, j));
                return j;
            }
            for (String op : OPERATORS) {
                if (s.startsWith(op, i)) {
                    if (op.equals("(") || op.equals("[") || op.equals("{")) {
                        depth++;
                    } else if ((op.equals(")") || op.equals("]") || op.equals("}")) && depth > 0) {
                        depth--;
                    }
                    out.add(new Tok(Kind.OP, i, i + op.length()));
                    return i + op.length();
                }
            }
            int j = i + Character.charCount(cp);
            out.add(new Tok(Kind.ERROR, i, j));
            return j;
        }

        private static boolean isPrefix(String p) {
            return switch (p.toLowerCase(java.util.Locale.ROOT)) {
                case "r", "u", "b", "f", "br", "rb", "fr", "rf" -> true;
                default -> false;
            };
        }

        private int number(int i) {
            int j = i;
            if (s.charAt(j) == '0' && j + 1 < n && "xXoObB".indexOf(s.charAt(j + 1)) >= 0) {
                j += 2;
                while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                    j++;
                }
                return j;
            }
            while (j < n && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                j++;
            }
            if (j < n && s.charAt(j) == '.') {
                j++;
                while (j < n && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                    j++;
                }
            }
            if (j < n && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
                int k = j + 1;
                if (k < n && (s.charAt(k) == '+' || s.charAt(k) == '-')) {
                    k++;
                }
                if (k < n && Character.isDigit(s.charAt(k))) {
                    j = k;
                    while (j < n && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                        j++;
                    }
                }
            }
            if (j < n && (s.charAt(j) == 'j' || s.charAt(j) == 'J')) {
                j++;
            }
            return j;
        }

        private int string(int start, int quote) {
            char q = s.charAt(quote);
            if (isTripleAt(s, quote)) {
                int k = quote + 3;
                while (k < n) {
                    char c = s.charAt(k);
                    if (c == '\\') {
                        k += 2;
                    } else if (c == q && isTripleAt(s, k)) {
                        out.add(new Tok(Kind.STRING, start, k + 3));
                        return k + 3;
                    } else {
                        k++;
                    }
                }
                out.add(new Tok(Kind.ERROR, start, quote + 3));
                return quote + 3;
            }
            int k = quote + 1;
            while (k < n) {
                char c = s.charAt(k);
                if (c == '\\') {
                    k += 1 + Math.max(1, newlineLength(k + 1));
                } else if (c == q) {
                    out.add(new Tok(Kind.STRING, start, k + 1));
                    return k + 1;
                } else if (c == '\n' || c == '\r') {
                    break;
                } else {
                    k++;
                }
            }
            out.add(new Tok(Kind.ERROR, start, quote + 1));
            return quote + 1;
        }
    }
}
