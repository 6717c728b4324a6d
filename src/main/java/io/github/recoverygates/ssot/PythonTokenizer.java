package io.github.recoverygates.ssot;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's tokens in one pass: names, numbers, strings (all prefixes, triple quotes), operators;
 * comments, brackets and backslash continuations; each logical line is handed to the listener with
 * its indentation, together with the comments, names and strings on the way and the first errors.
 */
final class PythonTokenizer {

    static final int NAME = 0;
    static final int NUMBER = 1;
    static final int STRING = 2;
    static final int OP = 3;

    /** One token: its kind (NAME, NUMBER, STRING, OP), text (a string's content without quotes), 1-based line and column. */
    record Tok(int type, String text, int line, int col) {
    }

    /** What the tokenizer reports, in source order. */
    interface Listener {
        void logicalLine(List<Tok> toks, int indent);

        void comment(String text, int line, int col);

        void name(String name, int line, int col);

        void string(String text, int line, int col);

        void fail(int line, String message);
    }

    private final String src;
    private final Listener listener;

    PythonTokenizer(String src, Listener listener) {
        this.src = src;
        this.listener = listener;
    }

    /** Reads the whole source; returns the last line number. */
    int tokenize() {
        int n = src.length();
        int i = 0;
        int line = 1;
        int lineStart = 0;
        int depth = 0;
        char[] brackets = new char[256];
        boolean fString = false;
        List<Tok> cur = new ArrayList<>();
        int indent = 0;
        while (i < n) {
            char c = src.charAt(i);
            if (c == '\n' || c == '\r') {
                i += c == '\r' && i + 1 < n && src.charAt(i + 1) == '\n' ? 2 : 1;
                line++;
                lineStart = i;
                if (depth == 0 && !cur.isEmpty()) {
                    listener.logicalLine(cur, indent);
                    cur = new ArrayList<>();
                }
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\f') {
                i++;
                continue;
            }
            if (c == '#') {
                int end = i;
                while (end < n && src.charAt(end) != '\n' && src.charAt(end) != '\r') {
                    end++;
                }
                listener.comment(src.substring(i + 1, end), line, i - lineStart + 1);
                i = end;
                continue;
            }
            if (c == '\\') {
                int j = i + 1;
                if (j < n && (src.charAt(j) == '\n' || src.charAt(j) == '\r')) {
                    j += src.charAt(j) == '\r' && j + 1 < n && src.charAt(j + 1) == '\n' ? 2 : 1;
                    line++;
                    lineStart = j;
                }
                i = j;
                continue;
            }
            if (cur.isEmpty()) {
                indent = indentOf(lineStart, i);
            }
            int col = i - lineStart + 1;
            if (Character.isJavaIdentifierStart(c) && c != '$') {
                int j = i + 1;
                while (j < n && Character.isJavaIdentifierPart(src.charAt(j)) && src.charAt(j) != '$') {
                    j++;
                }
                if (j < n && (src.charAt(j) == '\'' || src.charAt(j) == '"') && j - i <= 3
                        && isStringPrefix(src, i, j)) {
                    fString = src.substring(i, j).toLowerCase(java.util.Locale.ROOT).indexOf('f') >= 0;
                    i = j; // the string reader below takes it from the quote
                    c = src.charAt(i);
                } else {
                    String name = src.substring(i, j);
                    cur.add(new Tok(NAME, name, line, col));
                    listener.name(name, line, col);
                    i = j;
                    continue;
                }
            }
            if (c == '\'' || c == '"') {
                boolean isF = fString;
                fString = false;
                int startLine = line;
                boolean triple = i + 2 < n && src.charAt(i + 1) == c && src.charAt(i + 2) == c;
                int j = i + (triple ? 3 : 1);
                int contentStart = j;
                int contentEnd = -1;
                while (j < n) {
                    char d = src.charAt(j);
                    if (d == '\\') {
                        if (j + 1 < n && src.charAt(j + 1) == '\n') {
                            line++;
                            lineStart = j + 2;
                        }
                        j += 2;
                        continue;
                    }
                    if (d == '\n') {
                        if (!triple) {
                            break;
                        }
                        line++;
                        lineStart = j + 1;
                    } else if (d == c) {
                        if (!triple) {
                            contentEnd = j;
                            j++;
                            break;
                        }
                        if (j + 2 < n && src.charAt(j + 1) == c && src.charAt(j + 2) == c) {
                            contentEnd = j;
                            j += 3;
                            break;
                        }
                    }
                    j++;
                }
                if (contentEnd < 0) {
                    listener.fail(startLine, triple ? "unterminated triple-quoted string literal" : "unterminated string literal");
                    contentEnd = Math.min(j, n);
                }
                String text = src.substring(contentStart, Math.min(contentEnd, n));
                if (isF && emptyExpression(text)) {
                    listener.fail(startLine, "f-string: empty expression not allowed");
                }
                cur.add(new Tok(STRING, text, startLine, col));
                listener.string(text, startLine, col);
                i = Math.min(j, n);
                continue;
            }
            if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(src.charAt(i + 1))) {
                int j = numberEnd(src, i);
                String number = src.substring(i, j);
                if (!validNumber(number)) {
                    listener.fail(line, "invalid decimal literal");
                }
                cur.add(new Tok(NUMBER, number, line, col));
                i = j;
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                if (depth < brackets.length) {
                    brackets[depth] = c;
                }
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth == 0) {
                    listener.fail(line, "unmatched '" + c + "'");
                } else {
                    depth--;
                    char open = depth < brackets.length ? brackets[depth] : c;
                    if (depth < brackets.length && open != (c == ')' ? '(' : c == ']' ? '[' : '{')) {
                        listener.fail(line, "closing parenthesis '" + c + "' does not match opening parenthesis '" + open + "'");
                    }
                }
            }
            cur.add(new Tok(OP, String.valueOf(c), line, col));
            i++;
        }
        if (depth > 0) {
            listener.fail(line, "unclosed bracket at end of file");
        }
        if (!cur.isEmpty()) {
            listener.logicalLine(cur, indent);
        }
        return line;
    }

    /** Where the number literal starting at {@code i} ends; trailing name characters are taken along ("500K"). */
    private static int numberEnd(String src, int i) {
        int n = src.length();
        int j = i;
        if (src.charAt(i) == '0' && i + 1 < n && "xXoObB".indexOf(src.charAt(i + 1)) >= 0) {
            j = i + 2;
            while (j < n && (Character.isLetterOrDigit(src.charAt(j)) || src.charAt(j) == '_')) {
                j++;
            }
            return j;
        }
        while (j < n && (Character.isDigit(src.charAt(j)) || src.charAt(j) == '_')) {
            j++;
        }
        if (j < n && src.charAt(j) == '.') {
            j++;
            while (j < n && (Character.isDigit(src.charAt(j)) || src.charAt(j) == '_')) {
                j++;
            }
        }
        if (j < n && (src.charAt(j) == 'e' || src.charAt(j) == 'E')) {
            int k = j + 1;
            if (k < n && (src.charAt(k) == '+' || src.charAt(k) == '-')) {
                k++;
            }
            if (k < n && Character.isDigit(src.charAt(k))) {
                j = k;
                while (j < n && (Character.isDigit(src.charAt(j)) || src.charAt(j) == '_')) {
                    j++;
                }
            }
        }
        if (j < n && (src.charAt(j) == 'j' || src.charAt(j) == 'J')) {
            j++;
        }
        while (j < n && (Character.isLetterOrDigit(src.charAt(j)) || src.charAt(j) == '_')) {
            j++; // "500K", "1abc": not a number; validNumber says so
        }
        return j;
    }

    /** Decimal, hex, octal, binary, float, imaginary; "500K" is not a number. */
    static boolean validNumber(String number) {
        String t = number.replace("_", "").toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("0x")) {
            return t.length() > 2 && t.substring(2).chars().allMatch(ch -> Character.digit(ch, 16) >= 0);
        }
        if (t.startsWith("0o") || t.startsWith("0b")) {
            int radix = t.charAt(1) == 'o' ? 8 : 2;
            return t.length() > 2 && t.substring(2).chars().allMatch(ch -> Character.digit(ch, radix) >= 0);
        }
        return t.matches("(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?j?");
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

    private static boolean isStringPrefix(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            char p = Character.toLowerCase(s.charAt(k));
            if (p != 'r' && p != 'b' && p != 'u' && p != 'f' && p != 't') {
                return false;
            }
        }
        return true;
    }

    private int indentOf(int lineStart, int at) {
        int width = 0;
        for (int k = lineStart; k < at; k++) {
            char c = src.charAt(k);
            width = c == '\t' ? (width / 8 + 1) * 8 : width + 1;
        }
        return width;
    }
}
