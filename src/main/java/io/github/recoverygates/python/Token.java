package io.github.recoverygates.python;

/**
 * One token of Python source: its kind, where it is in the text ({@code end} exclusive) and the
 * 1-based line and column (in UTF-16 units) of its first character.
 */
public record Token(Kind kind, int start, int end, int line, int col) {

    /** CPython's token kinds as far as a reader needs them; ERROR is a character or quote no token can start with. */
    public enum Kind { NAME, NUMBER, STRING, OP, COMMENT, NEWLINE, NL, INDENT, DEDENT, ERROR, END }

    public String text(String source) {
        return source.substring(start, end);
    }

    /** A token that is code (not a comment, line break, indentation or the end). */
    public boolean code() {
        return code(kind);
    }

    /** Whether tokens of this kind are code (not comments, line breaks, indentation or the end). */
    public static boolean code(Kind kind) {
        return switch (kind) {
            case NAME, NUMBER, STRING, OP, ERROR -> true;
            default -> false;
        };
    }
}
