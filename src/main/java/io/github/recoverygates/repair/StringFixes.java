package io.github.recoverygates.repair;

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
 * swallows the fewest tokens wins, which is the earliest place the file compiles.
 */
final class StringFixes implements Fixer {

    @Override
    public List<Candidate> propose(Broken b) {
        String category = b.failure.category();
        if (!category.equals(Failure.UNTERMINATED_STRING) && !category.equals(Failure.F_STRING)) {
            return List.of();
        }
        int line = b.errorLine();
        int at = b.errorOffset();
        int quoteIndex = -1;
        for (int i : b.onLine(line)) {
            Tok t = b.tok(i);
            if (b.tokens.unterminatedQuote(t) && !b.tokens.triple(t)
                    && (quoteIndex < 0 || Math.abs(t.start() - at) < Math.abs(b.tok(quoteIndex).start() - at))) {
                quoteIndex = i;
            }
        }
        if (quoteIndex < 0) {
            return List.of();
        }
        Tok open = b.tok(quoteIndex);
        String quote = String.valueOf(b.text().charAt(b.tokens.quoteAt(open)));
        int lineEnd = b.src.end(line);
        Set<Integer> positions = new LinkedHashSet<>();
        boolean sawComment = false;
        List<Integer> beforeComment = new ArrayList<>();
        for (int i = quoteIndex + 1; i < b.tokens.all().size(); i++) {
            Tok t = b.tok(i);
            if (t.start() >= lineEnd || t.kind() == Kind.NEWLINE || t.kind() == Kind.NL || t.kind() == Kind.END) {
                break;
            }
            if (t.kind() == Kind.COMMENT) {
                sawComment = true;
            } else if (!sawComment) {
                beforeComment.add(t.end());
            }
            positions.add(t.end());
        }
        positions.add(b.src.start(line) + b.src.line(line).stripTrailing().length());
        List<Candidate> out = new ArrayList<>();
        int lastBeforeComment = beforeComment.isEmpty() ? -1 : beforeComment.get(beforeComment.size() - 1);
        for (int p : positions) {
            if (p <= open.end() - 1 || escaped(b.text(), p)) {
                continue;
            }
            String where = p == lastBeforeComment && sawComment ? " (before the trailing comment)"
                    : p >= lineEnd - (b.src.line(line).length() - b.src.line(line).stripTrailing().length()) ? " (at the end of the line)" : "";
            out.add(new Candidate(Fix.CLOSE_STRING, "closes the string opened at line " + line + ", column "
                    + b.src.columnOf(open.start()) + ", at column " + b.src.columnOf(p) + where,
                    0, List.of(Edit.insert(p, quote)), line));
        }
        return out;
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
