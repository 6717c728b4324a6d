package io.github.recoverygates.python;

import io.github.recoverygates.python.Token.Kind;
import java.util.ArrayList;
import java.util.Arrays;
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

    private PythonTokens(String source, List<Token> tokens, Tokenizer t) {
        this.source = source;
        this.tokens = java.util.Collections.unmodifiableList(tokens);
        this.problems = List.copyOf(t.problems);
        this.unterminated = t.unterminated;
        this.lastLine = t.lastLine();
    }

    public static PythonTokens of(String source, Dialect dialect) {
        List<Token> tokens = new ArrayList<>();
        Tokenizer t = new Tokenizer(source, dialect,
                (kind, start, end, line, col) -> tokens.add(new Token(kind, start, end, line, col))).run();
        return new PythonTokens(source, tokens, t);
    }

    /**
     * Reads the logical lines of a text one by one, as the tokenizer reaches them, without keeping its
     * tokens: for a reader that needs few lines' text. The lines and their text are those of
     * {@link #logicalLines()} and {@link #codeText}.
     */
    public static void eachLogicalLine(String source, Dialect dialect, LineReader reader) {
        new Tokenizer(source, dialect, new Splitter(source, reader)).run();
    }

    /** What {@link #eachLogicalLine} hands the logical lines to. */
    public interface LineReader {
        /** Whether the line that starts with this token is wanted: the tokens of a line not wanted are not kept. */
        boolean wants(int line, int indent, Kind firstKind, char firstChar);

        /** A wanted line, valid during this call only. */
        void read(Line line);
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
        return quoteAt(source, t.start(), t.end());
    }

    /** Whether a STRING or ERROR token is (or opens) a triple-quoted string. */
    public boolean triple(Token t) {
        return triple(source, t.start(), t.end());
    }

    /** Where the quote of the string token from {@code start} to {@code end} starts (after its prefix), or -1. */
    public static int quoteAt(String source, int start, int end) {
        for (int i = start; i < end; i++) {
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

    /** Whether the string token from {@code start} to {@code end} is (or opens) a triple-quoted string. */
    public static boolean triple(String source, int start, int end) {
        int q = quoteAt(source, start, end);
        return q >= 0 && q + 3 <= end && StringEnds.isTripleAt(source, q);
    }

    /** The logical lines, each from its first code token (an ERROR token of indentation does not start one). */
    public List<LogicalLine> logicalLines() {
        List<LogicalLine> out = new ArrayList<>();
        Splitter splitter = new Splitter(source, new LineReader() {
            @Override
            public boolean wants(int line, int indent, Kind firstKind, char firstChar) {
                return true;
            }

            @Override
            public void read(Line l) {
                out.add(new LogicalLine(l.line, l.indent, tokens.subList(l.first, l.end)));
            }
        });
        for (Token t : tokens) {
            splitter.token(t.kind(), t.start(), t.end(), t.line(), t.col());
        }
        return out;
    }

    /**
     * One logical line while a reader of {@link #eachLogicalLine} looks at it: its first line, its
     * indentation, the kind and place of each of its tokens and, made only when asked, its text.
     */
    public static final class Line {
        private final String source;
        private int line;
        private int indent;
        /** The index of its first token among the text's tokens, and one past its last. */
        private int first;
        private int end;
        private int size;
        private Kind[] kinds = new Kind[64];
        private int[] values = new int[64 * 2];

        private Line(String source) {
            this.source = source;
        }

        public int line() {
            return line;
        }

        public int indent() {
            return indent;
        }

        /** How many tokens it has (comments and line breaks inside brackets included). */
        public int size() {
            return size;
        }

        public Kind kind(int k) {
            return kinds[k];
        }

        public int start(int k) {
            return values[2 * k];
        }

        public int end(int k) {
            return values[2 * k + 1];
        }

        /**
         * Its text with every string literal as {@code ""} (its prefix kept), comments dropped, line
         * breaks inside brackets and backslash continuations as one space, stripped; an opening quote
         * that never closed (an ERROR token) leaves only its prefix.
         */
        public String codeText() {
            StringBuilder text = new StringBuilder();
            int pos = size == 0 ? 0 : start(0);
            for (int k = 0; k < size; k++) {
                int start = start(k);
                int end = end(k);
                appendGap(source, text, pos, start);
                switch (kinds[k]) {
                    case COMMENT -> {
                    }
                    case NL -> text.append(' ');
                    case STRING -> text.append(source, start, quoteAt(source, start, end)).append("\"\"");
                    case ERROR -> {
                        int q = quoteAt(source, start, end);
                        text.append(source, start, q < 0 ? end : q);
                    }
                    default -> text.append(source, start, end);
                }
                pos = end;
            }
            return text.toString().strip();
        }

        private void add(Kind kind, int start, int end) {
            if (size == kinds.length) {
                kinds = Arrays.copyOf(kinds, size * 2);
                values = Arrays.copyOf(values, size * 4);
            }
            kinds[size] = kind;
            values[2 * size] = start;
            values[2 * size + 1] = end;
            size++;
        }
    }

    /** Cuts the token stream into logical lines: from a line's first code token to its NEWLINE or the end. */
    private static final class Splitter implements Tokenizer.Sink {
        private final String source;
        private final Line current;
        private final LineReader reader;
        private boolean open;
        /** Whether the open line is wanted (its tokens are kept). */
        private boolean wanted;
        private int index;

        Splitter(String source, LineReader reader) {
            this.source = source;
            this.current = new Line(source);
            this.reader = reader;
        }

        @Override
        public void token(Kind kind, int start, int end, int line, int col) {
            if (!open) {
                if (Token.code(kind) && !(kind == Kind.ERROR && source.substring(start, end).isBlank())) {
                    open = true;
                    int indent = width(source, start - (col - 1), start);
                    wanted = reader.wants(line, indent, kind, source.charAt(start));
                    if (wanted) {
                        current.line = line;
                        current.indent = indent;
                        current.first = index;
                        current.size = 0;
                        current.add(kind, start, end);
                    }
                }
            } else if (kind == Kind.NEWLINE || kind == Kind.END) {
                open = false;
                if (wanted) {
                    current.end = index;
                    reader.read(current);
                }
            } else if (wanted) {
                current.add(kind, start, end);
            }
            index++;
        }

        @Override
        public boolean detailed() {
            return !open || wanted;
        }
    }

    /** The text of a logical line, as {@link Line#codeText()} gives it. */
    public String codeText(LogicalLine line) {
        Line view = new Line(source);
        for (Token t : line.tokens()) {
            view.add(t.kind(), t.start(), t.end());
        }
        return view.codeText();
    }

    /** Blanks between two tokens as they are; a backslash continuation (the only other thing there) as one space. */
    private static void appendGap(String source, StringBuilder text, int from, int to) {
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
            w = widen(w, s.charAt(i));
        }
        return w;
    }

    /** The same of a char array's range. */
    static int width(char[] s, int from, int to) {
        int w = 0;
        for (int i = from; i < to; i++) {
            w = widen(w, s[i]);
        }
        return w;
    }

    /** The width after one more blank: a tab to the next multiple of 8, a form feed back to 0, else one column. */
    private static int widen(int w, char c) {
        return c == '\t' ? (w / 8 + 1) * 8 : c == '\f' ? 0 : w + 1;
    }
}
