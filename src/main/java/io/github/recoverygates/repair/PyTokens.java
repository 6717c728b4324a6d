package io.github.recoverygates.repair;

import io.github.recoverygates.python.Dialect;
import io.github.recoverygates.python.PythonTokens;
import io.github.recoverygates.python.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Python's tokens as far as a broken file has them, read by the shared tokenizer
 * ({@link PythonTokens}, {@link Dialect#ERROR_TOKENS}). Where CPython's tokenizer stops (a string
 * that never ends, a character that is no token) there is an {@link Kind#ERROR} token for the
 * offending quote or character and lexing goes on after it, so that a repair can see the rest of
 * the line and the file as code. Brackets that do not match are taken as they come; an
 * indentation that matches no enclosing level starts a new one.
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

    private final String src;
    private final List<Tok> tokens;

    private PyTokens(String src, List<Tok> tokens) {
        this.src = src;
        this.tokens = tokens;
    }

    /** The shared tokenizer's tokens, every quote that opens no complete string an ERROR token. */
    static PyTokens of(String src) {
        List<Tok> tokens = new ArrayList<>();
        for (Token t : PythonTokens.of(src, Dialect.ERROR_TOKENS).all()) {
            tokens.add(new Tok(Kind.valueOf(t.kind().name()), t.start(), t.end()));
        }
        return new PyTokens(src, tokens);
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

    private static boolean isTripleAt(String s, int i) {
        char q = s.charAt(i);
        return i + 2 < s.length() && s.charAt(i + 1) == q && s.charAt(i + 2) == q;
    }
}
