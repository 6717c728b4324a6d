package io.github.recoverygates.python;

import io.github.recoverygates.python.Token.Kind;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Whether CPython 3.11's code generator could raise an error for a module, judged from its tokens.
 *
 * <p>{@code compile(source, path, "exec")} parses, checks {@code __future__} imports, folds constants,
 * builds the symbol table and then generates code. Everything before code generation is also done by
 * {@code _symtable.symtable(source, path, "exec")}, at about 70 % of the cost; only the code generator's
 * own errors (the strings {@code compile.c} of CPython 3.11 raises) are missing there:
 * {@code 'return'}, {@code 'yield'} or {@code 'await'} outside a function, {@code 'await'} or
 * {@code async for/with} or an asynchronous comprehension outside an {@code async def}, {@code 'yield from'}
 * or a returned value in an async generator, {@code 'break'}/{@code 'continue'} outside a loop, a bare
 * {@code except:} before another handler, anything about {@code except*}, starred expressions where none
 * may stand, assigning or deleting {@code __debug__}, a repeated keyword argument, a late
 * {@code from __future__} import, every {@code match} statement error and "too many statically nested
 * blocks". (Its other strings are warnings, internal errors of malformed trees, or limits no source file
 * reaches: 2<sup>31</sup> constants, a name too long to mangle.)
 *
 * <p>{@link #possible} says false only when none of those can happen: every such construct is either
 * absent or where it is allowed, and the module is plain enough that no pass runs out of recursion
 * depth where another would not. Whenever it is unsure it says true, and the file is compiled in full.
 * A file whose tokens the tokenizer finds anything wrong with is always "possible".
 */
public final class CodegenErrors {

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    /** The characters of the file read last: one buffer for every file a thread reads. */
    private CharBuffer chars = CharBuffer.allocate(1 << 16);

    /** A reader for one thread at a time (it keeps its buffer between files). */
    public CodegenErrors() {
    }

    /**
     * Whether compiling a file with these bytes could fail in code generation (true when unsure). A
     * file that is not strict UTF-8, or that says "coding" in its first two lines (a declared encoding,
     * which this reader does not decode as CPython would), is always "possible".
     */
    public boolean possible(byte[] bytes) {
        if (chars.capacity() < bytes.length) {
            chars = CharBuffer.allocate(Math.max(bytes.length, chars.capacity() * 2));
        }
        chars.clear();
        decoder.reset();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (decoder.decode(in, chars, true).isError() || decoder.flush(chars).isError() || in.hasRemaining()) {
            return true;
        }
        int n = chars.position();
        return namesEncoding(chars.array(), n) || possible(chars.array(), n);
    }

    /** Whether compiling {@code source} could fail in code generation (true when unsure). */
    public static boolean possible(String source) {
        return possible(source.toCharArray(), source.length());
    }

    private static boolean possible(char[] text, int n) {
        Reader reader = new Reader(text, n);
        Tokenizer t = new Tokenizer(text, n, Dialect.CPYTHON, reader).run();
        return reader.possible || !t.problems.isEmpty() || !t.unterminated.isEmpty();
    }

    /** Whether the first two lines say "coding" anywhere: a declared encoding, maybe not UTF-8. */
    private static boolean namesEncoding(char[] text, int n) {
        int lines = 0;
        for (int i = 0; i < n && lines < 2; i++) {
            char c = text[i];
            if (c == '\n') {
                lines++;
            } else if (c == 'c' && i + 6 <= n && text[i + 1] == 'o' && text[i + 2] == 'd' && text[i + 3] == 'i'
                    && text[i + 4] == 'n' && text[i + 5] == 'g') {
                return true;
            }
        }
        return false;
    }

    /** Scope kinds, innermost first: what a {@code return}, {@code yield} or {@code await} may stand in. */
    private static final int MODULE = 0;
    private static final int DEF = 1;
    private static final int ASYNC_DEF = 2;
    private static final int CLASS = 3;

    /** What a compound statement's header opens. */
    private enum Block { NONE, DEF, ASYNC_DEF, CLASS, LOOP, OTHER }

    /** CO_MAXBLOCKS: the code generator's limit of nested blocks in one function. */
    private static final int MAX_BLOCKS = 20;
    /** More operators than this in one logical line, and its tree may be deep enough to exhaust a pass's recursion limit. */
    private static final int MAX_OPERATORS = 800;
    /** A longer elif chain nests that many statements. */
    private static final int MAX_ELIFS = 200;
    /** CPython's limits: 100 levels of indentation, 200 open brackets. */
    private static final int MAX_DEPTH = 201;

    private static final class Reader implements Tokenizer.Sink {
        private final char[] t;
        private final int n;
        boolean possible;

        // the indented blocks open here: the innermost scope, whether a loop is open inside it, the
        // code generator's blocks counted since that scope, and per level a bare 'except:' seen and the elif run
        private final int[] scope = new int[MAX_DEPTH];
        private final boolean[] loop = new boolean[MAX_DEPTH];
        private final int[] blocks = new int[MAX_DEPTH];
        private final boolean[] bareExcept = new boolean[MAX_DEPTH];
        private final int[] elifs = new int[MAX_DEPTH];
        private int depth;
        private Block pending = Block.NONE;

        // the logical line being read
        private int tokens;
        private Block header = Block.NONE;
        private int headerWeight;
        private boolean afterColon;
        private int headerScope;
        private boolean headerLoop;
        private boolean lambdaSeen;
        private boolean firstIsMatch;
        private boolean firstIsExcept;
        private boolean firstIsFrom;
        private boolean firstIsAsync;
        private boolean docstringLine;
        private boolean lastWasColon;
        private int operators;
        private int firstStart = -1;
        private int withCommas;
        private boolean isWith;

        // the previous token: whether an operand ends there, and what it was
        private boolean prevOperand;
        private char prevOp;
        private boolean prevImport;
        private boolean prevAsync;
        /** Start and end of a name just after '(' or ',' in a call: a keyword argument if '=' follows. */
        private int kwStart = -1;
        private int kwEnd;

        // the brackets open on the logical line: which, whether a '(' is a call's, and its keyword arguments
        private final char[] brackets = new char[MAX_DEPTH];
        private final boolean[] call = new boolean[MAX_DEPTH];
        /** Each open bracket's number on the line, and the keyword arguments seen: the bracket they are in, where they are. */
        private final int[] bracketId = new int[MAX_DEPTH];
        private int bracketsOpened;
        private int[] argumentIn = new int[16];
        private int[] argumentStart = new int[16];
        private int[] argumentEnd = new int[16];
        private int arguments;
        private int open;

        /** Still in the prefix of the module where {@code from __future__} imports may stand. */
        private boolean futurePrefix = true;
        private boolean firstLine = true;

        Reader(char[] t, int n) {
            this.t = t;
            this.n = n;
        }

        @Override
        public void token(Kind kind, int start, int end, int line, int col) {
            if (possible) {
                return;
            }
            switch (kind) {
                case NAME -> name(start, end);
                case NUMBER -> {
                    startOfLine(start);
                    kwStart = -1;
                    operand();
                }
                case STRING -> string(start, end);
                case OP -> op(start, end);
                case NEWLINE -> endOfLine();
                case INDENT -> indent();
                case DEDENT -> depth = Math.max(0, depth - 1);
                case ERROR -> possible = true;
                default -> {
                }
            }
        }

        private void startOfLine(int start) {
            if (tokens++ > 0) {
                return;
            }
            firstStart = start;
            if (!startsWithExcept(start)) {
                bareExcept[depth] = false;
            }
        }

        private boolean startsWithExcept(int start) {
            return start >= 0 && starts("except", start)
                    && (start + 6 >= n || !Character.isUnicodeIdentifierPart(t[start + 6]));
        }

        private void name(int start, int end) {
            boolean first = tokens == 0;
            startOfLine(start);
            kwCandidate(start, end);
            String keyword = keyword(start, end);
            lastWasColon = false;
            if (keyword == null) {
                if (end - start == 9 && starts("__debug__", start)) {
                    possible = true;
                } else if (end - start == 10 && starts("__future__", start)) {
                    possible |= !(futurePrefix && firstIsFrom && tokens == 2);
                } else if (first && (starts("match", start) && end - start == 5 || starts("case", start) && end - start == 4)) {
                    firstIsMatch = true;
                }
                operand();
                return;
            }
            if (prevAsync && !keyword.equals("def")) {
                possible |= scopeHere() != ASYNC_DEF || lambdaSeen; // async for / async with, here or in a comprehension
            }
            prevAsync = keyword.equals("async");
            prevOperand = keyword.equals("None") || keyword.equals("True") || keyword.equals("False");
            prevImport = keyword.equals("import");
            prevOp = 0;
            if (!prevOperand) {
                operators++;
            }
            if (first) {
                firstKeyword(keyword);
            } else if (tokens == 2 && header == Block.NONE && firstIsAsync) {
                switch (keyword) {
                    case "def" -> header(Block.ASYNC_DEF, 0);
                    case "for" -> header(Block.LOOP, 1);
                    case "with" -> {
                        header(Block.OTHER, 1);
                        isWith = true;
                    }
                    default -> {
                    }
                }
            }
            switch (keyword) {
                case "lambda" -> {
                    lambdaSeen = true;
                    possible |= header != Block.NONE && !afterColon && open == 0;
                }
                case "return" -> possible |= scopeHere() != DEF && scopeHere() != ASYNC_DEF;
                case "yield" -> possible |= scopeHere() != DEF;
                case "await" -> possible |= scopeHere() != ASYNC_DEF || lambdaSeen;
                case "break", "continue" -> possible |= !loopHere();
                default -> {
                }
            }
        }

        private void firstKeyword(String keyword) {
            firstIsFrom = keyword.equals("from");
            firstIsAsync = keyword.equals("async");
            firstIsExcept = keyword.equals("except");
            switch (keyword) {
                case "def" -> header(Block.DEF, 0);
                case "class" -> header(Block.CLASS, 0);
                case "for", "while" -> header(Block.LOOP, 1);
                case "with" -> {
                    header(Block.OTHER, 1);
                    isWith = true;
                }
                case "try" -> header(Block.OTHER, 2);
                case "except" -> {
                    possible |= bareExcept[depth];
                    header(Block.OTHER, 3);
                }
                case "finally" -> header(Block.OTHER, 1);
                case "else" -> header(Block.OTHER, 1);
                case "if" -> header(Block.OTHER, 0);
                case "elif" -> {
                    header(Block.OTHER, 0);
                    possible |= ++elifs[depth] > MAX_ELIFS;
                }
                default -> {
                }
            }
            if (!keyword.equals("elif")) {
                elifs[depth] = 0;
            }
        }

        private void header(Block block, int weight) {
            header = block;
            headerWeight = weight;
        }

        /** The scope the current token is in: the header's own after its colon, else the enclosing one. */
        private int scopeHere() {
            if (afterColon) {
                return headerScope;
            }
            return depth == 0 ? MODULE : scope[depth];
        }

        private boolean loopHere() {
            if (afterColon) {
                return headerLoop;
            }
            return depth > 0 && loop[depth];
        }

        private void operand() {
            prevAsync = false;
            prevOperand = true;
            prevImport = false;
            prevOp = 0;
            lastWasColon = false;
        }

        private void string(int start, int end) {
            boolean first = tokens == 0;
            startOfLine(start);
            kwStart = -1;
            docstringLine = first && firstLine && plainStringPrefix(start);
            if (fPrefix(start)) {
                possible |= riskyReplacementField(start, end);
            }
            operand();
        }

        private boolean plainStringPrefix(int start) {
            for (int i = start; t[i] != '"' && t[i] != '\''; i++) {
                char c = t[i];
                if (c == 'b' || c == 'B' || c == 'f' || c == 'F') {
                    return false;
                }
            }
            return true;
        }

        private boolean fPrefix(int start) {
            for (int i = start; t[i] != '"' && t[i] != '\''; i++) {
                char c = t[i];
                if (c == 'f' || c == 'F') {
                    return true;
                }
            }
            return false;
        }

        /**
         * In 3.11 an f-string is one token whose replacement fields are parsed later: one that holds
         * a star, a call with '=' in it, or any of the words these rules follow is compiled in full.
         */
        private boolean riskyReplacementField(int start, int end) {
            int i = start;
            while (i < end) {
                char c = t[i];
                if (c == '{' && i + 1 < end && t[i + 1] == '{') {
                    i += 2;
                    continue;
                }
                if (c == '{') {
                    int close = i + 1;
                    int nesting = 1;
                    boolean paren = false;
                    boolean equals = false;
                    for (; close < end && nesting > 0; close++) {
                        char d = t[close];
                        if (d == '{') {
                            nesting++;
                        } else if (d == '}') {
                            nesting--;
                        } else if (d == '*') {
                            return true;
                        } else if (d == '(') {
                            paren = true;
                        } else if (d == '=') {
                            equals = true;
                        }
                    }
                    if (paren && equals || contains(i, close, "await") || contains(i, close, "yield")
                            || contains(i, close, "async") || contains(i, close, "lambda")
                            || contains(i, close, "__debug__") || contains(i, close, "__future__")) {
                        return true;
                    }
                    i = close;
                    continue;
                }
                i++;
            }
            return false;
        }

        private void op(int start, int end) {
            startOfLine(start);
            char c = t[start];
            int length = end - start;
            boolean single = length == 1;
            if (single && c == '=' && kwStart >= 0) {
                keywordArgument(kwStart, kwEnd);
            }
            kwStart = -1;
            if (single && c == '*' && !prevOperand && !unaryStarAllowed()) {
                possible = true;
            }
            if (single && (c == '(' || c == '[' || c == '{')) {
                if (open == MAX_DEPTH) {
                    possible = true;
                    return;
                }
                call[open] = c == '(' && prevOperand;
                bracketId[open] = ++bracketsOpened;
                brackets[open++] = c;
            } else if (single && (c == ')' || c == ']' || c == '}')) {
                if (open > 0) {
                    int closed = bracketId[--open];
                    while (arguments > 0 && argumentIn[arguments - 1] == closed) {
                        arguments--;
                    }
                }
            } else if (single && c == ':' && open == 0 && header != Block.NONE && !afterColon) {
                colon();
            } else if (single && c == ',' && isWith && !afterColon) {
                withCommas++;
            } else if (!(single && (c == ',' || c == ';' || c == ':'))) {
                operators++;
            }
            possible |= operators > MAX_OPERATORS;
            if (single && c == ':' && firstIsExcept && tokens == 2) {
                bareExcept[depth] = true; // a bare 'except:'
            }
            lastWasColon = single && c == ':';
            prevOperand = (c == ')' || c == ']' || c == '}') && single || length == 3 && c == '.';
            prevOp = single ? c : 0;
            prevImport = false;
            prevAsync = false;
        }

        /** A star where the code generator never refuses one: in a call's or definition's arguments, a set, or {@code import *}. */
        private boolean unaryStarAllowed() {
            if (prevImport) {
                return true;
            }
            if (open == 0 || prevOp != '(' && prevOp != ',' && prevOp != '{') {
                return false;
            }
            char innermost = brackets[open - 1];
            return innermost == '(' && call[open - 1] && prevOp != '{' || innermost == '{' && prevOp != '(';
        }

        private void kwCandidate(int start, int end) {
            if (open > 0 && brackets[open - 1] == '(' && (prevOp == '(' || prevOp == ',')) {
                kwStart = start;
                kwEnd = end;
            } else {
                kwStart = -1;
            }
        }

        /** A keyword argument in the innermost bracket: a second one of the same name is "keyword argument repeated". */
        private void keywordArgument(int start, int end) {
            int in = bracketId[open - 1];
            for (int k = arguments - 1; k >= 0 && argumentIn[k] == in; k--) {
                if (argumentEnd[k] - argumentStart[k] == end - start
                        && java.util.Arrays.equals(t, start, end, t, argumentStart[k], argumentEnd[k])) {
                    possible = true;
                }
            }
            if (arguments == argumentIn.length) {
                argumentIn = java.util.Arrays.copyOf(argumentIn, arguments * 2);
                argumentStart = java.util.Arrays.copyOf(argumentStart, arguments * 2);
                argumentEnd = java.util.Arrays.copyOf(argumentEnd, arguments * 2);
            }
            argumentIn[arguments] = in;
            argumentStart[arguments] = start;
            argumentEnd[arguments++] = end;
        }

        /** The header's colon: what follows on the line is in the block the header opens. */
        private void colon() {
            int weight = isWith ? withCommas + 1 : headerWeight;
            int enclosing = depth == 0 ? 0 : blocks[depth];
            boolean scopeOpens = header == Block.DEF || header == Block.ASYNC_DEF || header == Block.CLASS;
            possible |= !scopeOpens && enclosing + weight > MAX_BLOCKS - 1;
            afterColon = true;
            headerScope = switch (header) {
                case DEF -> DEF;
                case ASYNC_DEF -> ASYNC_DEF;
                case CLASS -> CLASS;
                default -> depth == 0 ? MODULE : scope[depth];
            };
            headerLoop = header == Block.LOOP || !scopeOpens && depth > 0 && loop[depth];
            blocksAfterColon = scopeOpens ? 0 : enclosing + weight;
        }

        private int blocksAfterColon;

        private void endOfLine() {
            possible |= firstIsMatch && lastWasColon; // a match statement (or a case block)
            boolean futureLine = firstIsFrom && futurePrefix;
            if (!(futureLine || docstringLine && tokens == 1)) {
                futurePrefix = false;
            }
            pending = header != Block.NONE && afterColon && lastWasColon ? header : Block.NONE;
            pendingScope = headerScope;
            pendingLoop = headerLoop;
            pendingBlocks = blocksAfterColon;
            tokens = 0;
            header = Block.NONE;
            afterColon = false;
            lambdaSeen = false;
            firstIsMatch = false;
            firstIsExcept = false;
            firstIsFrom = false;
            firstIsAsync = false;
            docstringLine = false;
            lastWasColon = false;
            operators = 0;
            withCommas = 0;
            isWith = false;
            open = 0;
            arguments = 0;
            kwStart = -1;
            prevOperand = false;
            prevOp = 0;
            prevImport = false;
            firstLine = false;
        }

        private int pendingScope;
        private boolean pendingLoop;
        private int pendingBlocks;

        private void indent() {
            if (pending == Block.NONE || depth + 1 == MAX_DEPTH) {
                possible = true; // an indented block no header opened: the file does not parse, or this reader is lost
                return;
            }
            depth++;
            scope[depth] = pendingScope;
            loop[depth] = pendingLoop;
            blocks[depth] = pendingBlocks;
            bareExcept[depth] = false;
            elifs[depth] = 0;
            pending = Block.NONE;
        }

        /** Whether {@code word} is at {@code start}. */
        private boolean starts(String word, int start) {
            if (start < 0 || start + word.length() > n) {
                return false;
            }
            for (int k = 0; k < word.length(); k++) {
                if (t[start + k] != word.charAt(k)) {
                    return false;
                }
            }
            return true;
        }

        /** Whether {@code word} is somewhere in {@code [from, to)}. */
        private boolean contains(int from, int to, String word) {
            for (int i = from; i + word.length() <= to; i++) {
                if (t[i] == word.charAt(0) && starts(word, i)) {
                    return true;
                }
            }
            return false;
        }

        /** The keyword a name token is (the constant of {@link #KEYWORDS}), or null: no string is made. */
        private String keyword(int start, int end) {
            int length = end - start;
            char c = t[start];
            if (length < 2 || length > 8 || c >= 128) {
                return null;
            }
            String[] candidates = KEYWORDS[c];
            if (candidates != null) {
                for (String k : candidates) {
                    if (k.length() == length && starts(k, start)) {
                        return k;
                    }
                }
            }
            return null;
        }
    }

    /** Python's keywords by their first character. */
    private static final String[][] KEYWORDS = new String[128][];

    static {
        String[] all = {"False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
            "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
            "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield"};
        for (String k : all) {
            String[] old = KEYWORDS[k.charAt(0)];
            String[] grown = old == null ? new String[1] : java.util.Arrays.copyOf(old, old.length + 1);
            grown[grown.length - 1] = k;
            KEYWORDS[k.charAt(0)] = grown;
        }
    }
}
