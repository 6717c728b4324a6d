package io.github.recoverygates.ssot;

import io.github.recoverygates.ssot.CLikeLexer.Tok;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Imports, definitions, watched words and constant-success check methods of Java and
 * JavaScript/TypeScript files, read from {@link CLikeLexer} tokens (so nothing in a comment or a
 * string counts as code).
 */
final class CLikeScanner {

    private static final Set<String> JAVA_TYPES = Set.of("class", "interface", "enum", "record");
    private static final Set<String> TYPE_TOKENS = Set.of(":", "<", ">", "[", "]", "|", "&", ".", ",", "?", "throws");
    private static final Set<String> SUCCESS = Set.of("true", "ok", "success", "healthy", "valid", "passed");

    private CLikeScanner() {
    }

    static FileFacts java(String src, ScanSpec spec) {
        String[] error = new String[1];
        List<Tok> toks = CLikeLexer.lex(src, false, error);
        List<FileFacts.Import> imports = new ArrayList<>();
        List<FileFacts.Definition> defs = new ArrayList<>();
        String pkg = null;
        BraceDepth depth = new BraceDepth();
        for (int k = 0; k < toks.size(); k++) {
            Tok t = toks.get(k);
            if (depth.step(t) || t.type() != CLikeLexer.NAME) {
                continue;
            }
            boolean afterDot = at(toks, k - 1, ".");
            if (depth.top() && !afterDot && (t.text().equals("import") || t.text().equals("package"))) {
                JavaName name = JavaName.read(toks, k);
                if (t.text().equals("package")) {
                    pkg = name.qualified();
                } else if (!name.qualified().isEmpty()) {
                    imports.add(name.toImport(toks, k));
                }
                k = name.end();
                continue;
            }
            if (JAVA_TYPES.contains(t.text()) && !afterDot && k + 1 < toks.size()
                    && toks.get(k + 1).type() == CLikeLexer.NAME
                    && (!t.text().equals("record") || at(toks, k + 2, "(") || at(toks, k + 2, "<"))) {
                defs.add(definition(toks.get(k + 1), "class", depth));
            }
        }
        return new FileFacts("java", error[0], pkg, imports, defs, words(toks, spec), checks(toks, pairs(toks), spec));
    }

    /** The brace depth while walking the tokens: at the top level or inside a type or function body. */
    private static final class BraceDepth {
        private int depth;

        /** Counts {@code t} if it is a brace; true when it is punctuation (nothing else to read in it). */
        boolean step(Tok t) {
            if (t.type() != CLikeLexer.OP) {
                return false;
            }
            if (t.is("{")) {
                depth++;
            } else if (t.is("}")) {
                depth = Math.max(0, depth - 1);
            }
            return true;
        }

        boolean top() {
            return depth == 0;
        }
    }

    private static FileFacts.Definition definition(Tok name, String kind, BraceDepth depth) {
        return new FileFacts.Definition(name.text(), kind, name.line(), name.col(), depth.top());
    }

    /** The dotted name after {@code import [static]} or {@code package}, up to the {@code ;} (index {@code end}). */
    private record JavaName(String qualified, boolean isStatic, int end) {

        static JavaName read(List<Tok> toks, int k) {
            int j = k + 1;
            boolean isStatic = at(toks, j, "static") && toks.get(k).text().equals("import");
            if (isStatic) {
                j++;
            }
            StringBuilder name = new StringBuilder();
            while (j < toks.size() && !toks.get(j).is(";")) {
                Tok p = toks.get(j);
                if (p.type() == CLikeLexer.NAME || p.is(".") || p.is("*")) {
                    name.append(p.text());
                } else if (!p.is("@")) {
                    break;
                }
                j++;
            }
            String qualified = name.toString();
            if (qualified.endsWith(".*")) {
                qualified = qualified.substring(0, qualified.length() - 2);
            }
            return new JavaName(qualified, isStatic, j);
        }

        FileFacts.Import toImport(List<Tok> toks, int k) {
            Tok first = toks.get(k + (isStatic ? 2 : 1));
            return new FileFacts.Import(qualified, 0, List.of(), first.line(), first.col(),
                    isStatic ? "static" : "java", false);
        }
    }

    static FileFacts javascript(String src, ScanSpec spec, boolean typescript) {
        String[] error = new String[1];
        List<Tok> toks = CLikeLexer.lex(src, true, error);
        int[] pairs = pairs(toks);
        List<FileFacts.Import> imports = new ArrayList<>();
        List<FileFacts.Definition> defs = new ArrayList<>();
        BraceDepth depth = new BraceDepth();
        for (int k = 0; k < toks.size(); k++) {
            Tok t = toks.get(k);
            if (depth.step(t) || t.type() != CLikeLexer.NAME || at(toks, k - 1, ".") || at(toks, k - 1, "?")) {
                continue;
            }
            switch (t.text()) {
                case "import", "export", "require" -> jsImport(toks, k).ifPresent(imports::add);
                case "class" -> {
                    if (k + 1 < toks.size() && toks.get(k + 1).type() == CLikeLexer.NAME
                            && !toks.get(k + 1).text().equals("extends")) {
                        defs.add(definition(toks.get(k + 1), "class", depth));
                    }
                }
                case "function" -> {
                    int j = at(toks, k + 1, "*") ? k + 2 : k + 1;
                    if (j < toks.size() && toks.get(j).type() == CLikeLexer.NAME) {
                        defs.add(definition(toks.get(j), "function", depth));
                    }
                }
                case "const", "let", "var" -> {
                    if (k + 2 < toks.size() && toks.get(k + 1).type() == CLikeLexer.NAME && at(toks, k + 2, "=")
                            && !at(toks, k + 3, "=") && isFunctionValue(toks, pairs, k + 3)) {
                        defs.add(definition(toks.get(k + 1), "function", depth));
                    }
                }
                default -> {
                }
            }
        }
        return new FileFacts(typescript ? "typescript" : "javascript", error[0], null, imports, defs,
                words(toks, spec), checks(toks, pairs, spec));
    }

    /** The module an {@code import}, {@code export ... from} or {@code require(...)} at {@code k} names, if any. */
    private static java.util.Optional<FileFacts.Import> jsImport(List<Tok> toks, int k) {
        Tok t = toks.get(k);
        int specifier = -1;
        String kind = t.text().equals("import") ? "esm" : t.text();
        switch (t.text()) {
            case "import" -> {
                if (at(toks, k + 1, "(") && string(toks, k + 2) && (at(toks, k + 3, ")") || at(toks, k + 3, ","))) {
                    specifier = k + 2;
                    kind = "dynamic";
                } else if (string(toks, k + 1)) {
                    specifier = k + 1;
                } else if (!at(toks, k + 1, "(") && !at(toks, k + 1, ".") && !at(toks, k + 1, ":")) {
                    specifier = findFrom(toks, k + 1, 400) + 1;
                }
            }
            case "export" -> {
                if (at(toks, k + 1, "*") || at(toks, k + 1, "{") || at(toks, k + 1, "type")) {
                    specifier = findFrom(toks, k + 1, 400) + 1;
                }
            }
            default -> {
                if (at(toks, k + 1, "(") && string(toks, k + 2) && at(toks, k + 3, ")")) {
                    specifier = k + 2;
                }
            }
        }
        return specifier > 0 ? java.util.Optional.of(jsImport(toks.get(specifier), t, kind)) : java.util.Optional.empty();
    }

    private static FileFacts.Import jsImport(Tok specifier, Tok keyword, String kind) {
        return new FileFacts.Import(specifier.text(), 0, List.of(), keyword.line(), keyword.col(), kind, false);
    }

    /** The index of {@code from} followed by a string, before the statement ends; -1 if none. */
    private static int findFrom(List<Tok> toks, int start, int limit) {
        for (int j = start; j < toks.size() - 1 && j < start + limit; j++) {
            Tok t = toks.get(j);
            if (t.is("from") && toks.get(j + 1).type() == CLikeLexer.STRING) {
                return j;
            }
            if (t.is(";") || t.is("import") || t.is("export") || t.is("=")) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean isFunctionValue(List<Tok> toks, int[] pairs, int k) {
        int j = at(toks, k, "async") ? k + 1 : k;
        if (at(toks, j, "function")) {
            return true;
        }
        if (at(toks, j, "(")) {
            int close = pairs[j];
            int after = skipType(toks, close + 1);
            return close > 0 && arrow(toks, after);
        }
        return j < toks.size() && toks.get(j).type() == CLikeLexer.NAME && arrow(toks, j + 1);
    }

    private static boolean arrow(List<Tok> toks, int k) {
        return at(toks, k, "=") && at(toks, k + 1, ">") && toks.get(k + 1).col() == toks.get(k).col() + 1;
    }

    static boolean at(List<Tok> toks, int k, String text) {
        return k >= 0 && k < toks.size() && toks.get(k).is(text);
    }

    private static boolean string(List<Tok> toks, int k) {
        return k < toks.size() && toks.get(k).type() == CLikeLexer.STRING;
    }

    /** For each opening bracket, the index of its closing one (-1 if none): one pass, so minified files stay linear. */
    static int[] pairs(List<Tok> toks) {
        int[] out = new int[toks.size()];
        java.util.Arrays.fill(out, -1);
        int[] stack = new int[toks.size() + 1];
        int top = 0;
        for (int j = 0; j < toks.size(); j++) {
            Tok t = toks.get(j);
            if (t.type() != CLikeLexer.OP || t.text().length() != 1) {
                continue;
            }
            char c = t.text().charAt(0);
            if (c == '(' || c == '[' || c == '{') {
                stack[top++] = j;
            } else if (c == ')' || c == ']' || c == '}') {
                char want = c == ')' ? '(' : c == ']' ? '[' : '{';
                // unwind to the nearest matching opener; stray closers are ignored
                for (int k = top - 1; k >= 0; k--) {
                    if (toks.get(stack[k]).text().charAt(0) == want) {
                        out[stack[k]] = j;
                        top = k;
                        break;
                    }
                }
            }
        }
        return out;
    }

    private static int skipType(List<Tok> toks, int k) {
        int j = k;
        while (j < toks.size() && j < k + 30 && !arrow(toks, j) && !toks.get(j).is("{")
                && (toks.get(j).type() == CLikeLexer.NAME || TYPE_TOKENS.contains(toks.get(j).text()))) {
            j++;
        }
        return j;
    }

    private static List<FileFacts.Word> words(List<Tok> toks, ScanSpec spec) {
        if (spec.words().isEmpty()) {
            return List.of();
        }
        List<FileFacts.Word> out = new ArrayList<>();
        for (Tok t : toks) {
            if (t.type() == CLikeLexer.NAME) {
                if (spec.words().contains(t.text())) {
                    out.add(new FileFacts.Word(t.text(), t.line(), t.col(), false));
                }
            } else if (t.type() == CLikeLexer.STRING || t.type() == CLikeLexer.TEMPLATE) {
                for (String w : spec.wordsInStrings()) {
                    if (t.text().contains(w)) {
                        ScanSpec.findWholeWords(t.text(), w, at -> out.add(new FileFacts.Word(w, t.line(), t.col(), true)));
                    }
                }
            }
        }
        return out;
    }

    /** Methods and functions named like checks whose whole body returns a constant success. */
    private static List<FileFacts.Fake> checks(List<Tok> toks, int[] pairs, ScanSpec spec) {
        if (!spec.fakeSuccess()) {
            return List.of();
        }
        List<FileFacts.Fake> out = new ArrayList<>();
        for (int k = 0; k + 1 < toks.size(); k++) {
            Tok name = toks.get(k);
            if (name.type() != CLikeLexer.NAME || at(toks, k - 1, ".") || at(toks, k - 1, "new")
                    || !spec.isCheckName(name.text())) {
                continue;
            }
            int open;
            if (at(toks, k + 1, "(")) {
                open = k + 1;
            } else if ((at(toks, k + 1, "=") || at(toks, k + 1, ":")) && !at(toks, k + 2, "=")) {
                int j = k + 2;
                if (at(toks, j, "async")) {
                    j++;
                }
                if (at(toks, j, "function")) {
                    j++;
                }
                if (!at(toks, j, "(")) {
                    continue;
                }
                open = j;
            } else {
                continue;
            }
            int close = pairs[open];
            if (close < 0) {
                continue;
            }
            int body = skipType(toks, close + 1);
            boolean constant;
            if (arrow(toks, body)) {
                int e = body + 2;
                constant = at(toks, e, "{") ? returnsConstant(toks, e) : isSuccess(toks, e) && endsExpression(toks, e + 1);
            } else {
                constant = at(toks, body, "{") && returnsConstant(toks, body);
            }
            if (constant) {
                out.add(new FileFacts.Fake("return-true", name.text(), name.line(), name.col(),
                        "check " + name.text() + "() only returns a constant success"));
            }
        }
        return out;
    }

    /** "{ return true; }" exactly. */
    private static boolean returnsConstant(List<Tok> toks, int open) {
        int j = open + 1;
        if (!at(toks, j, "return") || !isSuccess(toks, j + 1)) {
            return false;
        }
        j += 2;
        if (at(toks, j, ";")) {
            j++;
        }
        return at(toks, j, "}");
    }

    private static boolean isSuccess(List<Tok> toks, int k) {
        if (k >= toks.size()) {
            return false;
        }
        Tok t = toks.get(k);
        return t.type() == CLikeLexer.NAME && t.text().equals("true")
                || t.type() == CLikeLexer.STRING && SUCCESS.contains(t.text().toLowerCase(java.util.Locale.ROOT));
    }

    private static boolean endsExpression(List<Tok> toks, int k) {
        return k >= toks.size() || at(toks, k, ";") || at(toks, k, ",") || at(toks, k, "}") || at(toks, k, ")");
    }
}
