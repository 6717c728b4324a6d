package io.github.recoverygates.syntax;

import java.util.Locale;

/**
 * The seeds' taxonomy of Python syntax errors, read from the interpreter's exception type and
 * message (CPython 3.8 to 3.13 wording). The verdict never depends on it: only the category does.
 */
public final class PythonCategory {

    public static final String UNTERMINATED_STRING = "unterminated-string";
    public static final String UNTERMINATED_TRIPLE = "unterminated-triple-quoted-string";
    public static final String UNMATCHED_BRACKET = "unmatched-bracket";
    public static final String INVALID_LITERAL = "invalid-decimal-literal";
    public static final String UNEXPECTED_INDENT = "unexpected-indent";
    public static final String EXPECTED_INDENTED_BLOCK = "expected-indented-block";
    public static final String UNINDENT_MISMATCH = "unindent-mismatch";
    public static final String F_STRING = "f-string";
    public static final String COMPILE_TIME = "compile-time";
    public static final String ENCODING = "encoding";
    public static final String NULL_BYTES = "null-bytes";
    public static final String OTHER = "other";

    private PythonCategory() {
    }

    /**
     * @param type  the exception's class name (SyntaxError, IndentationError, TabError, ValueError, ...)
     * @param msg   the interpreter's message
     * @param astOk whether {@code ast.parse} accepted the file, so only the compiler rejects it
     */
    static String of(String type, String msg, boolean astOk) {
        String m = msg == null ? "" : msg.toLowerCase(Locale.ROOT);
        if (m.contains("null byte")) {
            return NULL_BYTES;
        }
        if ("UnicodeDecodeError".equals(type) || m.startsWith("non-utf-8 code") || m.contains("encoding problem")
                || m.startsWith("unknown encoding") || m.contains("'utf-8' codec can't decode")
                || m.contains("'utf8' codec can't decode")) {
            return ENCODING;
        }
        if ("TabError".equals(type) || m.contains("inconsistent use of tabs")
                || m.contains("unindent does not match")) {
            return UNINDENT_MISMATCH;
        }
        if (m.startsWith("unexpected indent")) {
            return UNEXPECTED_INDENT;
        }
        if (m.startsWith("expected an indented block")) {
            return EXPECTED_INDENTED_BLOCK;
        }
        if (m.startsWith("f-string") || m.contains("f-string:") || m.contains("f-string literal")
                || m.contains("f-string expression")) {
            return F_STRING;
        }
        if (m.startsWith("unterminated triple-quoted string") || m.contains("eof while scanning triple-quoted")) {
            return UNTERMINATED_TRIPLE;
        }
        if (m.startsWith("unterminated string literal") || m.contains("eol while scanning string literal")) {
            return UNTERMINATED_STRING;
        }
        if (m.startsWith("unmatched '") || m.contains("does not match opening parenthesis")
                || m.contains("was never closed")) {
            return UNMATCHED_BRACKET;
        }
        if (m.startsWith("invalid decimal literal") || m.startsWith("invalid hexadecimal literal")
                || m.startsWith("invalid octal literal") || m.startsWith("invalid binary literal")
                || m.startsWith("invalid imaginary literal") || m.startsWith("invalid digit")
                || m.startsWith("leading zeros in decimal integer literals")
                || m.startsWith("invalid character") && m.contains("literal")) {
            return INVALID_LITERAL;
        }
        if (astOk && ("SyntaxError".equals(type))) {
            return COMPILE_TIME;
        }
        return OTHER;
    }
}
