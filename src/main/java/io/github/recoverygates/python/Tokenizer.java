package io.github.recoverygates.python;

import io.github.recoverygates.python.Token.Kind;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The one Python tokenizer: CPython's tokens (names, numbers, strings with every prefix and triple
 * quotes, operators, comments, NEWLINE/NL, INDENT/DEDENT) in one pass, with line and column. Brackets
 * that do not match are taken as they come and noted; an indentation that matches no enclosing
 * level starts a new one and is an ERROR token; the {@link Dialect} says what a string that never
 * ends becomes. Line breaks are {@code \n}, {@code \r\n} or {@code \r}; a leading byte order mark is skipped.
 */
final class Tokenizer {

    /** The characters that are an operator on their own, and those that with '=' after them make one. */
    private static final boolean[] OPERATOR_1 = asciiSet("%&()*+,-./:;<=>@[]^{|}~");
    private static final boolean[] BEFORE_EQUALS = asciiSet("!%&*+-/:<=>@^|");

    /** The text's characters: what the tokenizer reads, one at a time (an array index is cheaper than {@code charAt}). */
    private final char[] text;
    private final int n;
    private final Dialect dialect;
    private final StringEnds strings;
    private final Sink sink;
    /** How many tokens went to the sink. */
    private int count;
    final List<PythonTokens.Problem> problems = new ArrayList<>();
    /** Indexes of STRING tokens read to the end of their line or file because they never close. */
    final BitSet unterminated = new BitSet();
    /** The indentation widths open, the outermost (0) first. */
    private int[] indents = new int[16];
    private int levels = 1;
    /** The brackets open, the outermost first. */
    private char[] brackets = new char[16];
    private int open;
    private boolean codeOnLine;
    private int line = 1;
    private int lineStart;

    /** Where the tokens go, in order, as they are read: a list, or a reader that keeps none of them. */
    @FunctionalInterface
    interface Sink {
        void token(Kind kind, int start, int end, int line, int col);

        /**
         * Whether the sink wants the tokens that follow; when it does not, the rest of the logical line
         * is only read for what decides where it ends and what follows it: strings, brackets, comments
         * and line breaks (the strings' tokens still come).
         */
        default boolean detailed() {
            return true;
        }
    }

    Tokenizer(String s, Dialect dialect, Sink sink) {
        this(s.toCharArray(), s.length(), dialect, sink);
    }

    /** A tokenizer of the first {@code n} characters of {@code text}, which it reads and does not change. */
    Tokenizer(char[] text, int n, Dialect dialect, Sink sink) {
        this.text = text;
        this.n = n;
        this.dialect = dialect;
        this.strings = new StringEnds(text, n);
        this.sink = sink;
    }

    Tokenizer run() {
        int i = n > 0 && text[0] == '\uFEFF' ? 1 : 0; // a byte order mark is no token; columns count after it
        lineStart = i;
        boolean atLineStart = true;
        while (i < n) {
            if (atLineStart && open == 0) {
                int j = skipBlanks(i);
                if (j >= n) {
                    break;
                }
                if (text[j] == '#' || newlineLength(j) > 0) {
                    i = blankLine(j);
                    continue;
                }
                indent(i, j);
                i = j;
                atLineStart = false;
            }
            char c = text[i];
            if (c == ' ' || c == '\t' || c == '\f') {
                i++;
            } else if (c == '\n' || c == '\r') {
                i = lineBreak(i);
                atLineStart = open == 0;
            } else if (c == '#') {
                int e = eol(i);
                emit(Kind.COMMENT, i, e);
                i = e;
            } else if (c == '\\' && newlineLength(i + 1) > 0) {
                i += 1 + newlineLength(i + 1);
                newLine(i);
            } else {
                codeOnLine = true;
                i = sink.detailed() ? token(i) : skipped(i);
            }
        }
        if (open > 0) {
            problem(n, "unclosed bracket at end of file");
        }
        if (codeOnLine) {
            emit(Kind.NEWLINE, n, n);
        }
        for (int k = levels - 1; k > 0; k--) {
            emit(Kind.DEDENT, n, n);
        }
        emit(Kind.END, n, n);
        return this;
    }

    int lastLine() {
        return line;
    }

    /** A line holding only blanks and maybe a comment, from its first non-blank at {@code j}: COMMENT and NL. */
    private int blankLine(int j) {
        int e = j;
        if (text[j] == '#') {
            e = eol(j);
            emit(Kind.COMMENT, j, e);
        }
        int nl = newlineLength(e);
        if (nl > 0) {
            emit(Kind.NL, e, e + nl);
            newLine(e + nl);
        }
        return e + nl;
    }

    /** A line break: NEWLINE after code outside brackets, else NL. */
    private int lineBreak(int i) {
        int nl = newlineLength(i);
        if (open > 0 && dialect.definitionsCloseBrackets() && strings.startsDefinition(i + nl)) {
            open = 0; // a broken call or literal does not swallow the next definition
        }
        emit(open == 0 && codeOnLine ? Kind.NEWLINE : Kind.NL, i, i + nl);
        newLine(i + nl);
        if (open == 0) {
            codeOnLine = false;
        }
        return i + nl;
    }

    private void indent(int from, int to) {
        int w = PythonTokens.width(text, from, to);
        int top = indents[levels - 1];
        if (w > top) {
            pushIndent(w);
            emit(Kind.INDENT, from, to);
            return;
        }
        while (w < indents[levels - 1]) {
            levels--;
            emit(Kind.DEDENT, to, to);
        }
        if (w > indents[levels - 1]) {
            pushIndent(w); // matches no enclosing level: CPython's "unindent does not match"
            emit(Kind.ERROR, from, to);
        }
    }

    private void pushIndent(int w) {
        if (levels == indents.length) {
            indents = java.util.Arrays.copyOf(indents, levels * 2);
        }
        indents[levels++] = w;
    }

    private int token(int i) {
        char c = text[i];
        boolean ascii = c < 128;
        int cp = ascii ? c : Character.codePointAt(text, i, n);
        if (ascii ? c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
                : Character.isLetter(cp) || Character.isUnicodeIdentifierStart(cp)) {
            int j = nameEnd(i + Character.charCount(cp));
            if (j < n && (text[j] == '"' || text[j] == '\'') && isPrefix(new String(text, i, j - i))) {
                return string(i, j);
            }
            emit(Kind.NAME, i, j);
            return j;
        }
        if (c == '"' || c == '\'') {
            return string(i, i);
        }
        if (isDigit(c) || c == '.' && i + 1 < n && isDigit(text[i + 1])) {
            int j = number(i);
            emit(Kind.NUMBER, i, j);
            return j;
        }
        int length = operatorLength(i);
        if (length > 0) {
            bracket(c, i);
            emit(Kind.OP, i, i + length);
            return i + length;
        }
        int j = i + Character.charCount(cp);
        emit(Kind.ERROR, i, j);
        return j;
    }

    /** Past code from {@code i} to a blank, line break, comment, backslash or quote (a string if one is at i); brackets count. */
    private int skipped(int i) {
        char c = text[i];
        if (c == '"' || c == '\'') {
            return string(i, i);
        }
        int j = i;
        do {
            if (c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}') {
                bracket(c, j);
            }
            j++;
        } while (j < n && plainCode(c = text[j]));
        return j;
    }

    private static boolean plainCode(char c) {
        return c != ' ' && c != '\t' && c != '\f' && c != '\n' && c != '\r' && c != '#' && c != '\\'
                && c != '"' && c != '\'';
    }

    /** Where a name's characters (letters, digits, '_' and the other Unicode identifier characters) end. */
    private int nameEnd(int from) {
        int j = from;
        while (j < n) {
            char c = text[j];
            if (c < 128) {
                if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                    return j;
                }
                j++;
                continue;
            }
            int cp = Character.codePointAt(text, j, n);
            if (!Character.isUnicodeIdentifierPart(cp) || Character.isIdentifierIgnorable(cp)) {
                return j;
            }
            j += Character.charCount(cp);
        }
        return j;
    }

    /** The length of the operator at {@code i} (the longest of CPython's), 0 if none starts there. */
    private int operatorLength(int i) {
        char c = text[i];
        char d = i + 1 < n ? text[i + 1] : 0;
        char e = i + 2 < n ? text[i + 2] : 0;
        boolean doubled = d == c && (c == '*' || c == '/' || c == '<' || c == '>');
        if (doubled && e == '=' || c == '.' && d == '.' && e == '.') {
            return 3; // **= //= <<= >>= ...
        }
        if (doubled || d == '=' && c < 128 && BEFORE_EQUALS[c] || c == '-' && d == '>') {
            return 2;
        }
        return c < 128 && OPERATOR_1[c] ? 1 : 0;
    }

    /** Opens or closes a bracket; a closer that matches nothing, or another opener, is noted and taken as it comes. */
    private void bracket(char c, int at) {
        if (c == '(' || c == '[' || c == '{') {
            if (open == brackets.length) {
                brackets = java.util.Arrays.copyOf(brackets, open * 2);
            }
            brackets[open++] = c;
        } else if (c == ')' || c == ']' || c == '}') {
            if (open == 0) {
                problem(at, "unmatched '" + c + "'");
                return;
            }
            char opener = brackets[--open];
            if (opener != (c == ')' ? '(' : c == ']' ? '[' : '{')) {
                problem(at, "closing parenthesis '" + c + "' does not match opening parenthesis '" + opener + "'");
            }
        }
    }

    private static boolean isPrefix(String p) {
        return switch (p.toLowerCase(java.util.Locale.ROOT)) {
            case "r", "u", "b", "f", "br", "rb", "fr", "rf" -> true;
            default -> false;
        };
    }

    private int number(int i) {
        int j = i;
        if (text[j] == '0' && j + 1 < n && "xXoObB".indexOf(text[j + 1]) >= 0) {
            j += 2;
            while (j < n && (Character.isLetterOrDigit(text[j]) || text[j] == '_')) {
                j++;
            }
            return j;
        }
        j = digits(j);
        if (j < n && text[j] == '.') {
            j = digits(j + 1);
        }
        if (j < n && (text[j] == 'e' || text[j] == 'E')) {
            int k = j + 1;
            if (k < n && (text[k] == '+' || text[k] == '-')) {
                k++;
            }
            if (k < n && isDigit(text[k])) {
                j = digits(k);
            }
        }
        if (j < n && (text[j] == 'j' || text[j] == 'J')) {
            j++;
        }
        return j;
    }

    private int digits(int from) {
        int j = from;
        while (j < n && (isDigit(text[j]) || text[j] == '_')) {
            j++;
        }
        return j;
    }

    /** A string literal from its prefix at {@code start}, its quote at {@code quote}. */
    private int string(int start, int quote) {
        boolean triple = strings.isTripleAt(quote);
        int end = dialect.nestedFStrings() ? strings.nestedEnd(quote) : strings.plainEnd(quote, triple);
        if (end >= 0 && triple && dialect.suspectSwallowed() && strings.swallowsCode(quote, end)) {
            end = -1;
        }
        if (end < 0) {
            problem(start, triple ? "unterminated triple-quoted string literal" : "unterminated string literal");
            if (!(triple ? dialect.tripleToEnd() : dialect.singleToLineEnd())) {
                int quotes = quote + (triple ? 3 : 1);
                emit(Kind.ERROR, start, quotes);
                return quotes;
            }
            end = triple ? n : strings.stop;
            unterminated.set(count);
        }
        emit(Kind.STRING, start, end);
        return end;
    }

    /** An ASCII digit: the only digits a Python number is made of. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean[] asciiSet(String chars) {
        boolean[] set = new boolean[128];
        for (char c : chars.toCharArray()) {
            set[c] = true;
        }
        return set;
    }

    private int skipBlanks(int from) {
        int j = from;
        while (j < n && (text[j] == ' ' || text[j] == '\t' || text[j] == '\f')) {
            j++;
        }
        return j;
    }

    private int eol(int i) {
        int e = i;
        while (e < n && text[e] != '\n' && text[e] != '\r') {
            e++;
        }
        return e;
    }

    private int newlineLength(int i) {
        return strings.newlineLength(i);
    }

    private void emit(Kind kind, int start, int end) {
        sink.token(kind, start, end, line, start - lineStart + 1);
        count++;
        if (kind == Kind.STRING) {
            countLines(start, end);
        }
    }

    private void newLine(int next) {
        line++;
        lineStart = next;
    }

    private void countLines(int from, int to) {
        for (int k = from; k < to; k++) {
            char c = text[k];
            if (c == '\n' || c == '\r' && (k + 1 >= n || text[k + 1] != '\n')) {
                newLine(k + 1);
            }
        }
    }

    private void problem(int offset, String message) {
        problems.add(new PythonTokens.Problem(offset, line, message));
    }
}
