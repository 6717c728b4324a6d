package io.github.recoverygates.ssot;

import static io.github.recoverygates.ssot.PythonStatements.COMPOUND;
import static io.github.recoverygates.ssot.PythonStatements.catchesImportError;
import static io.github.recoverygates.ssot.PythonStatements.classify;
import static io.github.recoverygates.ssot.PythonStatements.constantSuccess;
import static io.github.recoverygates.ssot.PythonStatements.dotted;
import static io.github.recoverygates.ssot.PythonStatements.headerColon;
import static io.github.recoverygates.ssot.PythonStatements.inlineCompound;
import static io.github.recoverygates.ssot.PythonStatements.isDisabledMarker;
import static io.github.recoverygates.ssot.PythonStatements.nameAfter;
import static io.github.recoverygates.ssot.PythonStatements.softCompound;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.github.recoverygates.ssot.PythonLines.Tok;
import io.github.recoverygates.ssot.PythonStatements.Stmt;

/**
 * A Python statement reader over the shared tokenizer's logical lines ({@link PythonLines}):
 * indentation blocks, compound headers, imports, definitions and function bodies. Enough of the language to find every
 * import (absolute, relative, parenthesised, inside functions or {@code try}), every class and
 * function definition at any depth, and the bodies of check functions and tests, without running
 * python. One pass, no backtracking; about as fast as reading the bytes.
 */
final class PythonScanner implements PythonLines.Listener {

    private static final Set<String> SKIP_CALLS = Set.of("skip", "skipif", "skipTest", "skipUnless", "skipIf");

    private record Block(int level, String kind, PythonFunction func, int tryId) {
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
        int last = PythonLines.read(src, s);
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
            if (t.type() == PythonLines.OP) {
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
        if (first.type() == PythonLines.NAME && (COMPOUND.contains(first.text()) || softCompound(toks))) {
            compound(toks, level);
            return;
        }
        headerOpen = false;
        record(classify(toks));
        scanCalls(toks);
        if (first.type() == PythonLines.NAME && first.text().equals("import")) {
            importStatement(toks);
        } else if (first.type() == PythonLines.NAME && first.text().equals("from") && toks.size() > 1) {
            fromStatement(toks);
        }
    }

    /** A compound statement: its header opens a block; a body on the same line is read as a statement in it. */
    private void compound(List<Tok> toks, int level) {
        Tok first = toks.get(0);
        int colon = headerColon(toks);
        record(Stmt.OTHER);
        if (colon < 0) {
            if (!first.text().equals("async")) {
                fail(first.line(), "expected ':' after '" + first.text() + "'");
            }
            scanCalls(toks);
            return;
        }
        List<Tok> header = toks.subList(0, colon);
        scanCalls(header);
        String kw = first.text().equals("async") && toks.size() > 1 ? toks.get(1).text() : first.text();
        blocks.push(open(kw, header, level));
        if (colon + 1 < toks.size()) {
            statement(toks.subList(colon + 1, toks.size()), level + 1);
        } else {
            headerOpen = true;
        }
    }

    /** The block a header opens: a definition is recorded, a try remembered for its excepts. */
    private Block open(String kw, List<Tok> header, int level) {
        switch (kw) {
            case "def" -> {
                Tok name = nameAfter(header, "def");
                PythonFunction func = null;
                if (name != null) {
                    definitions.add(new FileFacts.Definition(name.text(), "function", name.line(), name.col(), moduleLevel()));
                    boolean check = spec.fakeSuccess() && spec.isCheckName(name.text());
                    boolean test = spec.fakeSuccess() && criticalScope && name.text().startsWith("test");
                    if (check || test) {
                        func = new PythonFunction(name.text(), name.line(), name.col(), check, test);
                    }
                }
                return new Block(level, "def", func, -1);
            }
            case "class" -> {
                Tok name = nameAfter(header, "class");
                if (name != null) {
                    definitions.add(new FileFacts.Definition(name.text(), "class", name.line(), name.col(), moduleLevel()));
                }
                return new Block(level, "class", null, -1);
            }
            case "try" -> {
                int id = nextTry++;
                lastTryAtLevel.put(level, id);
                return new Block(level, "try", null, id);
            }
            case "except" -> {
                Integer id = lastTryAtLevel.get(level);
                if (id != null && catchesImportError(header)) {
                    guarding.set(id);
                }
                return new Block(level, "except", null, -1);
            }
            default -> {
                return new Block(level, kw, null, -1);
            }
        }
    }

    private boolean moduleLevel() {
        for (Block b : blocks) {
            if (b.kind.equals("def") || b.kind.equals("class")) {
                return false;
            }
        }
        return true;
    }

    /** The tries around the current statement, innermost first. */
    private int[] enclosingTries() {
        return blocks.stream().mapToInt(Block::tryId).filter(id -> id >= 0).toArray();
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
        while (k < toks.size() && toks.get(k).type() == PythonLines.OP && toks.get(k).text().equals(".")) {
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
            if (t.type() == PythonLines.NAME && !t.text().equals("as")) {
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

    /** importlib.import_module('x'), __import__('x'), pytest.skip(reason mentioning a real service). */
    private void scanCalls(List<Tok> toks) {
        for (int k = 0; k + 2 < toks.size(); k++) {
            Tok t = toks.get(k);
            if (t.type() != PythonLines.NAME || !toks.get(k + 1).text().equals("(")) {
                continue;
            }
            if ((t.text().equals("import_module") || t.text().equals("__import__")) && toks.get(k + 2).type() == PythonLines.STRING) {
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
                    if (a.text().equals("(") && a.type() == PythonLines.OP) {
                        depth++;
                    } else if (a.text().equals(")") && a.type() == PythonLines.OP && --depth == 0) {
                        break;
                    } else if (a.type() == PythonLines.STRING) {
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

    private void close(Block b) {
        PythonFunction f = b.func;
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
