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

    private CLikeLexer() {
    }

    static List<Tok> lex(String src, boolean javascript, String[] error) {
        List<Tok> out = new ArrayList<>(Math.max(16, src.length() / 5));
        int n = src.length();
        int i = 0;
        int line = 1;
        int lineStart = 0;
        while (i < n) {
            char c = src.charAt(i);
            if (c == '\n') {
                line++;
                lineStart = ++i;
                continue;
            }
            if (c <= ' ') {
                i++;
                continue;
            }
            int col = i - lineStart + 1;
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                while (i < n && src.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                int stop = end < 0 ? n : end + 2;
                if (end < 0) {
                    note(error, line, "unterminated comment");
                }
                for (int k = i; k < stop; k++) {
                    if (src.charAt(k) == '\n') {
                        line++;
                        lineStart = k + 1;
                    }
                }
                i = stop;
                continue;
            }
            if (Character.isJavaIdentifierStart(c) || c == '#' && javascript) {
                int j = i + 1;
                while (j < n && Character.isJavaIdentifierPart(src.charAt(j))) {
                    j++;
                }
                out.add(new Tok(NAME, src.substring(i, j), line, col));
                i = j;
                continue;
            }
            if (Character.isDigit(c)) {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(src.charAt(j)) || src.charAt(j) == '_' || src.charAt(j) == '.')) {
                    j++;
                }
                out.add(new Tok(NUMBER, src.substring(i, j), line, col));
                i = j;
                continue;
            }
            if (c == '"' && i + 2 < n && src.charAt(i + 1) == '"' && src.charAt(i + 2) == '"' && !javascript) {
                int end = src.indexOf("\"\"\"", i + 3);
                int stop = end < 0 ? n : end + 3;
                if (end < 0) {
                    note(error, line, "unterminated text block");
                }
                String text = src.substring(i + 3, Math.max(i + 3, stop - 3));
                out.add(new Tok(STRING, text, line, col));
                for (int k = i; k < stop; k++) {
                    if (src.charAt(k) == '\n') {
                        line++;
                        lineStart = k + 1;
                    }
                }
                i = stop;
                continue;
            }
            if (c == '"' || c == '\'') {
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
                    if (d == c) {
                        closed = true;
                        break;
                    }
                    text.append(d);
                }
                if (!closed && !(javascript && c == '\'')) {
                    note(error, line, "unterminated string literal");
                }
                out.add(new Tok(STRING, text.toString(), line, col));
                i = j;
                continue;
            }
            if (c == '`' && javascript) {
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
                    if (braces > 0) {
                        if (d == '{') {
                            braces++;
                        } else if (d == '}') {
                            braces--;
                        }
                    }
                    text.append(d); // substitutions included: an alias in ${process.env.X} is still a use
                    j++;
                }
                out.add(new Tok(substitution ? TEMPLATE : STRING, text.toString(), startLine, col));
                i = j;
                continue;
            }
            if (c == '/' && javascript && regexAllowed(out)) {
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
                    if (d == '[') {
                        inClass = true;
                    } else if (d == ']') {
                        inClass = false;
                    } else if (d == '/' && !inClass) {
                        j++;
                        break;
                    }
                    j++;
                }
                while (j < n && Character.isLetter(src.charAt(j))) {
                    j++;
                }
                out.add(new Tok(OP, "/regex/", line, col));
                i = j;
                continue;
            }
            out.add(new Tok(OP, String.valueOf(c), line, col));
            i++;
        }
        return out;
    }

    private static boolean regexAllowed(List<Tok> out) {
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

    private static void note(String[] error, int line, String message) {
        if (error != null && error[0] == null) {
            error[0] = "line " + line + ": " + message;
        }
    }
}
