package io.github.recoverygates.repair;

import io.github.recoverygates.syntax.PythonCategory;

import io.github.recoverygates.repair.PyTokens.Kind;
import io.github.recoverygates.repair.PyTokens.Tok;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A string that never ends on its line: the closing quote goes after one of the tokens that follow
 * it on that line (the rest of the line lexed as code), at the end of the line or before a
 * trailing comment. All are proposed; the interpreter keeps those that compile and the one that
 * swallows the fewest tokens wins, which is the earliest place the file compiles. When the quote went
 * missing earlier on the line, the quotes after it pair up wrongly and the interpreter reports the
 * last one: so every word boundary of the line is a candidate too, ranked after those.
 */
final class StringFixes implements Fixer {

    @Override
    public List<Candidate> propose(Broken b) {
        String category = b.failure.category();
        if (!category.equals(PythonCategory.UNTERMINATED_STRING) && !category.equals(PythonCategory.F_STRING)) {
            return List.of();
        }
        int line = b.errorLine();
        int quoteIndex = unterminated(b, line);
        if (quoteIndex < 0) {
            return List.of();
        }
        Tok open = b.tok(quoteIndex);
        char quote = b.text().charAt(b.tokens.quoteAt(open));
        Ends ends = Ends.after(b, line, quoteIndex);
        List<Candidate> out = closings(b, line, open, quote, ends);
        out.addAll(missingQuotes(b, line, quote, ends.positions()));
        return out;
    }

    /** The index of the unterminated (not triple) quote on the line nearest the error, or -1. */
    private static int unterminated(Broken b, int line) {
        int at = b.errorOffset();
        int quoteIndex = -1;
        for (int i : b.onLine(line)) {
            Tok t = b.tok(i);
            if (b.tokens.unterminatedQuote(t) && !b.tokens.triple(t)
                    && (quoteIndex < 0 || Math.abs(t.start() - at) < Math.abs(b.tok(quoteIndex).start() - at))) {
                quoteIndex = i;
            }
        }
        return quoteIndex;
    }

    /**
     * Where a closing quote may go: after each token that follows the open quote on its line (the
     * rest of the line lexed as code), and at the end of the line's text.
     *
     * @param lastBeforeComment the end of the last token before a trailing comment, or -1
     */
    private record Ends(Set<Integer> positions, boolean sawComment, int lastBeforeComment) {

        static Ends after(Broken b, int line, int quoteIndex) {
            int lineEnd = b.src.end(line);
            Set<Integer> positions = new LinkedHashSet<>();
            boolean sawComment = false;
            int lastBeforeComment = -1;
            for (int i = quoteIndex + 1; i < b.tokens.all().size(); i++) {
                Tok t = b.tok(i);
                if (t.start() >= lineEnd || t.end() > lineEnd || t.kind() == Kind.NEWLINE || t.kind() == Kind.NL
                        || t.kind() == Kind.END) {
                    break;
                }
                if (t.kind() == Kind.COMMENT) {
                    sawComment = true;
                } else if (!sawComment) {
                    lastBeforeComment = t.end();
                }
                positions.add(t.end());
            }
            positions.add(b.src.start(line) + b.src.line(line).stripTrailing().length());
            return new Ends(positions, sawComment, lastBeforeComment);
        }
    }

    /** The string closed at each place of {@code ends}: those where code follows the quote first. */
    private static List<Candidate> closings(Broken b, int line, Tok open, char quote, Ends ends) {
        int lineEnd = b.src.end(line);
        int trailing = b.src.line(line).length() - b.src.line(line).stripTrailing().length();
        List<Candidate> out = new ArrayList<>();
        for (int p : ends.positions()) {
            if (p <= open.end() - 1 || escaped(b.text(), p)) {
                continue;
            }
            String where = p == ends.lastBeforeComment() && ends.sawComment() ? " (before the trailing comment)"
                    : p >= lineEnd - trailing ? " (at the end of the line)" : "";
            out.add(new Candidate(Fix.CLOSE_STRING, "closes the string opened at line " + line + ", column "
                    + b.src.columnOf(open.start()) + ", at column " + b.src.columnOf(p) + where,
                    codeFollows(b.text(), p, lineEnd) ? 0 : 1, List.of(Edit.insert(p, String.valueOf(quote))), line));
        }
        return out;
    }

    /**
     * The quote may be missing earlier on the line: the quotes after it then pair up wrongly and the
     * interpreter reports the last one. Every word boundary of the line (not next to a quote, not
     * already a place of {@code taken}) is a place for it.
     */
    private static List<Candidate> missingQuotes(Broken b, int line, char quote, Set<Integer> taken) {
        String text = b.text();
        int lineStart = b.src.start(line) + b.src.indent(line).length();
        int lineEnd = b.src.end(line);
        List<Candidate> out = new ArrayList<>();
        for (int p = lineStart; p <= lineEnd; p++) {
            if (taken.contains(p) || escaped(text, p)) {
                continue;
            }
            boolean before = p > lineStart && isWord(text.charAt(p - 1));
            boolean after = p < lineEnd && isWord(text.charAt(p));
            boolean nextToQuote = p > lineStart && text.charAt(p - 1) == quote || p < lineEnd && text.charAt(p) == quote;
            if (before != after && !nextToQuote) {
                out.add(new Candidate(Fix.CLOSE_STRING, "adds the missing quote on line " + line + " at column "
                        + b.src.columnOf(p), codeFollows(text, p, lineEnd) ? 1 : 2,
                        List.of(Edit.insert(p, String.valueOf(quote))), line));
            }
        }
        return out;
    }

    /**
     * Whether what would follow a closing quote at {@code p} reads as code: the end of the line, a
     * comment, a closer or delimiter, or an operator with space on both sides ({@code " %d"} after a
     * quote is far more likely the string's own text than a modulo).
     */
    static boolean codeFollows(String text, int p, int lineEnd) {
        return p <= lineEnd && FOLLOWS.matcher(text.substring(p, lineEnd)).find();
    }

    private static final java.util.regex.Pattern FOLLOWS = java.util.regex.Pattern.compile(
            "^(?:\\s*$|\\s*#|\\s*[,)\\]}:;.\\[]|\\s+(?:[-+*/%@&|^<>=!]=?|\\*\\*|//|==|!=|<=|>=|in|not|is|and|or|if|else|for)\\s)");

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.';
    }

    /** Whether a quote inserted at {@code p} would be escaped by the backslashes before it. */
    private static boolean escaped(String s, int p) {
        int n = 0;
        for (int i = p - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }
}
