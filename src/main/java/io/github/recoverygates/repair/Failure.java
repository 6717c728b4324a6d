package io.github.recoverygates.repair;

/**
 * The interpreter's verdict on a file that does not compile: the syntax gate's category, CPython's
 * message and position (1-based; the column counted in code points, as CPython counts it).
 */
record Failure(String category, String message, int line, int column) {

    static final String UNTERMINATED_STRING = "unterminated-string";
    static final String UNTERMINATED_TRIPLE = "unterminated-triple-quoted-string";
    static final String UNMATCHED_BRACKET = "unmatched-bracket";
    static final String INVALID_LITERAL = "invalid-decimal-literal";
    static final String UNEXPECTED_INDENT = "unexpected-indent";
    static final String EXPECTED_BLOCK = "expected-indented-block";
    static final String UNINDENT_MISMATCH = "unindent-mismatch";
    static final String F_STRING = "f-string";
    static final String COMPILE_TIME = "compile-time";
    static final String ENCODING = "encoding";
    static final String NULL_BYTES = "null-bytes";
    static final String OTHER = "other";

    Failure {
        category = category == null ? OTHER : category;
        message = message == null ? "" : message;
    }
}
