package io.github.recoverygates.ssot;

import io.github.recoverygates.python.Dialect;
import io.github.recoverygates.python.PythonTokens;
import io.github.recoverygates.python.Token;
import io.github.recoverygates.python.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Python source as ssot's statement reader hears it, read by the shared tokenizer: each logical line
 * as a list of tokens (a string's text without prefix and quotes, an operator per character) with its
 * indentation, and on the way the comments, names and strings and what CPython would refuse.
 */
final class PythonLines {

    static final int NAME = 0;
    static final int NUMBER = 1;
    static final int STRING = 2;
    static final int OP = 3;

    /** Each ASCII character as a string: an operator's characters are tokens of their own. */
    private static final String[] ASCII = new String[128];

    static {
        for (char c = 0; c < ASCII.length; c++) {
            ASCII[c] = String.valueOf(c);
        }
    }

    /** A decimal, float or imaginary literal (underscores removed, lower case): compiled once, not per number. */
    private static final Pattern DECIMAL = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?j?");

    /** One token: its kind (NAME, NUMBER, STRING, OP), text (a string's content without quotes), 1-based line and column. */
    record Tok(int type, String text, int line, int col) {
    }

    /** What the reader reports, in source order. */
    interface Listener {
        void logicalLine(List<Tok> toks, int indent);

        void comment(String text, int line, int col);

        void name(String name, int line, int col);

        void string(String text, int line, int col);

        void fail(int line, String message);
    }

    private final PythonTokens tokens;
    private final String src;
    private final Listener listener;
    private int nextProblem;

    private PythonLines(String src, Listener listener) {
        this.tokens = PythonTokens.of(src, Dialect.CPYTHON);
        this.src = src;
        this.listener = listener;
    }

    /** Reads the whole source; returns the last line number. */
    static int read(String src, Listener listener) {
        PythonLines lines = new PythonLines(src, listener);
        List<Token> all = lines.tokens.all();
        List<Tok> cur = new ArrayList<>();
        int indent = 0;
        for (int k = 0; k < all.size(); k++) {
            Token t = all.get(k);
            lines.problemsUpTo(t.start());
            if (t.kind() == Kind.NEWLINE || t.kind() == Kind.END) {
                if (!cur.isEmpty()) {
                    listener.logicalLine(cur, indent);
                    cur = new ArrayList<>();
                }
                continue;
            }
            if (cur.isEmpty() && t.code()) {
                indent = PythonTokens.width(src, t.start() - (t.col() - 1), t.start());
            }
            k = lines.token(all, k, cur);
        }
        return lines.tokens.lastLine();
    }

    /** Adds the token at {@code k} to the line (and tells the listener); returns the last index it took. */
    private int token(List<Token> all, int k, List<Tok> cur) {
        Token t = all.get(k);
        if (!t.code() && t.kind() != Kind.COMMENT) {
            return k; // NL, INDENT, DEDENT: the listener hears the indentation with the line
        }
        switch (t.kind()) {
            case COMMENT -> listener.comment(src.substring(t.start() + 1, t.end()), t.line(), t.col());
            case NAME -> {
                String text = tokens.text(t);
                cur.add(new Tok(NAME, text, t.line(), t.col()));
                listener.name(text, t.line(), t.col());
            }
            case NUMBER -> {
                int last = k;
                while (last + 1 < all.size() && all.get(last + 1).kind() == Kind.NAME
                        && all.get(last + 1).start() == all.get(last).end()) {
                    last++; // "500K", "1abc": one invalid number, as CPython reads it
                }
                String number = src.substring(t.start(), all.get(last).end());
                if (!validNumber(number)) {
                    listener.fail(t.line(), "invalid decimal literal");
                }
                cur.add(new Tok(NUMBER, number, t.line(), t.col()));
                return last;
            }
            case STRING -> string(t, k, cur);
            case OP, ERROR -> {
                if (t.kind() == Kind.ERROR && (src.substring(t.start(), t.end()).isBlank()
                        || t.end() - t.start() == 1 && src.charAt(t.start()) == '\\')) {
                    break; // an indentation that matches no level (the statement reader says so), a stray backslash
                }
                for (int i = t.start(); i < t.end(); i++) {
                    char c = src.charAt(i);
                    cur.add(new Tok(OP, c < ASCII.length ? ASCII[c] : String.valueOf(c), t.line(), t.col() + i - t.start()));
                }
            }
            default -> {
            }
        }
        return k;
    }

    private void string(Token t, int k, List<Tok> cur) {
        int quote = tokens.quoteAt(t);
        int quotes = tokens.triple(t) ? 3 : 1;
        int contentEnd = tokens.unterminated(k) ? t.end() : t.end() - quotes;
        String text = src.substring(quote + quotes, Math.max(quote + quotes, contentEnd));
        boolean formatted = src.substring(t.start(), quote).toLowerCase(java.util.Locale.ROOT).indexOf('f') >= 0;
        if (formatted && emptyExpression(text)) {
            listener.fail(t.line(), "f-string: empty expression not allowed");
        }
        cur.add(new Tok(STRING, text, t.line(), t.col()));
        listener.string(text, t.line(), t.col());
    }

    /** The tokenizer's problems at or before {@code offset}, so that the first error is the first in the text. */
    private void problemsUpTo(int offset) {
        List<PythonTokens.Problem> problems = tokens.problems();
        while (nextProblem < problems.size() && problems.get(nextProblem).offset() <= offset) {
            listener.fail(problems.get(nextProblem).line(), problems.get(nextProblem).message());
            nextProblem++;
        }
    }

    /** Decimal, hex, octal, binary, float, imaginary; "500K" is not a number. */
    static boolean validNumber(String number) {
        if (digitsOnly(number)) {
            return true; // most numbers in code: 0, 1, 200
        }
        String t = number.replace("_", "").toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("0x")) {
            return t.length() > 2 && t.substring(2).chars().allMatch(ch -> Character.digit(ch, 16) >= 0);
        }
        if (t.startsWith("0o") || t.startsWith("0b")) {
            int radix = t.charAt(1) == 'o' ? 8 : 2;
            return t.length() > 2 && t.substring(2).chars().allMatch(ch -> Character.digit(ch, radix) >= 0);
        }
        return DECIMAL.matcher(t).matches();
    }

    private static boolean digitsOnly(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** f"{}" or f"{ }": an empty replacement field ("{{" is an escaped brace). */
    static boolean emptyExpression(String text) {
        for (int k = 0; k < text.length(); k++) {
            char ch = text.charAt(k);
            if (ch == '{') {
                if (k + 1 < text.length() && text.charAt(k + 1) == '{') {
                    k++;
                    continue;
                }
                int j = k + 1;
                while (j < text.length() && text.charAt(j) == ' ') {
                    j++;
                }
                if (j < text.length() && text.charAt(j) == '}') {
                    return true;
                }
            }
        }
        return false;
    }
}
