package io.github.recoverygates.repair;

import io.github.recoverygates.syntax.PythonCategory;

import io.github.recoverygates.repair.PyTokens.Kind;
import io.github.recoverygates.repair.PyTokens.Tok;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docstring delimiters that an earlier regex "repair" damaged: quotes lost on one side
 * ({@code ""Get the delta."} for {@code """Get the delta."""}) and triple quotes written twice
 * ({@code ''''''} opening and closing a docstring, so that its text became code). Both become
 * triple quotes again.
 */
final class DocstringQuoteFixes implements Fixer {

    /** A line holding a run of one quote character, text without it, and maybe a run of it again. */
    private static final Pattern QUOTED = Pattern.compile("^([\"']{1,6})([^\"'].*?)?([\"']{0,6})\\s*$");
    private static final int NEAR = 3;
    private static final int CLOSING_SEARCH = 60;

    @Override
    public List<Candidate> propose(Broken b) {
        List<Candidate> out = new ArrayList<>();
        String category = b.failure.category();
        if (category.equals(PythonCategory.ENCODING) || category.equals(PythonCategory.NULL_BYTES) || category.equals(PythonCategory.COMPILE_TIME)) {
            return out;
        }
        int line = b.errorLine();
        for (int l = Math.max(1, line - NEAR); l <= Math.min(b.src.lines(), line + NEAR); l++) {
            lostQuotes(b, l, out);
        }
        doubled(b, out);
        return out;
    }

    private static void lostQuotes(Broken b, int l, List<Candidate> out) {
        String text = b.src.line(l);
        String stripped = text.strip();
        Matcher m = QUOTED.matcher(stripped);
        if (!m.matches() || m.group(2) == null || m.group(2).isBlank()) {
            return;
        }
        char q = m.group(1).charAt(0);
        String open = m.group(1);
        String close = m.group(3);
        if (open.chars().anyMatch(c -> c != q) || close.chars().anyMatch(c -> c != q)
                || m.group(2).indexOf(q) >= 0) {
            return;
        }
        String triple = String.valueOf(q).repeat(3);
        int start = b.src.start(l) + text.indexOf(stripped);
        int rank = docstringPosition(b, l) ? 0 : 1;
        List<Edit> edits = new ArrayList<>();
        if (!close.isEmpty()) {
            if (open.length() == 3 && close.length() == 3 || open.length() == 1 && close.length() == 1) {
                return; // a sound string
            }
            int closeStart = start + stripped.length() - close.length();
            edits.add(new Edit(start, start + open.length(), triple));
            edits.add(new Edit(closeStart, closeStart + close.length(), triple));
            out.add(new Candidate(Fix.RESTORE_DOCSTRING_QUOTES, "restores the triple quotes of the docstring on line " + l,
                    rank, edits, l));
            return;
        }
        if (open.length() == 3 || open.length() == 1) {
            return; // an opener that may well be sound; the triple-quote fixer closes it if needed
        }
        // the opener lost (or gained) quotes; its closing is on a later line
        for (int k = l + 1; k <= Math.min(b.src.lines(), l + CLOSING_SEARCH); k++) {
            String s = b.src.line(k).stripTrailing();
            int run = 0;
            while (run < s.length() && s.charAt(s.length() - 1 - run) == q) {
                run++;
            }
            if (run == 0) {
                continue;
            }
            int closeStart = b.src.start(k) + s.length() - run;
            edits.add(new Edit(start, start + open.length(), triple));
            edits.add(new Edit(closeStart, closeStart + run, triple));
            out.add(new Candidate(Fix.RESTORE_DOCSTRING_QUOTES, "restores the triple quotes of the docstring on lines "
                    + l + "-" + k, rank, edits, k));
            return;
        }
    }

    /** Empty triple-quoted strings ({@code ''''''}) that stand where a docstring opens and closes. */
    private static void doubled(Broken b, List<Candidate> out) {
        List<Tok> doubled = new ArrayList<>();
        for (Tok t : b.tokens.all()) {
            String s = b.text(t);
            if (t.kind() == Kind.STRING && s.length() == 6 && (s.equals("''''''") || s.equals("\"\"\"\"\"\""))) {
                doubled.add(t);
            }
        }
        int error = b.errorOffset();
        for (int i = 0; i + 1 < doubled.size(); i++) {
            Tok a = doubled.get(i);
            Tok z = doubled.get(i + 1);
            if (a.start() > error || z.end() < error - 1 || b.text(a).charAt(0) != b.text(z).charAt(0)) {
                continue;
            }
            String triple = b.text(a).substring(0, 3);
            out.add(new Candidate(Fix.DEDUPLICATE_TRIPLE_QUOTES, "writes the doubled triple quotes on lines "
                    + b.src.lineOf(a.start()) + " and " + b.src.lineOf(z.start()) + " once", 0,
                    List.of(new Edit(a.start(), a.end(), triple), new Edit(z.start(), z.end(), triple)), b.src.lineOf(z.start())));
        }
    }

    /** The first statement of a module, class or function body. */
    static boolean docstringPosition(Broken b, int line) {
        int previous = b.src.previousCode(line);
        if (previous == 0) {
            return true;
        }
        String p = b.src.line(previous).strip();
        int hash = p.indexOf(" #");
        if (hash > 0) {
            p = p.substring(0, hash).strip();
        }
        return p.endsWith(":") && b.src.indentWidth(previous) < b.src.indentWidth(line);
    }
}
