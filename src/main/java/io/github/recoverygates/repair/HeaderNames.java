package io.github.recoverygates.repair;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Which units of a dedented body must have belonged to a block: they use a name its header binds. */
final class HeaderNames {

    private HeaderNames() {
    }

    /**
     * The last unit (index) that uses a name the header binds (a parameter, {@code self}, a loop or
     * {@code as} variable), or a name bound by a unit before it that does: such a unit cannot have
     * been outside the block. -1 when none does.
     */
    static int lastUnitUsing(Broken b, int header, int headerEnd, List<int[]> units) {
        Set<String> params = headerNames(b, header, headerEnd);
        Set<String> earlier = namesBefore(b, header, headerEnd);
        List<Set<String>> used = new ArrayList<>();
        List<Set<String>> assigned = new ArrayList<>();
        for (int[] u : units) {
            Set<String> names = new java.util.HashSet<>();
            Set<String> stores = new java.util.HashSet<>();
            for (int l = u[0]; l <= u[1]; l++) {
                List<Integer> code = b.codeOnLine(l);
                for (int c = 0; c < code.size(); c++) {
                    PyTokens.Tok t = b.tok(code.get(c));
                    if (!b.tokens.plainName(t) || c > 0 && b.isOp(code.get(c - 1), ".")) {
                        continue;
                    }
                    names.add(b.text(t));
                    boolean declared = c > 0 && (b.text(b.tok(code.get(0))).equals("global")
                            || b.text(b.tok(code.get(0))).equals("nonlocal"));
                    if (declared || c + 1 < code.size() && ASSIGN.contains(b.text(b.tok(code.get(c + 1))))) {
                        stores.add(b.text(t));
                    }
                }
            }
            used.add(names);
            assigned.add(stores);
        }
        // grows with what the units inside the block bind, until nothing more is pulled in
        int needed = units.isEmpty() ? -1 : 0; // the first unit is in the block: that is what the error says
        while (true) {
            Set<String> bound = new java.util.HashSet<>(params);
            for (int k = 0; k <= needed; k++) {
                for (String n : assigned.get(k)) {
                    if (!earlier.contains(n)) {
                        bound.add(n); // a name that had a value before the block does not pull a later use in
                    }
                }
            }
            int next = needed;
            for (int k = needed + 1; k < units.size(); k++) {
                for (String n : used.get(k)) {
                    if (bound.contains(n)) {
                        next = k;
                        break;
                    }
                }
            }
            if (next == needed) {
                return needed;
            }
            needed = next;
        }
    }

    private static final Set<String> ASSIGN = Set.of("=", "+=", "-=", "*=", "/=", "//=", "%=", "**=", "|=", "&=", "^=",
            ">>=", "<<=", "@=", ":=");

    /**
     * The names used from the start of the enclosing definition (or of the file) through the header,
     * except those the header binds itself.
     */
    private static Set<String> namesBefore(Broken b, int header, int headerEnd) {
        int width = b.src.indentWidth(header);
        int from = 1;
        for (int l = header - 1; l >= 1; l--) {
            if (!b.src.blank(l) && b.src.indentWidth(l) < width && IndentFixes.DEFINITION.matcher(b.src.line(l).strip()).find()) {
                from = l;
                break;
            }
        }
        Set<String> out = new java.util.HashSet<>();
        for (int l = from; l <= headerEnd; l++) {
            for (int i : b.codeOnLine(l)) {
                if (b.tokens.plainName(b.tok(i))) {
                    out.add(b.text(b.tok(i)));
                }
            }
        }
        out.removeAll(headerNames(b, header, headerEnd));
        return out;
    }

    /** The names a header binds: a def's parameters, a for's targets, an as-name. */
    private static Set<String> headerNames(Broken b, int header, int headerEnd) {
        Set<String> out = new java.util.HashSet<>();
        List<Integer> code = new ArrayList<>();
        for (int l = header; l <= headerEnd; l++) {
            code.addAll(b.codeOnLine(l));
        }
        if (code.isEmpty()) {
            return out;
        }
        String first = b.text(b.tok(code.get(0)));
        int start = first.equals("async") && code.size() > 1 ? 1 : 0;
        String keyword = b.text(b.tok(code.get(start)));
        if (keyword.equals("def")) {
            int depth = 0;
            boolean inDefault = false;
            for (int c = start; c < code.size(); c++) {
                PyTokens.Tok t = b.tok(code.get(c));
                String s = b.text(t);
                if (s.equals("(") || s.equals("[") || s.equals("{")) {
                    depth++;
                } else if (s.equals(")") || s.equals("]") || s.equals("}")) {
                    depth--;
                } else if (depth == 1 && (s.equals("=") || s.equals(":"))) {
                    inDefault = true;
                } else if (depth == 1 && s.equals(",")) {
                    inDefault = false;
                } else if (depth == 1 && !inDefault && b.tokens.plainName(t)) {
                    out.add(s);
                }
            }
        } else if (keyword.equals("for")) {
            for (int c = start + 1; c < code.size() && !b.text(b.tok(code.get(c))).equals("in"); c++) {
                if (b.tokens.plainName(b.tok(code.get(c)))) {
                    out.add(b.text(b.tok(code.get(c))));
                }
            }
        }
        for (int c = 0; c + 1 < code.size(); c++) {
            if (b.text(b.tok(code.get(c))).equals("as") && b.tokens.plainName(b.tok(code.get(c + 1)))) {
                out.add(b.text(b.tok(code.get(c + 1))));
            }
        }
        return out;
    }
}
