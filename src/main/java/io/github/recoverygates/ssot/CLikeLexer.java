package io.github.recoverygates.ssot;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Tokens of Java and JavaScript/TypeScript source: names, numbers, string literals (with their
 * text), template literals, punctuation; comments dropped. JavaScript regular-expression literals
 * are recognised by the token before the slash, so a quote inside {@code /'/} does not open a string.
 * Quoted strings end at a line break, so one stray apostrophe (JSX text) costs a line, not a file.
 */
final class CLikeLexer {

    static final int NAME = 0;
    static final int NUMBER = 1;
    static final int STRING = 2;
    static final int OP = 3;
    /** A template literal with substitutions: not a constant. */
    static final int TEMPLATE = 4;

    record Tok(int type, String text, int line, int col) {
        boolean is(String s) {
            return text.equals(s) && type != STRING;
        }
    }

    private static final Set<String> REGEX_AFTER_KEYWORD = Set.of("return", "typeof", "case", "do", "else", "in",
            "instanceof", "new", "delete", "void", "throw", "yield", "await", "of");

    private final String src;
    private final int n;
    private final boolean javascript;
    private final String[] error;
    private final List<Tok> out;
    private int i;
    private int line = 1;
    private int lineStart;

    private CLikeLexer(String src, boolean javascript, String[] error) {
        this.src = src;
        this.n = src.length();
        this.javascript = javascript;
        this.error = error;
        this.out = new ArrayList<>(Math.max(16, src.length() / 5));
    }

    /** The tokens of {@code src}; the first problem (an unterminated comment or literal) goes to {@code error[0]}. */
    static List<Tok> lex(String src, boolean javascript, String[] error) {
        CLikeLexer lexer = new CLikeLexer(src, javascript, error);
        while (lexer.i < lexer.n) {
            lexer.next();
        }
        return lexer.out;
    }

    /** Reads one token, a line break, blank or a comment at {@code i}. */
    private void next() {
        char c = src.charAt(i);
        if (c == '\n') {
            line++;
            lineStart = ++i;
            return;
        }
        if (c <= ' ') {
            i++;
            return;
        }
        int col = i - lineStart + 1;
        char after = i + 1 < n ? src.charAt(i + 1) : 0;
        if (c == '/' && after == '/') {
            int end = src.indexOf('\n', i);
            i = end < 0 ? n : end;
        } else if (c == '/' && after == '*') {
            blockComment();
        } else if (Character.isJavaIdentifierStart(c) || c == '#' && javascript) {
            name(col);
        } else if (Character.isDigit(c)) {
            number(col);
        } else if (c == '"' && !javascript && src.startsWith("\"\"\"", i)) {
            textBlock(col);
        } else if (c == '"' || c == '\'') {
            quoted(c, col);
        } else if (c == '`' && javascript) {
            template(col);
        } else if (c == '/' && javascript && regexAllowed()) {
            regex(col);
        } else {
            out.add(new Tok(OP, String.valueOf(c), line, col));
            i++;
        }
    }

    private void blockComment() {
        int end = src.indexOf("*/", i + 2);
        if (end < 0) {
            note("unterminated comment");
        }
        skipTo(end < 0 ? n : end + 2);
    }

    private void name(int col) {
        int j = i + 1;
        while (j < n && Character.isJavaIdentifierPart(src.charAt(j))) {
            j++;
        }
        emit(NAME, src.substring(i, j), col, j);
    }

    private void number(int col) {
        int j = i + 1;
        while (j < n && (Character.isLetterOrDigit(src.charAt(j)) || src.charAt(j) == '_' || src.charAt(j) == '.')) {
            j++;
        }
        emit(NUMBER, src.substring(i, j), col, j);
    }

    /** A Java text block: its text is what lies between the triple quotes. */
    private void textBlock(int col) {
        int end = src.indexOf("\"\"\"", i + 3);
        int stop = end < 0 ? n : end + 3;
        if (end < 0) {
            note("unterminated text block");
        }
        out.add(new Tok(STRING, src.substring(i + 3, Math.max(i + 3, stop - 3)), line, col));
        skipTo(stop);
    }

    /** A quoted string, ended by its quote or the line's end; an escaped line break continues it. */
    private void quoted(char quote, int col) {
        int j = i + 1;
        StringBuilder text = new StringBuilder();
        boolean closed = false;
        while (j < n) {
            char d = src.charAt(j);
            if (d == '\\' && j + 1 < n) {
                if (src.charAt(j + 1) == '\n') {
                    line++;
                    lineStart = j + 2;
                } else {
                    text.append(d).append(src.charAt(j + 1));
                }
                j += 2;
                continue;
            }
            if (d == '\n') {
                break;
            }
            j++;
            if (d == quote) {
                closed = true;
                break;
            }
            text.append(d);
        }
        if (!closed && !(javascript && quote == '\'')) {
            note("unterminated string literal");
        }
        out.add(new Tok(STRING, text.toString(), line, col));
        i = j;
    }

    /** A template literal; its text keeps the substitutions, so an alias in ${process.env.X} is still a use. */
    private void template(int col) {
        int j = i + 1;
        int startLine = line;
        boolean substitution = false;
        StringBuilder text = new StringBuilder();
        int braces = 0;
        while (j < n) {
            char d = src.charAt(j);
            if (d == '\\' && j + 1 < n) {
                j += 2;
                continue;
            }
            if (d == '\n') {
                line++;
                lineStart = j + 1;
            }
            if (braces == 0 && d == '`') {
                j++;
                break;
            }
            if (braces == 0 && d == '$' && j + 1 < n && src.charAt(j + 1) == '{') {
                substitution = true;
                braces = 1;
                j += 2;
                continue;
            }
            if (braces > 0 && d == '{') {
                braces++;
            } else if (braces > 0 && d == '}') {
                braces--;
            }
            text.append(d);
            j++;
        }
        out.add(new Tok(substitution ? TEMPLATE : STRING, text.toString(), startLine, col));
        i = j;
    }

    /** A regular-expression literal (to the closing slash outside a class, then its flags), as one token. */
    private void regex(int col) {
        int j = i + 1;
        boolean inClass = false;
        while (j < n) {
            char d = src.charAt(j);
            if (d == '\\') {
                j += 2;
                continue;
            }
            if (d == '\n') {
                break;
            }
            j++;
            if (d == '[') {
                inClass = true;
            } else if (d == ']') {
                inClass = false;
            } else if (d == '/' && !inClass) {
                break;
            }
        }
        while (j < n && Character.isLetter(src.charAt(j))) {
            j++;
        }
        emit(OP, "/regex/", col, j);
    }

    private void emit(int type, String text, int col, int end) {
        out.add(new Tok(type, text, line, col));
        i = end;
    }

    /** Moves to {@code stop}, counting the line breaks on the way. */
    private void skipTo(int stop) {
        for (int k = i; k < stop; k++) {
            if (src.charAt(k) == '\n') {
                line++;
                lineStart = k + 1;
            }
        }
        i = stop;
    }

    private boolean regexAllowed() {
        if (out.isEmpty()) {
            return true;
        }
        Tok prev = out.get(out.size() - 1);
        if (prev.type == NAME) {
            return REGEX_AFTER_KEYWORD.contains(prev.text);
        }
        if (prev.type == NUMBER || prev.type == STRING || prev.type == TEMPLATE) {
            return false;
        }
        return !(prev.text.equals(")") || prev.text.equals("]") || prev.text.equals("}") || prev.text.equals("/regex/"));
    }

    private void note(String message) {
        if (error != null && error[0] == null) {
            error[0] = "line " + line + ": " + message;
        }
    }
}
