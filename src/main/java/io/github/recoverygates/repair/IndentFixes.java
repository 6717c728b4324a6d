package io.github.recoverygates.repair;

import io.github.recoverygates.syntax.PythonCategory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Indentation: a line indented for no block is dedented to the enclosing levels (its own block
 * with it); a line that matches no enclosing level is aligned with one; a header whose block is
 * missing gets its body back when the body was dedented to the header's level (one unit of
 * statements more per candidate, the smallest that compiles wins), or {@code pass} when there is
 * nothing to indent; a {@code return} (or {@code yield}, {@code break} ...) that fell out of its
 * block goes back in; tabs that the interpreter finds inconsistent become spaces.
 */
final class IndentFixes implements Fixer {

    private static final Pattern HEADER_LINE = Pattern.compile("on line (\\d+)");
    private static final Set<String> CONTINUATIONS = Set.of("elif", "else", "except", "finally", "case");
    static final Pattern DEFINITION = Pattern.compile("^(?:def|class|async\\s+def)\\b|^@");
    /** At most this many units of a dedented body are tried. */
    private static final int UNITS = 40;

    @Override
    public List<Candidate> propose(Broken b) {
        String category = b.failure.category();
        String msg = b.failure.message();
        return switch (category) {
            case PythonCategory.UNEXPECTED_INDENT -> unexpected(b);
            case PythonCategory.UNINDENT_MISMATCH -> msg.contains("tab") ? tabs(b) : mismatch(b);
            case PythonCategory.EXPECTED_INDENTED_BLOCK -> expectedBlock(b);
            case PythonCategory.COMPILE_TIME -> msg.contains("outside") || msg.contains("not properly in loop") ? outside(b) : List.of();
            default -> List.of();
        };
    }

    /** Line {@code from} and what follows it at its indentation or deeper (blank lines inside included). */
    private static int blockEnd(Broken b, int from, int width) {
        int end = from;
        for (int l = from + 1; l <= b.src.lines(); l++) {
            if (b.src.blank(l)) {
                continue;
            }
            if (b.src.indentWidth(l) < width) {
                break;
            }
            end = l;
        }
        return end;
    }

    private List<Candidate> unexpected(Broken b) {
        int line = b.errorLine();
        int previous = b.src.previousCode(line);
        String indent = b.src.indent(line);
        int width = SourceText.width(indent);
        List<Integer> levels = b.levelsBefore(line);
        List<Candidate> out = new ArrayList<>();
        int end = blockEnd(b, line, width);
        int ownLevel = previous == 0 ? 0 : b.src.indentWidth(previous);
        for (int level : levels) {
            if (level >= width) {
                continue;
            }
            String target = prefixFor(b, line, level);
            int rank = level == ownLevel ? 0 : 1;
            out.add(new Candidate(Fix.DEDENT, "dedents line " + line + " to column " + (level + 1), rank,
                    b.reindent(line, line, indent, target), line));
            if (end > line) {
                out.add(new Candidate(Fix.DEDENT, "dedents lines " + line + "-" + end + " by " + (width - level)
                        + " columns", rank, b.reindent(line, end, indent, target), end));
            }
        }
        return out;
    }

    private List<Candidate> mismatch(Broken b) {
        int line = b.errorLine();
        String indent = b.src.indent(line);
        int width = SourceText.width(indent);
        List<Integer> levels = b.levelsBefore(line);
        List<Candidate> out = new ArrayList<>();
        int end = line;
        for (int l = line + 1; l <= b.src.lines(); l++) {
            if (b.src.blank(l)) {
                continue;
            }
            if (b.src.indentWidth(l) < width || b.src.indentWidth(l) == width && !b.src.indent(l).equals(indent)) {
                break;
            }
            end = l;
        }
        for (int level : levels) {
            String target = prefixFor(b, line, level);
            out.add(new Candidate(Fix.REALIGN, "aligns line " + line + " with column " + (level + 1), 0,
                    b.reindent(line, line, indent, target), line));
            if (end > line) {
                out.add(new Candidate(Fix.REALIGN, "aligns lines " + line + "-" + end + " with column " + (level + 1), 0,
                        b.reindent(line, end, indent, target), end));
            }
        }
        return out;
    }

    /** The indentation text for {@code level}: the nearest line above at that level shows whether it is tabs or spaces. */
    private static String prefixFor(Broken b, int line, int level) {
        for (int l = line - 1; l >= 1; l--) {
            if (!b.src.blank(l) && !b.src.commentOnly(l) && b.src.indentWidth(l) == level) {
                return b.src.indent(l);
            }
        }
        return " ".repeat(level);
    }

    private List<Candidate> tabs(Broken b) {
        List<Edit> eight = new ArrayList<>();
        List<Edit> four = new ArrayList<>();
        for (int l = 1; l <= b.src.lines(); l++) {
            String ind = b.src.indent(l);
            if (ind.indexOf('\t') < 0 || b.src.blank(l)) {
                continue;
            }
            int s = b.src.start(l);
            eight.add(new Edit(s, s + ind.length(), " ".repeat(SourceText.width(ind))));
            four.add(new Edit(s, s + ind.length(), ind.replace("\t", "    ")));
        }
        if (eight.isEmpty()) {
            return List.of();
        }
        return List.of(new Candidate(Fix.EXPAND_TABS, "turns the tabs of the indentation into spaces (tab stops of 8, as the interpreter reads them)",
                        0, eight, b.src.lines()),
                new Candidate(Fix.EXPAND_TABS, "turns each tab of the indentation into four spaces", 1, four, b.src.lines()));
    }

    private List<Candidate> expectedBlock(Broken b) {
        int line = b.errorLine();
        Matcher m = HEADER_LINE.matcher(b.failure.message());
        int header = m.find() ? Integer.parseInt(m.group(1)) : b.src.previousCode(line);
        if (header < 1 || header > b.src.lines()) {
            return List.of();
        }
        String headerIndent = b.src.indent(header);
        String unit = b.src.indentUnit();
        String body = headerIndent + (headerIndent.startsWith("\t") && !unit.equals("\t") ? "\t" : unit);
        int headerEnd = headerEnd(b, header, line);
        List<int[]> units = dedentedUnits(b, header, headerEnd);
        List<Candidate> out = new ArrayList<>();
        if (units.isEmpty()) {
            String nl = b.src.terminated(headerEnd) ? "" : b.src.newline();
            out.add(new Candidate(Fix.ADD_PASS, "adds 'pass' to the empty block of line " + header, 0,
                    List.of(Edit.insert(b.src.next(headerEnd), nl + body + "pass" + b.src.newline())), headerEnd));
            return out;
        }
        int from = units.get(0)[0];
        int needed = HeaderNames.lastUnitUsing(b, header, headerEnd, units);
        for (int k = 0; k < units.size(); k++) {
            int[] u = units.get(k);
            List<Edit> edits = b.reindent(from, u[1], headerIndent, body);
            out.add(new Candidate(Fix.INDENT_BODY, "indents " + (u[1] == from ? "line " + from : "lines " + from + "-" + u[1])
                    + " into the block of line " + header, k >= needed ? 0 : 1, edits, u[1]));
        }
        return out;
    }

    /** The line where a header that may span lines ends (its last code line before the error's). */
    private static int headerEnd(Broken b, int header, int errorLine) {
        int headerEnd = header;
        for (int l = header; l < errorLine; l++) {
            if (!b.src.blank(l) && !b.src.commentOnly(l)) {
                headerEnd = l;
            }
        }
        return headerEnd;
    }

    /**
     * The statements after the header at its own level that may be its dedented body, as units of
     * lines {@code [first, last]}: a statement with what is indented under it, a clause of it
     * ({@code else}, {@code except} ...) joined to it. They end at a blank line before the first,
     * a line at another level, a clause that continues the header itself, or a definition.
     */
    private static List<int[]> dedentedUnits(Broken b, int header, int headerEnd) {
        int headerWidth = SourceText.width(b.src.indent(header));
        List<int[]> units = new ArrayList<>();
        String headerWord = clause(b.src.line(header));
        String lastClause = null;
        int l = headerEnd + 1;
        while (l <= b.src.lines() && units.size() < UNITS) {
            while (l <= b.src.lines() && (b.src.commentOnly(l) || b.src.blank(l) && !units.isEmpty())) {
                l++; // a dedented body may hold blank lines between its statements
            }
            if (l > b.src.lines() || b.src.blank(l)) {
                break;
            }
            String s = b.src.line(l).strip();
            String firstWord = clause(s);
            boolean extendsLast = false;
            if (CONTINUATIONS.contains(firstWord)) {
                if (continues(headerWord, firstWord) || units.isEmpty() || !continues(lastClause, firstWord)) {
                    break;
                }
                extendsLast = true; // the dedented body's own elif/else/except
            }
            if (b.src.indentWidth(l) != headerWidth || !extendsLast && !units.isEmpty() && DEFINITION.matcher(s).find()) {
                break;
            }
            lastClause = firstWord;
            int end = statementEnd(b, l, headerWidth);
            if (extendsLast) {
                units.get(units.size() - 1)[1] = end;
            } else {
                units.add(new int[]{l, end});
            }
            l = end + 1;
        }
        return units;
    }

    /** The last line of the statement at line {@code from}: the lines indented deeper than {@code width} below it. */
    private static int statementEnd(Broken b, int from, int width) {
        int end = from;
        for (int k = from + 1; k <= b.src.lines(); k++) {
            if (b.src.blank(k)) {
                int next = k;
                while (next <= b.src.lines() && b.src.blank(next)) {
                    next++;
                }
                if (next > b.src.lines() || b.src.indentWidth(next) <= width) {
                    break;
                }
                continue;
            }
            if (b.src.indentWidth(k) <= width) {
                break;
            }
            end = k;
        }
        return end;
    }

    /** The keyword a statement line starts with ("async" skipped), or its first word. */
    private static String clause(String line) {
        String s = line.strip();
        if (s.startsWith("async ")) {
            s = s.substring(6).strip();
        }
        return s.split("[\\s:(]", 2)[0];
    }

    /** Whether a clause keyword may follow the block of another ({@code else} after {@code for}, ...). */
    private static boolean continues(String previous, String next) {
        if (previous == null) {
            return false;
        }
        return switch (previous) {
            case "if", "elif" -> next.equals("elif") || next.equals("else");
            case "for", "while" -> next.equals("else");
            case "try" -> next.equals("except") || next.equals("finally");
            case "except" -> next.equals("except") || next.equals("else") || next.equals("finally");
            case "else" -> next.equals("finally");
            case "match", "case" -> next.equals("case");
            default -> false;
        };
    }


    private List<Candidate> outside(Broken b) {
        int line = b.errorLine();
        String indent = b.src.indent(line);
        int width = SourceText.width(indent);
        List<Candidate> out = new ArrayList<>();
        int end = line;
        for (int k = line + 1; k <= b.src.lines(); k++) {
            if (b.src.blank(k) || b.src.indentWidth(k) < width || b.src.indentWidth(k) == width
                    && DEFINITION.matcher(b.src.line(k).strip()).find()) {
                break;
            }
            end = k;
        }
        for (int level : b.levelsBefore(line)) {
            if (level <= width) {
                continue;
            }
            String target = prefixFor(b, line, level);
            out.add(new Candidate(Fix.INDENT_BODY, "indents line " + line + " back into the block at column " + (level + 1),
                    1, b.reindent(line, line, indent, target), line));
            if (end > line) {
                out.add(new Candidate(Fix.INDENT_BODY, "indents lines " + line + "-" + end + " back into the block at column "
                        + (level + 1), 1, b.reindent(line, end, indent, target), end));
            }
        }
        return out;
    }
}
