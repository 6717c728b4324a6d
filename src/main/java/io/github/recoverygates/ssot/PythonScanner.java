package io.github.recoverygates.ssot;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.github.recoverygates.ssot.PythonTokenizer.Tok;

/**
 * A Python tokenizer and statement reader in Java: strings (all prefixes, triple quotes), comments,
 * brackets and backslash continuations, indentation blocks. Enough of the language to find every
 * import (absolute, relative, parenthesised, inside functions or {@code try}), every class and
 * function definition at any depth, and the bodies of check functions and tests, without running
 * python. One pass, no backtracking; about as fast as reading the bytes.
 */
final class PythonScanner implements PythonTokenizer.Listener {

    private static final Set<String> COMPOUND = Set.of("if", "elif", "else", "try", "except", "finally", "while",
            "for", "with", "def", "class", "async");
    private static final Set<String> IMPORT_CATCHERS = Set.of("ImportError", "ModuleNotFoundError", "Exception",
            "BaseException");
    private static final Set<String> SKIP_CALLS = Set.of("skip", "skipif", "skipTest", "skipUnless", "skipIf");
    private static final Set<String> SUCCESS_WORDS = Set.of("ok", "success", "succeeded", "healthy", "pass", "passed",
            "valid", "up", "green", "true");

    /** Statement shapes that matter to a function body's verdict. */
    private enum Stmt { DOC, PASS, ELLIPSIS, RETURN_SUCCESS, ASSERT_TRUE, OTHER }

    private static final class Func {
        final String name;
        final int line;
        final int col;
        final boolean check;
        final boolean test;
        final List<Stmt> body = new ArrayList<>();

        Func(String name, int line, int col, boolean check, boolean test) {
            this.name = name;
            this.line = line;
            this.col = col;
            this.check = check;
            this.test = test;
        }
    }

    private record Block(int level, String kind, Func func, int tryId) {
    }

    private record PendingImport(FileFacts.Import imp, int[] tries) {
    }

    private final String src;
    private final ScanSpec spec;
    private final boolean criticalScope;
    private final boolean testFile;

    private final List<PendingImport> imports = new ArrayList<>();
    private final List<FileFacts.Definition> definitions = new ArrayList<>();
    private final List<FileFacts.Word> words = new ArrayList<>();
    private final List<FileFacts.Fake> fakes = new ArrayList<>();
    private final Deque<Block> blocks = new ArrayDeque<>();
    private final Map<Integer, Integer> lastTryAtLevel = new HashMap<>();
    private final BitSet guarding = new BitSet();
    private int nextTry;
    private String parseError;
    private final Deque<Integer> indents = new ArrayDeque<>(List.of(0));
    /** The last statement was a compound header whose body starts on the next line. */
    private boolean headerOpen;

    private PythonScanner(String src, ScanSpec spec, boolean criticalScope, boolean testFile) {
        this.src = src;
        this.spec = spec;
        this.criticalScope = criticalScope;
        this.testFile = testFile;
    }

    static FileFacts scan(String src, ScanSpec spec, boolean criticalScope, boolean testFile) {
        PythonScanner s = new PythonScanner(src, spec, criticalScope, testFile);
        int last = new PythonTokenizer(src, s).tokenize();
        if (s.headerOpen) {
            s.fail(last, "expected an indented block");
        }
        while (!s.blocks.isEmpty()) {
            s.close(s.blocks.pop());
        }
        List<FileFacts.Import> done = new ArrayList<>(s.imports.size());
        for (PendingImport p : s.imports) {
            boolean guarded = false;
            for (int t : p.tries) {
                guarded |= s.guarding.get(t);
            }
            FileFacts.Import i = p.imp;
            done.add(guarded ? new FileFacts.Import(i.module(), i.level(), i.names(), i.line(), i.column(), i.kind(), true) : i);
        }
        return new FileFacts("python", s.parseError, null, done, s.definitions, s.words, s.fakes);
    }

    // ---------------------------------------------------------------- tokens

    @Override
    public void fail(int line, String message) {
        if (parseError == null) {
            parseError = "line " + line + ": " + message;
        }
    }

    @Override
    public void name(String name, int line, int col) {
        if (spec.words().contains(name)) {
            words.add(new FileFacts.Word(name, line, col, false));
        }
    }

    @Override
    public void string(String text, int line, int col) {
        for (String w : spec.wordsInStrings()) {
            if (text.contains(w)) {
                ScanSpec.findWholeWords(text, w, at -> words.add(new FileFacts.Word(w, line, col, true)));
            }
        }
    }

    @Override
    public void comment(String text, int line, int col) {
        if (!spec.fakeSuccess()) {
            return;
        }
        for (String marker : spec.markers()) {
            if (text.contains(marker) && isDisabledMarker(text.strip(), marker)) {
                fakes.add(new FileFacts.Fake("disabled-marker", marker, line, col, "#" + text.strip()));
                return;
            }
        }
    }

    /** "@require_docker_services()", "@pytest.mark.x", "pytestmark = pytest.mark.x": a marker switched off by a '#'. */
    static boolean isDisabledMarker(String comment, String marker) {
        String stripped = comment;
        while (stripped.startsWith("#")) {
            stripped = stripped.substring(1).strip();
        }
        String c = stripped;
        boolean[] found = new boolean[1];
        ScanSpec.findWholeWords(c, marker, at -> {
            String before = c.substring(0, at);
            if (before.startsWith("@") && before.matches("@\\s*([A-Za-z_][\\w]*\\s*\\.\\s*)*")
                    || before.endsWith("mark.")) {
                found[0] = true;
            }
        });
        return found[0];
    }

    // ------------------------------------------------------------ statements

    @Override
    public void logicalLine(List<Tok> toks, int indent) {
        int line = toks.get(0).line();
        if (headerOpen) {
            if (indent <= indents.peek()) {
                fail(line, "expected an indented block");
            } else {
                indents.push(indent);
            }
        } else if (indent > indents.peek()) {
            fail(line, "unexpected indent");
        } else {
            while (indent < indents.peek()) {
                indents.pop();
            }
            if (indent != indents.peek()) {
                fail(line, "unindent does not match any outer indentation level");
            }
        }
        headerOpen = false;
        int level = indent * 2;
        int depth = 0;
        int start = 0;
        int partLevel = level;
        for (int k = 0; k < toks.size(); k++) {
            Tok t = toks.get(k);
            if (t.type() == PythonTokenizer.OP) {
                switch (t.text()) {
                    case "(", "[", "{" -> depth++;
                    case ")", "]", "}" -> depth = Math.max(0, depth - 1);
                    case ";" -> {
                        if (depth == 0) {
                            List<Tok> part = toks.subList(start, k);
                            statement(part, partLevel);
                            if (start == 0 && inlineCompound(part)) {
                                partLevel = level + 1; // "if x: a; b": b is in the body too
                            }
                            start = k + 1;
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        statement(toks.subList(start, toks.size()), partLevel);
    }

    private void statement(List<Tok> toks, int level) {
        if (toks.isEmpty()) {
            return;
        }
        while (!blocks.isEmpty() && blocks.peek().level >= level) {
            close(blocks.pop());
        }
        Tok first = toks.get(0);
        String kw = first.type() == PythonTokenizer.NAME ? first.text() : "";
        if (kw.equals("async") && toks.size() > 1) {
            kw = toks.get(1).text();
        }
        if (first.type() == PythonTokenizer.NAME && (COMPOUND.contains(first.text()) || softCompound(toks))) {
            int colon = headerColon(toks);
            if (colon < 0) {
                if (!first.text().equals("async")) {
                    fail(first.line(), "expected ':' after '" + first.text() + "'");
                }
                record(Stmt.OTHER);
                scanCalls(toks);
                return;
            }
            record(Stmt.OTHER);
            List<Tok> header = toks.subList(0, colon);
            scanCalls(header);
            switch (kw) {
                case "def" -> {
                    Tok name = nameAfter(header, "def");
                    Func func = null;
                    if (name != null) {
                        definitions.add(new FileFacts.Definition(name.text(), "function", name.line(), name.col(), moduleLevel()));
                        boolean check = spec.fakeSuccess() && spec.isCheckName(name.text());
                        boolean test = spec.fakeSuccess() && criticalScope && name.text().startsWith("test");
                        if (check || test) {
                            func = new Func(name.text(), name.line(), name.col(), check, test);
                        }
                    }
                    blocks.push(new Block(level, "def", func, -1));
                }
                case "class" -> {
                    Tok name = nameAfter(header, "class");
                    if (name != null) {
                        definitions.add(new FileFacts.Definition(name.text(), "class", name.line(), name.col(), moduleLevel()));
                    }
                    blocks.push(new Block(level, "class", null, -1));
                }
                case "try" -> {
                    int id = nextTry++;
                    lastTryAtLevel.put(level, id);
                    blocks.push(new Block(level, "try", null, id));
                }
                case "except" -> {
                    Integer id = lastTryAtLevel.get(level);
                    if (id != null && catchesImportError(header)) {
                        guarding.set(id);
                    }
                    blocks.push(new Block(level, "except", null, -1));
                }
                default -> blocks.push(new Block(level, kw, null, -1));
            }
            if (colon + 1 < toks.size()) {
                statement(toks.subList(colon + 1, toks.size()), level + 1);
            } else {
                headerOpen = true;
            }
            return;
        }
        headerOpen = false;
        record(classify(toks));
        scanCalls(toks);
        if (first.type() == PythonTokenizer.NAME && first.text().equals("import")) {
            importStatement(toks);
        } else if (first.type() == PythonTokenizer.NAME && first.text().equals("from") && toks.size() > 1) {
            fromStatement(toks);
        }
    }

    /** {@code match x:} and {@code case p:} (soft keywords), told apart from {@code match = 1} or {@code match(x)}. */
    private static boolean softCompound(List<Tok> toks) {
        String kw = toks.get(0).text();
        if (!kw.equals("match") && !kw.equals("case") || toks.size() < 3) {
            return false;
        }
        String second = toks.get(1).text();
        boolean ellipsis = second.equals(".") && toks.get(2).text().equals(".");
        if (toks.get(1).type() == PythonTokenizer.OP && !ellipsis && (second.equals("=") || second.equals(".") || second.equals(":")
                || second.equals(",") || second.equals(")"))) {
            return false;
        }
        int colon = headerColon(toks);
        if (colon < 2) {
            return false;
        }
        return kw.equals("case") || colon == toks.size() - 1;
    }

    private static boolean inlineCompound(List<Tok> part) {
        if (part.isEmpty() || part.get(0).type() != PythonTokenizer.NAME
                || !COMPOUND.contains(part.get(0).text()) && !softCompound(part)) {
            return false;
        }
        int colon = headerColon(part);
        return colon >= 0 && colon + 1 < part.size();
    }

    private boolean moduleLevel() {
        for (Block b : blocks) {
            if (b.kind.equals("def") || b.kind.equals("class")) {
                return false;
            }
        }
        return true;
    }

    private static int headerColon(List<Tok> toks) {
        int depth = 0;
        int lambdas = 0;
        for (int k = 1; k < toks.size(); k++) {
            Tok t = toks.get(k);
            if (t.type() == PythonTokenizer.NAME && depth == 0 && t.text().equals("lambda")) {
                lambdas++;
            }
            if (t.type() != PythonTokenizer.OP) {
                continue;
            }
            switch (t.text()) {
                case "(", "[", "{" -> depth++;
                case ")", "]", "}" -> depth = Math.max(0, depth - 1);
                case ":" -> {
                    boolean walrus = k + 1 < toks.size() && toks.get(k + 1).text().equals("=")
                            && toks.get(k + 1).col() == t.col() + 1 && toks.get(k + 1).line() == t.line();
                    if (depth == 0 && !walrus) {
                        if (lambdas > 0) {
                            lambdas--; // "for f in lambda c: c.copy(), copy.copy:" - that colon is the lambda's
                        } else {
                            return k;
                        }
                    }
                }
                default -> {
                }
            }
        }
        return -1;
    }

    private static Tok nameAfter(List<Tok> toks, String keyword) {
        for (int k = 0; k + 1 < toks.size(); k++) {
            if (toks.get(k).type() == PythonTokenizer.NAME && toks.get(k).text().equals(keyword) && toks.get(k + 1).type() == PythonTokenizer.NAME) {
                return toks.get(k + 1);
            }
        }
        return null;
    }

    private static boolean catchesImportError(List<Tok> header) {
        if (header.size() == 1) {
            return true; // a bare except catches everything
        }
        for (Tok t : header) {
            if (t.type() == PythonTokenizer.NAME && IMPORT_CATCHERS.contains(t.text())) {
                return true;
            }
        }
        return false;
    }

    private int[] enclosingTries() {
        int count = 0;
        for (Block b : blocks) {
            if (b.tryId >= 0) {
                count++;
            }
        }
        int[] out = new int[count];
        int k = 0;
        for (Block b : blocks) {
            if (b.tryId >= 0) {
                out[k++] = b.tryId;
            }
        }
        return out;
    }

    private void importStatement(List<Tok> toks) {
        int k = 1;
        while (k < toks.size()) {
            Tok start = toks.get(k);
            StringBuilder module = new StringBuilder();
            k = dotted(toks, k, module);
            if (module.length() > 0) {
                imports.add(new PendingImport(new FileFacts.Import(module.toString(), 0, List.of(), start.line(), start.col(),
                        "import", false), enclosingTries()));
            }
            if (k < toks.size() && toks.get(k).text().equals("as")) {
                k += 2;
            }
            while (k < toks.size() && !toks.get(k).text().equals(",")) {
                k++;
            }
            k++;
        }
    }

    private void fromStatement(List<Tok> toks) {
        int k = 1;
        int level = 0;
        while (k < toks.size() && toks.get(k).type() == PythonTokenizer.OP && toks.get(k).text().equals(".")) {
            level++;
            k++;
        }
        Tok start = k < toks.size() ? toks.get(k) : toks.get(0);
        StringBuilder module = new StringBuilder();
        k = dotted(toks, k, module);
        if (k >= toks.size() || !toks.get(k).text().equals("import")) {
            fail(toks.get(0).line(), "invalid 'from' import");
            return;
        }
        k++;
        List<String> names = new ArrayList<>();
        while (k < toks.size()) {
            Tok t = toks.get(k);
            if (t.type() == PythonTokenizer.NAME && !t.text().equals("as")) {
                names.add(t.text());
                if (k + 1 < toks.size() && toks.get(k + 1).text().equals("as")) {
                    k += 2;
                }
            } else if (t.text().equals("*")) {
                names.add("*");
            }
            k++;
        }
        if (level > 0 && module.length() == 0) {
            start = toks.get(0);
        }
        imports.add(new PendingImport(new FileFacts.Import(module.toString(), level, names, start.line(), start.col(),
                "from", false), enclosingTries()));
    }

    private static int dotted(List<Tok> toks, int k, StringBuilder out) {
        while (k < toks.size()) {
            Tok t = toks.get(k);
            if (t.type() == PythonTokenizer.NAME && !t.text().equals("import") && !t.text().equals("as")
                    && (out.length() == 0 || out.charAt(out.length() - 1) == '.')) {
                out.append(t.text());
            } else if (t.type() == PythonTokenizer.OP && t.text().equals(".") && out.length() > 0) {
                out.append('.');
            } else {
                break;
            }
            k++;
        }
        return k;
    }

    /** importlib.import_module('x'), __import__('x'), pytest.skip(reason mentioning a real service). */
    private void scanCalls(List<Tok> toks) {
        for (int k = 0; k + 2 < toks.size(); k++) {
            Tok t = toks.get(k);
            if (t.type() != PythonTokenizer.NAME || !toks.get(k + 1).text().equals("(")) {
                continue;
            }
            if ((t.text().equals("import_module") || t.text().equals("__import__")) && toks.get(k + 2).type() == PythonTokenizer.STRING) {
                String module = toks.get(k + 2).text();
                boolean whole = k + 3 >= toks.size() || toks.get(k + 3).text().equals(")") || toks.get(k + 3).text().equals(",");
                if (whole && module.matches("[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*)*")) {
                    imports.add(new PendingImport(new FileFacts.Import(module, 0, List.of(), t.line(), t.col(),
                            "dynamic", false), enclosingTries()));
                }
            } else if (spec.fakeSuccess() && testFile && SKIP_CALLS.contains(t.text())) {
                StringBuilder reason = new StringBuilder();
                int depth = 0;
                for (int j = k + 1; j < toks.size(); j++) {
                    Tok a = toks.get(j);
                    if (a.text().equals("(") && a.type() == PythonTokenizer.OP) {
                        depth++;
                    } else if (a.text().equals(")") && a.type() == PythonTokenizer.OP && --depth == 0) {
                        break;
                    } else if (a.type() == PythonTokenizer.STRING) {
                        reason.append(a.text()).append(' ');
                    }
                }
                String why = reason.toString().strip();
                if (!why.isEmpty() && spec.skipReasons().matcher(why).find()) {
                    fakes.add(new FileFacts.Fake("service-skip", t.text(), t.line(), t.col(),
                            why.length() > 120 ? why.substring(0, 120) + "…" : why));
                }
            }
        }
    }

    // ------------------------------------------------------------ functions

    private void record(Stmt stmt) {
        for (Block b : blocks) {
            if (b.kind.equals("def")) {
                if (b.func != null) {
                    b.func.body.add(stmt);
                }
                return; // only the innermost function hears about its statements
            }
        }
    }

    private static Stmt classify(List<Tok> toks) {
        Tok first = toks.get(0);
        boolean allStrings = true;
        for (Tok t : toks) {
            allStrings &= t.type() == PythonTokenizer.STRING;
        }
        if (allStrings) {
            return Stmt.DOC;
        }
        if (toks.size() == 1 && first.text().equals("pass")) {
            return Stmt.PASS;
        }
        if (toks.size() == 3 && toks.stream().allMatch(t -> t.text().equals("."))) {
            return Stmt.ELLIPSIS;
        }
        if (first.type() == PythonTokenizer.NAME && first.text().equals("assert") && toks.size() >= 2 && toks.get(1).text().equals("True")
                && (toks.size() == 2 || toks.get(2).text().equals(","))) {
            return Stmt.ASSERT_TRUE;
        }
        if (first.type() == PythonTokenizer.NAME && first.text().equals("return") && toks.size() >= 2 && constantSuccess(toks.subList(1, toks.size()))) {
            return Stmt.RETURN_SUCCESS;
        }
        return Stmt.OTHER;
    }

    /** True, (True, "msg"), {"status": "ok"}: literals only, saying success, never False. */
    private static boolean constantSuccess(List<Tok> expr) {
        boolean success = false;
        for (Tok t : expr) {
            switch (t.type()) {
                case PythonTokenizer.NAME -> {
                    if (t.text().equals("True")) {
                        success = true;
                    } else if (!t.text().equals("None")) {
                        return false;
                    }
                }
                case PythonTokenizer.STRING -> success |= SUCCESS_WORDS.contains(t.text().strip().toLowerCase(java.util.Locale.ROOT));
                case PythonTokenizer.NUMBER -> {
                }
                default -> {
                    if (!"()[]{},:".contains(t.text())) {
                        return false;
                    }
                }
            }
        }
        return success;
    }

    private void close(Block b) {
        Func f = b.func;
        if (f == null || f.body.isEmpty()) {
            return;
        }
        List<Stmt> real = f.body.stream().filter(s -> s != Stmt.DOC && s != Stmt.PASS && s != Stmt.ELLIPSIS).toList();
        if (f.check && real.equals(List.of(Stmt.RETURN_SUCCESS))) {
            fakes.add(new FileFacts.Fake("return-true", f.name, f.line, f.col,
                    "check function " + f.name + "() only returns a constant success"));
        } else if (f.test && real.stream().allMatch(s -> s == Stmt.ASSERT_TRUE)) {
            fakes.add(new FileFacts.Fake("trivial-test", f.name, f.line, f.col,
                    "test " + f.name + "() cannot fail: its body is only "
                            + (real.isEmpty() ? "pass, a docstring or ..." : "assert True")));
        }
    }
}
