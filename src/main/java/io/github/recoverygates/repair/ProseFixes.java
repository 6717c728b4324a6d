package io.github.recoverygates.repair;

import io.github.recoverygates.syntax.PythonCategory;

import io.github.recoverygates.repair.PyTokens.Kind;
import io.github.recoverygates.repair.PyTokens.Tok;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Business prose that is not code ({@code Protects $500K+ ARR}, {@code 10x faster}, {@code 2x-3x})
 * goes back into what it fell out of: the comment above it (rank 0), the docstring that closes
 * just above it (rank 0: the closing quotes move below it), else a new comment (rank 1).
 */
final class ProseFixes implements Fixer {

    private static final Pattern BUSINESS = Pattern.compile(
            "\\$\\s?\\d|\\b\\d+(?:\\.\\d+)?[xX]\\b|\\b\\d+[xX]?-\\d+[xX]\\b|\\b\\d+(?:\\.\\d+)?[KkMmBb]\\+?(?=\\W|$)|\\d+%");
    /** What prose has between its words. */
    private static final Set<String> PUNCTUATION = Set.of(":", ",", ".", "-", "+", "%", "(", ")", ";");
    private static final Set<String> STATEMENT_KEYWORDS = Set.of("def", "class", "return", "import", "from", "raise",
            "assert", "del", "pass", "global", "nonlocal", "yield", "lambda", "async", "await", "try", "except",
            "finally", "while", "with", "elif", "else", "break", "continue", "if", "for");

    @Override
    public List<Candidate> propose(Broken b) {
        String category = b.failure.category();
        if (category.equals(PythonCategory.ENCODING) || category.equals(PythonCategory.NULL_BYTES) || category.equals(PythonCategory.COMPILE_TIME)) {
            return List.of();
        }
        int line = b.errorLine();
        if (!isProse(b, line)) {
            return List.of();
        }
        int last = line;
        while (last < b.src.lines() && isProse(b, last + 1)) {
            last++;
        }
        List<Candidate> out = new ArrayList<>();
        int previous = b.src.previousNonBlank(line);
        boolean commentAbove = previous > 0 && b.src.commentOnly(previous);
        String marker = "# ";
        if (commentAbove) {
            String c = b.src.line(previous).strip();
            int k = 1;
            while (k < c.length() && c.charAt(k) == ' ') {
                k++;
            }
            marker = "#" + " ".repeat(Math.max(1, k - 1));
        }
        List<Edit> comment = new ArrayList<>();
        for (int l = line; l <= last; l++) {
            comment.add(Edit.insert(b.src.start(l) + b.src.indent(l).length(), marker));
        }
        out.add(new Candidate(Fix.PROSE_TO_COMMENT, (commentAbove ? "puts the prose on line" + range(line, last)
                + " back into the comment above it" : "turns the prose on line" + range(line, last) + " into a comment"),
                commentAbove ? 0 : 1, comment, last));
        Tok doc = docstringEndingOn(b, previous);
        if (doc != null) {
            String delimiter = b.text(doc).substring(b.text(doc).length() - 3);
            int docLine = b.src.lineOf(doc.start());
            if (b.src.line(previous).strip().equals(delimiter)) {
                String closingLine = b.text().substring(b.src.start(previous), b.src.next(previous));
                String moved = b.src.terminated(last) ? closingLine : b.src.newline() + b.src.line(previous);
                out.add(new Candidate(Fix.PROSE_TO_DOCSTRING, "puts the prose on line" + range(line, last)
                        + " back into the docstring of line " + docLine + " (its closing quotes move below it)", 0,
                        List.of(Edit.delete(b.src.start(previous), b.src.next(previous)), Edit.insert(b.src.next(last), moved)),
                        last));
            } else {
                int end = doc.end();
                out.add(new Candidate(Fix.PROSE_TO_DOCSTRING, "puts the prose on line" + range(line, last)
                        + " back into the docstring of line " + docLine + " (its closing quotes move to the end of line "
                        + last + ")", 1, List.of(Edit.delete(end - 3, end),
                        Edit.insert(b.src.start(last) + b.src.line(last).stripTrailing().length(), delimiter)), last));
            }
        }
        return out;
    }

    private static String range(int a, int z) {
        return a == z ? " " + a : "s " + a + "-" + z;
    }

    /** A triple-quoted string that is a statement of its own and ends on {@code line}, or null. */
    private static Tok docstringEndingOn(Broken b, int line) {
        if (line <= 0) {
            return null;
        }
        List<Tok> all = b.tokens.all();
        for (int i = b.tokens.indexAfter(b.src.start(line)); i < all.size(); i++) {
            Tok t = all.get(i);
            if (t.start() > b.src.end(line)) {
                break;
            }
            if (t.kind() == Kind.STRING && b.tokens.triple(t) && b.src.lineOf(t.end()) == line) {
                boolean alone = (i == 0 || !Broken.isCode(all.get(i - 1)))
                        && i + 1 < all.size() && all.get(i + 1).kind() == Kind.NEWLINE;
                return alone ? t : null;
            }
        }
        return null;
    }

    /**
     * Words, not code: two words at the start (then a word or a punctuation mark), no statement keyword
     * first, four words at least, and a business figure or five words.
     */
    static boolean isProse(Broken b, int line) {
        if (line < 1 || line > b.src.lines()) {
            return false;
        }
        List<Integer> code = b.codeOnLine(line);
        if (code.size() < 3) {
            return false;
        }
        Tok first = b.tok(code.get(0));
        if (first.kind() == Kind.NAME && STATEMENT_KEYWORDS.contains(b.text(first))) {
            return false;
        }
        int words = 0;
        for (int k = 0; k < code.size(); k++) {
            Tok t = b.tok(code.get(k));
            boolean word = t.kind() == Kind.NAME || t.kind() == Kind.NUMBER
                    || t.kind() == Kind.ERROR && !b.tokens.unterminatedQuote(t);
            boolean punctuation = t.kind() == Kind.OP && PUNCTUATION.contains(b.text(t));
            if (k < 2 && !word || k == 2 && !word && !punctuation) {
                return false;
            }
            words += word ? 1 : 0;
        }
        String text = b.src.line(line);
        return words >= 4 && (BUSINESS.matcher(text).find() || words >= 5);
    }
}
