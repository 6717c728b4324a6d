package io.github.recoverygates.repair;

import io.github.recoverygates.repair.PyTokens.Kind;
import io.github.recoverygates.repair.PyTokens.Tok;
import java.util.ArrayList;
import java.util.List;

/** A file that does not compile, as the fixers see it: its text, its tokens and the interpreter's verdict. */
final class Broken {

    final SourceText src;
    final PyTokens tokens;
    final Failure failure;

    Broken(String text, Failure failure) {
        this.src = new SourceText(text);
        this.tokens = PyTokens.of(text);
        this.failure = failure;
    }

    String text() {
        return src.text();
    }

    /** The error's line, clamped to the file. */
    int errorLine() {
        return Math.max(1, Math.min(src.lines(), failure.line()));
    }

    int errorOffset() {
        return src.offset(errorLine(), failure.column());
    }

    String text(Tok t) {
        return tokens.text(t);
    }

    /** Indexes of the tokens that start on a line (newlines and indentation tokens included). */
    List<Integer> onLine(int line) {
        List<Integer> out = new ArrayList<>();
        int s = src.start(line);
        int e = src.end(line);
        List<Tok> all = tokens.all();
        for (int i = tokens.indexAfter(s); i < all.size(); i++) {
            Tok t = all.get(i);
            if (t.start() > e || t.kind() == Kind.END) {
                break;
            }
            if (t.start() >= s) {
                out.add(i);
            }
        }
        return out;
    }

    /** Indexes of the code tokens (no comments, newlines or indentation) that start on a line. */
    List<Integer> codeOnLine(int line) {
        List<Integer> out = new ArrayList<>();
        for (int i : onLine(line)) {
            if (isCode(tokens.all().get(i))) {
                out.add(i);
            }
        }
        return out;
    }

    static boolean isCode(Tok t) {
        return switch (t.kind()) {
            case NAME, NUMBER, STRING, OP, ERROR -> t.end() > t.start();
            default -> false;
        };
    }

    Tok tok(int index) {
        return tokens.all().get(index);
    }

    boolean isOp(int index, String op) {
        Tok t = tok(index);
        return t.kind() == Kind.OP && text(t).equals(op);
    }

    /** The indentation widths open just before a line: the enclosing blocks' levels, outermost first. */
    List<Integer> levelsBefore(int line) {
        List<Integer> stack = new ArrayList<>(List.of(0));
        int limit = src.start(line);
        boolean lineStart = true;
        for (Tok t : tokens.all()) {
            if (t.start() >= limit) {
                break;
            }
            if (t.kind() == Kind.NEWLINE) {
                lineStart = true;
            } else if (isCode(t) && lineStart) {
                lineStart = false;
                int w = src.indentWidth(src.lineOf(t.start()));
                while (w < stack.get(stack.size() - 1)) {
                    stack.remove(stack.size() - 1);
                }
                if (w > stack.get(stack.size() - 1)) {
                    stack.add(w);
                }
            }
        }
        return stack;
    }

    /** Re-indents lines {@code from..to}: the leading {@code oldPrefix} of each non-blank line becomes {@code newPrefix}. */
    List<Edit> reindent(int from, int to, String oldPrefix, String newPrefix) {
        List<Edit> edits = new ArrayList<>();
        for (int l = from; l <= to; l++) {
            if (src.blank(l)) {
                continue;
            }
            String ind = src.indent(l);
            int s = src.start(l);
            if (ind.startsWith(oldPrefix)) {
                edits.add(new Edit(s, s + oldPrefix.length(), newPrefix));
            } else {
                // narrower than the block: keep its extra depth relative to the new level
                int extra = Math.max(0, SourceText.width(ind) - SourceText.width(oldPrefix));
                edits.add(new Edit(s, s + ind.length(), newPrefix + " ".repeat(extra)));
            }
        }
        edits.removeIf(e -> e.text().equals(src.text().substring(e.start(), e.end())));
        return edits;
    }

    /** The offset after the last non-blank character of a line, before a trailing comment when {@code beforeComment}. */
    int codeEnd(int line, boolean beforeComment) {
        int end = src.start(line);
        for (int i : onLine(line)) {
            Tok t = tok(i);
            if (isCode(t) || !beforeComment && t.kind() == Kind.COMMENT) {
                end = Math.max(end, t.end());
            }
        }
        if (end == src.start(line)) {
            end = src.start(line) + src.line(line).stripTrailing().length();
        }
        return end;
    }
}
