package io.github.recoverygates.repair;

import io.github.recoverygates.syntax.PythonCategory;

import io.github.recoverygates.repair.PyTokens.Kind;
import io.github.recoverygates.repair.PyTokens.Tok;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Brackets, from the bracket stack: an opener that is never closed gets its closer where the
 * bracketed expression ends (the end of the statement, before a header's colon, before the
 * {@code in} of a {@code for} target, before an assignment), a closer that does not match is
 * replaced or preceded by the missing one, a closer that matches nothing is deleted. And the
 * damage of an earlier regex repair: a closing quote moved past the bracket ({@code print("= * 70)"}
 * for {@code print("=" * 70)}), undone by putting the quote back where the string evidently ended.
 *
 * <p>Ranks: 0 a moved quote put back before code that the string swallowed, 1 a moved quote put back
 * just before the bracket, 2 a closer where an expression ends (the end of the statement, before an
 * operator, a comparison, an assignment, the {@code in} of a {@code for}) or a replaced closer, 3 a
 * closer anywhere else inside the expression, 4 deleting an opener. Two places where an expression
 * ends are equally good: the file is left to a human.
 */
final class BracketFixes implements Fixer {

    private static final Set<String> COMPOUND = Set.of("if", "elif", "while", "for", "with", "def", "class", "except",
            "async", "else", "try", "finally", "match", "case");
    private static final Set<String> ASSIGNMENTS = Set.of("=", "+=", "-=", "*=", "/=", "//=", "%=", "**=", ">>=", "<<=",
            "&=", "|=", "^=", "@=");
    /** Binary operators: an expression may end before one as well as at the end of the statement. */
    private static final Set<String> OPERATORS = Set.of("==", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "//", "%",
            "**", "@", "&", "|", "^", "<<", ">>");
    private static final Set<String> WORD_OPERATORS = Set.of("in", "not", "is", "and", "or", "if", "else", "for");

    @Override
    public List<Candidate> propose(Broken b) {
        if (b.failure.category().equals(PythonCategory.OTHER)) {
            return unclosedOnErrorLine(b);
        }
        if (!b.failure.category().equals(PythonCategory.UNMATCHED_BRACKET)) {
            return List.of();
        }
        String msg = b.failure.message();
        int at = b.errorOffset();
        int index = tokenAt(b, at);
        if (index < 0) {
            return List.of();
        }
        if (msg.contains("was never closed")) {
            return neverClosed(b, index);
        }
        if (msg.contains("does not match")) {
            return mismatch(b, index);
        }
        if (msg.startsWith("unmatched")) {
            Tok c = b.tok(index);
            int line = b.src.lineOf(c.start());
            return List.of(new Candidate(Fix.DELETE_BRACKET, "deletes the closing bracket at line " + line + ", column "
                    + b.src.columnOf(c.start()) + " that matches no opening one", 2, List.of(Edit.delete(c.start(), c.end())), line));
        }
        return List.of();
    }

    /**
     * "invalid syntax" where a bracket lost its closer and the next token does not fit: the openers
     * of the error's line that the line does not close.
     */
    private List<Candidate> unclosedOnErrorLine(Broken b) {
        int line = b.errorLine();
        Deque<Integer> open = new ArrayDeque<>();
        for (int i : b.codeOnLine(line)) {
            String s = b.text(b.tok(i));
            if (b.tok(i).kind() != Kind.OP) {
                continue;
            }
            if (isOpener(s)) {
                open.push(i);
            } else if (isCloser(s) && !open.isEmpty()) {
                open.pop();
            }
        }
        List<Candidate> out = new ArrayList<>();
        for (int i : open) {
            out.addAll(neverClosed(b, i));
        }
        return out;
    }

    private static int tokenAt(Broken b, int offset) {
        List<Tok> all = b.tokens.all();
        for (int i = b.tokens.indexAfter(offset); i < all.size(); i++) {
            Tok t = all.get(i);
            if (t.kind() == Kind.OP && "()[]{}".contains(b.text(t))) {
                return t.start() == offset ? i : -1;
            }
            if (t.start() > offset) {
                break;
            }
        }
        return -1;
    }

    static String closerOf(String opener) {
        return switch (opener) {
            case "(" -> ")";
            case "[" -> "]";
            default -> "}";
        };
    }

    private static boolean isOpener(String s) {
        return s.equals("(") || s.equals("[") || s.equals("{");
    }

    private static boolean isCloser(String s) {
        return s.equals(")") || s.equals("]") || s.equals("}");
    }

    private List<Candidate> neverClosed(Broken b, int open) {
        Tok o = b.tok(open);
        String closer = closerOf(b.text(o));
        int openLine = b.src.lineOf(o.start());
        int stmtLine = statementLine(b, open);
        int stmtWidth = b.src.indentWidth(stmtLine);
        int endLine = openLine;
        for (int k = openLine + 1; k <= b.src.lines(); k++) {
            if (b.src.blank(k) || b.src.commentOnly(k)) {
                continue;
            }
            String s = b.src.line(k).strip();
            if (b.src.indentWidth(k) <= stmtWidth && !isCloser(s.substring(0, 1))) {
                break;
            }
            endLine = k;
        }
        int limit = b.src.end(endLine);
        List<Candidate> out = new ArrayList<>();
        List<int[]> positions = insideAt(b, open, limit);
        int natural = naturalEnd(b, endLine, stmtLine);
        for (int[] p : positions) {
            int pos = p[0];
            int rank = pos == natural || structural(b, open, p[1]) ? 2 : 3;
            int line = b.src.lineOf(pos);
            out.add(new Candidate(Fix.CLOSE_BRACKET, "closes the bracket opened at line " + openLine + ", column "
                    + b.src.columnOf(o.start()) + " at line " + line + ", column " + b.src.columnOf(pos), rank,
                    List.of(Edit.insert(pos, closer)), Math.max(line, endLine)));
        }
        out.add(new Candidate(Fix.DELETE_BRACKET, "deletes the bracket opened at line " + openLine + ", column "
                + b.src.columnOf(o.start()) + " that is never closed", 4, List.of(Edit.delete(o.start(), o.end())), endLine));
        out.addAll(movedQuotes(b, open, limit, endLine));
        return out;
    }

    private List<Candidate> mismatch(Broken b, int closeIndex) {
        Tok c = b.tok(closeIndex);
        int open = openerOf(b, closeIndex);
        if (open < 0) {
            return List.of();
        }
        Tok o = b.tok(open);
        String closer = closerOf(b.text(o));
        int line = b.src.lineOf(c.start());
        List<Candidate> out = new ArrayList<>();
        out.add(new Candidate(Fix.REPLACE_BRACKET, "replaces the closing bracket at line " + line + ", column "
                + b.src.columnOf(c.start()) + " with the one that matches line " + b.src.lineOf(o.start()) + ", column "
                + b.src.columnOf(o.start()), 2, List.of(new Edit(c.start(), c.end(), closer)), line));
        for (int[] p : insideAt(b, open, c.start())) {
            int pos = p[0];
            int rank = pos == previousCodeEnd(b, closeIndex) || structural(b, open, p[1]) ? 2 : 3;
            out.add(new Candidate(Fix.CLOSE_BRACKET, "closes the bracket opened at line " + b.src.lineOf(o.start())
                    + ", column " + b.src.columnOf(o.start()) + " at line " + b.src.lineOf(pos) + ", column "
                    + b.src.columnOf(pos), rank, List.of(Edit.insert(pos, closer)), line));
        }
        out.add(new Candidate(Fix.DELETE_BRACKET, "deletes the closing bracket at line " + line + ", column "
                + b.src.columnOf(c.start()) + " that does not match", 2, List.of(Edit.delete(c.start(), c.end())), line));
        out.addAll(movedQuotes(b, open, c.start(), line));
        return out;
    }

    /** The innermost opener still open at a closer, or -1. */
    private static int openerOf(Broken b, int closeIndex) {
        Deque<Integer> stack = new ArrayDeque<>();
        for (int i = 0; i < closeIndex; i++) {
            Tok t = b.tok(i);
            if (t.kind() != Kind.OP) {
                continue;
            }
            String s = b.text(t);
            if (isOpener(s)) {
                stack.push(i);
            } else if (isCloser(s) && !stack.isEmpty()) {
                stack.pop();
            }
        }
        return stack.isEmpty() ? -1 : stack.peek();
    }

    /** The first line of the logical line that holds token {@code index}. */
    private static int statementLine(Broken b, int index) {
        for (int i = index - 1; i >= 0; i--) {
            Kind k = b.tok(i).kind();
            if (k == Kind.NEWLINE || k == Kind.INDENT || k == Kind.DEDENT) {
                return b.src.lineOf(b.tok(i + 1).start());
            }
        }
        return b.src.lineOf(b.tok(0).start());
    }

    /**
     * Places directly inside the opener, before {@code limit}: after each token at depth one, as
     * {offset, index of the token that follows}.
     */
    private static List<int[]> insideAt(Broken b, int open, int limit) {
        List<int[]> out = new ArrayList<>();
        int depth = 1;
        List<Tok> all = b.tokens.all();
        int prevEnd = b.tok(open).end();
        out.add(new int[]{prevEnd, open + 1});
        for (int i = open + 1; i < all.size(); i++) {
            Tok t = all.get(i);
            if (t.start() >= limit || t.kind() == Kind.END) {
                break;
            }
            if (!Broken.isCode(t)) {
                continue;
            }
            String s = b.text(t);
            if (t.kind() == Kind.OP && isOpener(s)) {
                depth++;
            } else if (t.kind() == Kind.OP && isCloser(s)) {
                depth--;
                if (depth == 0) {
                    break;
                }
            }
            if (depth == 1) {
                out.add(new int[]{t.end(), nextCode(b, i + 1)});
            }
        }
        return out;
    }

    private static int previousCodeEnd(Broken b, int index) {
        for (int i = index - 1; i >= 0; i--) {
            if (Broken.isCode(b.tok(i))) {
                return b.tok(i).end();
            }
        }
        return 0;
    }

    private static int nextCode(Broken b, int from) {
        for (int i = from; i < b.tokens.all().size(); i++) {
            if (Broken.isCode(b.tok(i)) || b.tok(i).kind() == Kind.END) {
                return i;
            }
        }
        return b.tokens.all().size() - 1;
    }

    /** Where the statement's text ends: its last token, or before the colon of a compound header. */
    private static int naturalEnd(Broken b, int endLine, int stmtLine) {
        List<Integer> code = b.codeOnLine(endLine);
        if (code.isEmpty()) {
            return b.codeEnd(endLine, true);
        }
        Tok last = b.tok(code.get(code.size() - 1));
        List<Integer> first = b.codeOnLine(stmtLine);
        boolean header = !first.isEmpty() && COMPOUND.contains(b.text(b.tok(first.get(0))));
        if (header && b.text(last).equals(":") && code.size() > 1) {
            return b.tok(code.get(code.size() - 2)).end();
        }
        return last.end();
    }

    /**
     * Whether closing before token {@code next} ends something: a {@code for} target, an assignment's
     * target, the operand of a binary operator or a comparison.
     */
    private static boolean structural(Broken b, int open, int next) {
        if (next >= b.tokens.all().size()) {
            return false;
        }
        Tok n = b.tok(next);
        String s = b.text(n);
        if (n.kind() == Kind.NAME && s.equals("in") && open > 0 && b.tok(open - 1).kind() == Kind.NAME
                && b.text(b.tok(open - 1)).equals("for")) {
            return true;
        }
        if (n.kind() == Kind.OP && (ASSIGNMENTS.contains(s) || OPERATORS.contains(s))) {
            return true;
        }
        return n.kind() == Kind.NAME && WORD_OPERATORS.contains(s);
    }

    /**
     * The regex damage: a string on the bracket's line ends with the closer the bracket needs
     * ({@code "closed)"}); its closing quote is moved back into it.
     */
    private static List<Candidate> movedQuotes(Broken b, int open, int limit, int lastLine) {
        List<Candidate> out = new ArrayList<>();
        List<Tok> all = b.tokens.all();
        Deque<String> needed = new ArrayDeque<>();
        needed.push(closerOf(b.text(b.tok(open))));
        for (int i = open + 1; i < all.size(); i++) {
            Tok t = all.get(i);
            if (t.start() >= limit || t.kind() == Kind.END) {
                break;
            }
            if (t.kind() == Kind.OP && isOpener(b.text(t))) {
                needed.push(closerOf(b.text(t)));
            } else if (t.kind() == Kind.OP && isCloser(b.text(t)) && !needed.isEmpty()) {
                needed.pop();
                if (needed.isEmpty()) {
                    break;
                }
            } else if (t.kind() == Kind.STRING && !b.tokens.triple(t)) {
                out.addAll(movedQuote(b, t, needed, lastLine));
            }
        }
        return out;
    }

    private static List<Candidate> movedQuote(Broken b, Tok t, Deque<String> needed, int lastLine) {
        String text = b.text(t);
        int quote = b.tokens.quoteAt(t) - t.start();
        String content = text.substring(quote + 1, text.length() - 1);
        int closers = content.length();
        if (closers > 0 && content.charAt(closers - 1) == ':') {
            closers--;
        }
        List<String> stack = new ArrayList<>(needed); // innermost first, the order closers are written in
        int k = 0;
        for (int r = Math.min(stack.size(), closers); r >= 1; r--) {
            if (content.substring(closers - r, closers).equals(String.join("", stack.subList(0, r)))) {
                k = r;
                break;
            }
        }
        if (k == 0) {
            return List.of();
        }
        closers -= k;
        String tail = content.substring(closers);
        char last = tail.charAt(0);
        char opener = last == ')' ? '(' : last == ']' ? '[' : '{';
        String body = content.substring(0, closers);
        if (body.chars().filter(c -> c == last).count() + 1 <= body.chars().filter(c -> c == opener).count()) {
            return List.of(); // the closer closes a bracket inside the string: nothing moved
        }
        List<Candidate> out = new ArrayList<>();
        int contentStart = t.start() + quote + 1;
        String q = text.substring(quote, quote + 1);
        int line = b.src.lineOf(t.start());
        for (int p = 0; p <= closers; p++) {
            int rank;
            if (p == closers) {
                rank = 1;
            } else if (StringFixes.codeFollows(content, p, content.length())
                    && (p == 0 || !Character.isWhitespace(body.charAt(p - 1)))) {
                rank = 0;
            } else {
                continue;
            }
            out.add(new Candidate(Fix.MOVE_QUOTE, "moves the closing quote of the string at line " + line + ", column "
                    + b.src.columnOf(t.start()) + " back to column " + b.src.columnOf(contentStart + p)
                    + " (it had been moved past the bracket)", rank,
                    List.of(Edit.insert(contentStart + p, q), Edit.delete(t.end() - 1, t.end())), lastLine, p));
        }
        return out;
    }
}
