package io.github.recoverygates.repair;

import io.github.recoverygates.syntax.PythonCategory;

import io.github.recoverygates.repair.PyTokens.Kind;
import io.github.recoverygates.repair.PyTokens.Tok;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A triple-quoted string that runs on past its end: it is closed where the docstring evidently
 * ends, before the first line that is code (a statement keyword, an assignment or a call at the
 * docstring's indentation, or a line indented less). Two places per end: at the end of the last
 * line (first for a one-line docstring) or on a line of its own (first for a multi-line one, unless
 * the file's other multi-line docstrings close at the end of their last line). This also
 * finds the docstring whose closing quotes were lost earlier in the file: its string then ends at
 * the next docstring's opening quotes, with code inside it, and the interpreter reports the next
 * one's closing quotes instead.
 */
final class TripleQuoteFixes implements Fixer {

    private static final Pattern KEYWORD_LINE = Pattern.compile(
            "^(?:(?:return|yield|raise|assert|del|pass|break|continue|import|global|nonlocal|await)(?:\\s|$|\\()"
            + "|from\\s+\\S+\\s+import\\s"
            + "|(?:def|class|async\\s+def)\\s+\\w+"
            + "|(?:if|elif|while|for|with|except)\\b.*:\\s*(?:#.*)?$"
            + "|(?:else|try|finally)\\s*:\\s*(?:#.*)?$"
            + "|@[\\w.]+)");
    private static final Pattern ASSIGN_OR_CALL = Pattern.compile(
            "^[A-Za-z_][\\w.]*(?:\\[[^\\]]*])?\\s*(?:[-+*/%&|^@]|//|\\*\\*|>>|<<)?=(?!=).*"
            + "|^[A-Za-z_][\\w.]*\\s*:\\s*[\\w\\[\\]., |]+\\s*=(?!=).*"
            + "|^[A-Za-z_][\\w.]*\\(.*\\)\\s*$");
    /** How many evident ends are tried, nearest first. */
    private static final int ENDS = 3;
    /**
     * Strings that swallowed code, from the top of the file: after a docstring lost its closing
     * quotes every later triple quote pairs up wrongly, so the first of them is where the damage is.
     */
    private static final int SWALLOWERS = 3;

    @Override
    public List<Candidate> propose(Broken b) {
        List<Candidate> out = new ArrayList<>();
        String category = b.failure.category();
        if (!category.equals(PythonCategory.UNTERMINATED_TRIPLE) && !category.equals(PythonCategory.OTHER)
                && !category.equals(PythonCategory.INVALID_LITERAL) && !category.equals(PythonCategory.UNEXPECTED_INDENT)
                && !category.equals(PythonCategory.UNTERMINATED_STRING) && !category.equals(PythonCategory.EXPECTED_INDENTED_BLOCK)) {
            return out;
        }
        List<Tok> all = b.tokens.all();
        boolean ownLine = closesOnOwnLine(b);
        int swallowers = 0;
        for (int i = 0; i < all.size(); i++) {
            Tok t = all.get(i);
            boolean open = t.kind() == Kind.ERROR && b.tokens.triple(t);
            boolean swallowing = t.kind() == Kind.STRING && b.tokens.triple(t) && t.end() <= b.errorOffset() + 3
                    && swallowers < SWALLOWERS;
            if (!open && !swallowing) {
                continue;
            }
            int before = out.size();
            int first = b.src.lineOf(t.start());
            int last = open ? b.src.lines() : b.src.lineOf(t.end());
            String delimiter = b.text().substring(b.tokens.quoteAt(t), b.tokens.quoteAt(t) + 3);
            String indent = b.src.indent(first);
            int width = SourceText.width(indent);
            int found = 0;
            for (int k = first + 1; k <= last && found < ENDS; k++) {
                if (!open && k == last) {
                    break;
                }
                if (b.src.blank(k) || !isCode(b.src, k, width)) {
                    continue;
                }
                int m = b.src.previousNonBlank(k);
                out.addAll(close(b, first, m, indent, delimiter, 2 * found, ownLine));
                found++;
            }
            if (open && found == 0) {
                out.addAll(close(b, first, Math.max(first, b.src.previousNonBlank(b.src.lines() + 1)), indent, delimiter,
                        0, ownLine));
            }
            if (swallowing && out.size() > before) {
                swallowers++;
            }
        }
        return out;
    }

    /**
     * How this file closes its multi-line docstrings: on a line of their own (PEP 257, also when the
     * file does not tell) or at the end of their last line.
     */
    private static boolean closesOnOwnLine(Broken b) {
        int own = 0;
        int end = 0;
        for (Tok t : b.tokens.all()) {
            if (t.kind() == Kind.STRING && b.tokens.triple(t) && b.src.lineOf(t.start()) != b.src.lineOf(t.end())) {
                if (b.src.line(b.src.lineOf(t.end())).strip().length() == 3) {
                    own++;
                } else {
                    end++;
                }
            }
        }
        return own >= end;
    }

    /** Both ways to close a docstring after line {@code m}; the PEP 257 one first. */
    private static List<Candidate> close(Broken b, int first, int m, String indent, String delimiter, int rank,
                                         boolean ownLineStyle) {
        int endOfText = b.src.start(m) + b.src.line(m).stripTrailing().length();
        Candidate sameLine = new Candidate(Fix.CLOSE_TRIPLE_QUOTE, "closes the triple-quoted string opened at line " + first
                + " at the end of line " + m, 0, List.of(Edit.insert(endOfText, delimiter)), m);
        String nl = b.src.terminated(m) ? "" : b.src.newline();
        Candidate ownLine = new Candidate(Fix.CLOSE_TRIPLE_QUOTE, "closes the triple-quoted string opened at line " + first
                + " on a new line after line " + m, 0,
                List.of(Edit.insert(b.src.next(m), nl + indent + delimiter + b.src.newline())), m);
        boolean sameFirst = m == first || !ownLineStyle;
        return List.of(withRank(sameFirst ? sameLine : ownLine, rank), withRank(sameFirst ? ownLine : sameLine, rank + 1));
    }

    private static Candidate withRank(Candidate c, int rank) {
        return new Candidate(c.fix(), c.description(), rank, c.edits(), c.lastLine());
    }

    /** Whether line {@code k} is evidently code rather than docstring text, for a docstring indented {@code width}. */
    static boolean isCode(SourceText src, int k, int width) {
        int w = src.indentWidth(k);
        String s = src.line(k).strip();
        if (w < width) {
            return true;
        }
        if (w > width) {
            return false;
        }
        return KEYWORD_LINE.matcher(s).find() || ASSIGN_OR_CALL.matcher(s).matches();
    }
}
