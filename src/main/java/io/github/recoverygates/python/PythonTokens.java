package io.github.recoverygates.python;

import io.github.recoverygates.python.Token.Kind;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The tokens of one Python source text, read once by the one tokenizer, and its logical lines:
 * what ssot's statement reader, test collection's module outline and repair's token edits all
 * read Python through.
 */
public final class PythonTokens {

    /** Something CPython's tokenizer refuses, at an offset of the text (its 1-based line). */
    public record Problem(int offset, int line, String message) {
    }

    /**
     * One logical line: the tokens from its first code token up to its NEWLINE (comments and NL
     * tokens inside brackets included), its first line and its indentation width.
     */
    public record LogicalLine(int line, int indent, List<Token> tokens) {
    }

    private final String source;
    private final List<Token> tokens;
    private final List<Problem> problems;
    private final BitSet unterminated;
    private final int lastLine;

    private PythonTokens(String source, Tokenizer t) {
        this.source = source;
        this.tokens = List.copyOf(t.out);
        this.problems = List.copyOf(t.problems);
        this.unterminated = t.unterminated;
        this.lastLine = t.lastLine();
    }

    public static PythonTokens of(String source, Dialect dialect) {
        return new PythonTokens(source, new Tokenizer(source, dialect).run());
    }

    public String source() {
        return source;
    }

    public List<Token> all() {
        return tokens;
    }

    public String text(Token t) {
        return t.text(source);
    }

    /** In source order: unterminated strings, brackets that match nothing, a bracket open at the end. */
    public List<Problem> problems() {
        return problems;
    }

    /** The number of the line the text ends on (one past the last line break). */
    public int lastLine() {
        return lastLine;
    }

    /** Whether the token at {@code index} is a STRING read to its line's or the file's end because it never closes. */
    public boolean unterminated(int index) {
        return unterminated.get(index);
    }

    /** Where the quote of a STRING or quote ERROR token starts (after its prefix), or -1. */
    public int quoteAt(Token t) {
        for (int i = t.start(); i < t.end(); i++) {
            char c = source.charAt(i);
            if (c == '"' || c == '\'') {
                return i;
            }
            if (!Character.isLetter(c)) {
                return -1;
            }
        }
        return -1;
    }

    /** Whether a STRING or ERROR token is (or opens) a triple-quoted string. */
    public boolean triple(Token t) {
        int q = quoteAt(t);
        return q >= 0 && q + 3 <= t.end() && StringEnds.isTripleAt(source, q);
    }

    /** The logical lines, each from its first code token (an ERROR token of indentation does not start one). */
    public List<LogicalLine> logicalLines() {
        List<LogicalLine> out = new ArrayList<>();
        int first = -1;
        for (int k = 0; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (first < 0) {
                if (t.code() && !(t.kind() == Kind.ERROR && source.substring(t.start(), t.end()).isBlank())) {
                    first = k;
                }
            } else if (t.kind() == Kind.NEWLINE || t.kind() == Kind.END) {
                Token head = tokens.get(first);
                int lineStart = head.start() - (head.col() - 1);
                out.add(new LogicalLine(head.line(), width(source, lineStart, head.start()), tokens.subList(first, k)));
                first = -1;
            }
        }
        return out;
    }

    /**
     * The text of a logical line with every string literal as {@code ""} (its prefix kept), comments
     * dropped, line breaks inside brackets and backslash continuations as one space, stripped; an
     * opening quote that never closed (an ERROR token) leaves only its prefix.
     */
    public String codeText(LogicalLine line) {
        StringBuilder text = new StringBuilder();
        int pos = line.tokens().isEmpty() ? 0 : line.tokens().get(0).start();
        for (Token t : line.tokens()) {
            appendGap(text, pos, t.start());
            switch (t.kind()) {
                case COMMENT -> {
                }
                case NL -> text.append(' ');
                case STRING -> text.append(source, t.start(), quoteAt(t)).append("\"\"");
                case ERROR -> text.append(source, t.start(), quoteAt(t) < 0 ? t.end() : quoteAt(t));
                default -> text.append(source, t.start(), t.end());
            }
            pos = t.end();
        }
        return text.toString().strip();
    }

    /** Blanks between two tokens as they are; a backslash continuation (the only other thing there) as one space. */
    private void appendGap(StringBuilder text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = source.charAt(i);
            if (c == '\\') {
                text.append(' ');
                i += i + 2 < to && source.charAt(i + 1) == '\r' && source.charAt(i + 2) == '\n' ? 2 : 1;
            } else {
                text.append(c);
            }
        }
    }

    /** CPython's indentation width: a tab to the next multiple of 8, a form feed back to 0, anything else 1. */
    public static int width(CharSequence s, int from, int to) {
        int w = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            w = c == '\t' ? (w / 8 + 1) * 8 : c == '\f' ? 0 : w + 1;
        }
        return w;
    }
}
