package io.github.recoverygates.python;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which modules CPython 3.11's code generator could refuse: every error of its own is seen, and
 * where none is possible the symbol-table pass gives compile()'s verdict, checked by the real interpreter.
 */
class CodegenErrorsTest {

    /** Per file: compile()'s verdict and the symbol table's, each null or [type, msg, line, col, endLine, endCol]. */
    private static final String VERDICTS = String.join("\n",
            "import json, sys, _symtable, warnings",
            "warnings.simplefilter('ignore')",
            "def verdict(run):",
            "    try:",
            "        run()",
            "        return None",
            "    except Exception as e:",
            "        return [type(e).__name__, getattr(e, 'msg', str(e)), getattr(e, 'lineno', None),",
            "                getattr(e, 'offset', None), getattr(e, 'end_lineno', None), getattr(e, 'end_offset', None)]",
            "print(json.dumps({'version': sys.version.split()[0]}))",
            "for path in sys.argv[1:]:",
            "    data = open(path, 'rb').read()",
            "    print(json.dumps({'compile': verdict(lambda: compile(data, path, 'exec', dont_inherit=True)),",
            "                      'symtable': verdict(lambda: _symtable.symtable(data, path, 'exec'))}))");

    /** Modules only the code generator refuses, one or more forms of each of its errors. */
    private static final List<String> CODEGEN_ONLY = List.of(
            "return 1\n",
            "if ready:\n    return\n",
            "class A:\n    return 1\n",
            "class A: return 1\n",
            "def f():\n    class A:\n        return 1\n",
            "yield 1\n",
            "class A:\n    x = yield\n",
            "x: (yield) = 1\n",
            "def f(x=(yield)):\n    pass\n",
            "async def f():\n    yield 1\n    return 2\n",
            "async def f(): yield 1; return 2\n",
            "async def f():\n    yield from g()\n",
            "await x\n",
            "@(await x)\ndef f():\n    pass\n",
            "def f():\n    await x\n",
            "def f():\n    async def g(x=await y):\n        pass\n",
            "async def f():\n    g(lambda: await x)\n",
            "async def f():\n    class A:\n        x = await y\n",
            "def f():\n    async with a:\n        pass\n",
            "def f():\n    async for x in y:\n        pass\n",
            "def f():\n    return [x async for x in y]\n",
            "def f():\n    return [await x for x in y]\n",
            "x = f\"{await y}\"\n",
            "x = f'{(yield)}'\n",
            "break\n",
            "continue\n",
            "for x in y:\n    pass\nelse:\n    break\n",
            "while x:\n    def f():\n        break\n",
            "for x in y:\n    class A:\n        continue\n",
            "if x: break\n",
            "try:\n    pass\nexcept:\n    pass\nexcept ValueError:\n    pass\n",
            "try: pass\nexcept: pass\nexcept ValueError: pass\n",
            "for x in y:\n    try:\n        pass\n    except* ValueError:\n        break\n",
            "def f():\n    try:\n        pass\n    except* ValueError:\n        return\n",
            "*a = b\n",
            "a = *b\n",
            "a, *b, *c = d\n",
            "[*a, *b] = c\n",
            "for *a in b:\n    pass\n",
            "__debug__ = 1\n",
            "del __debug__\n",
            "f(__debug__=1)\n",
            "def f(__debug__):\n    pass\n",
            "f(a=1, a=2)\n",
            "dict(x=1, y=2, x=3)\n",
            "class A(metaclass=M, metaclass=N):\n    pass\n",
            "f(g(a=1), h(b=2), a=3,\n  a=4)\n",
            "x = f\"{g(a=1, a=2)}\"\n",
            "import os\nfrom __future__ import annotations\n",
            "\"\"\"Doc.\"\"\"\nx = 1\nfrom __future__ import annotations\n",
            "def f():\n    from __future__ import annotations\n",
            "match x:\n    case a:\n        pass\n    case b:\n        pass\n",
            "match x:\n    case {1: a, 1: b}:\n        pass\n",
            "match x:\n    case [a] | (b):\n        pass\n",
            "def f():\n" + nested("for i%d in x:", 21) + "pass\n",
            "def f():\n" + handlers(11) + "pass\n");

    /** Modules the code generator takes: each must read as safe here, or the rules refuse real code. */
    private static final List<String> SAFE = List.of(
            "\"\"\"A module.\"\"\"\nfrom __future__ import annotations\nimport os\n",
            "def f(x, *args, key=None, **kwargs):\n    if x:\n        return g(*args, key=key, **kwargs)\n    yield x\n",
            "async def f(xs):\n    async with lock:\n        async for x in xs:\n            await g(x)\n"
                    + "    return [await h(y) async for y in xs]\n",
            "for x in xs:\n    try:\n        continue\n    finally:\n        pass\n    while True:\n        break\nelse:\n    pass\n",
            "class A(Base, metaclass=Meta):\n    x = 1\n\n    def m(self, *, strict=False):\n        return {*self.a, *self.b}\n",
            "def outer():\n    for i in range(3):\n        def inner():\n            return i\n        if i: break\n",
            "print(f'{name!r:>10} {value:.2f} {{literal}}', sep='', end='')\nfrom os import *\n",
            "x = [y for y in range(3) if y]\nz = lambda a, b=1: a + b\nw = a if b else c\n",
            "try:\n    pass\nexcept ValueError:\n    pass\nexcept:\n    pass\n",
            "async def f():\n    def g(x=await y):\n        return x\n",
            "match = {'case': 1}\nmatch['case'] = 2\n");

    private static String nested(String line, int levels) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            b.append(" ".repeat(4 * (i + 1))).append(line.contains("%d") ? String.format(line, i) : line).append('\n');
        }
        return b.append(" ".repeat(4 * (levels + 1))).toString();
    }

    /** Handlers nested in handlers: each is two of the code generator's blocks. */
    private static String handlers(int levels) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            String indent = " ".repeat(4 * (i + 1));
            b.append(indent).append("try:\n").append(indent).append("    pass\n").append(indent).append("except E:\n");
        }
        return b.append(" ".repeat(4 * (levels + 1))).toString();
    }

    @Test
    @DisplayName("every error of 3.11's code generator is seen as possible, in each of its forms; the interpreter "
            + "confirms that compile() refuses each module and the symbol table does not")
    void everyCodegenErrorIsPossible(@TempDir Path dir) throws Exception {
        List<JsonNode> verdicts = verdicts(dir, CODEGEN_ONLY);
        for (int i = 0; i < CODEGEN_ONLY.size(); i++) {
            String module = CODEGEN_ONLY.get(i);
            assertThat(verdicts.get(i).path("compile").isNull()).as("compile() refuses %s", module).isFalse();
            assertThat(verdicts.get(i).path("symtable").isNull()).as("the symbol table takes %s", module).isTrue();
            assertThat(CodegenErrors.possible(module)).as(module).isTrue();
            assertThat(new CodegenErrors().possible(module.getBytes(StandardCharsets.UTF_8))).as(module).isTrue();
        }
    }

    @Test
    @DisplayName("ordinary code (returns, yields, awaits, loops, stars in calls, distinct keywords, a future import "
            + "after the docstring) is safe, and there the symbol table's verdict is compile()'s")
    void ordinaryCodeIsSafe(@TempDir Path dir) throws Exception {
        List<JsonNode> verdicts = verdicts(dir, SAFE);
        for (int i = 0; i < SAFE.size(); i++) {
            assertThat(CodegenErrors.possible(SAFE.get(i))).as(SAFE.get(i)).isFalse();
            assertThat(verdicts.get(i).path("symtable")).as(SAFE.get(i)).isEqualTo(verdicts.get(i).path("compile"));
        }
    }

    @Test
    @DisplayName("what is not UTF-8, declares an encoding or does not tokenize is always possible")
    void undecidedInputIsPossible() {
        CodegenErrors reader = new CodegenErrors();
        assertThat(reader.possible(new byte[] {'x', '=', '"', (byte) 0xff, '"', '\n'})).isTrue();
        assertThat(reader.possible("# -*- coding: latin-1 -*-\nx = 1\n".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(reader.possible("x = (1,\n".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(reader.possible("s = '''never closed\n".getBytes(StandardCharsets.UTF_8))).isTrue();
        // the same reader, its buffer reused for a longer and a shorter file
        assertThat(reader.possible(("x = 1\n".repeat(20_000)).getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(reader.possible("return\n".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(reader.possible("y = 2\n".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    @DisplayName("on the installed interpreter's standard library, every module read as safe gets the same verdict "
            + "from the symbol table as from compile()")
    void safeModulesOfTheStandardLibraryKeepTheirVerdict() throws Exception {
        Process where = new ProcessBuilder("python3", "-c", "import os; print(os.path.dirname(os.__file__))").start();
        Path lib = Path.of(new String(where.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        assertThat(where.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<Path> safe = new ArrayList<>();
        int all = 0;
        CodegenErrors reader = new CodegenErrors();
        try (Stream<Path> walk = Files.walk(lib, 3)) {
            for (Path f : walk.filter(f -> f.toString().endsWith(".py") && !f.toString().contains("-packages")).sorted().toList()) {
                all++;
                if (!reader.possible(Files.readAllBytes(f))) {
                    safe.add(f);
                }
            }
        }
        assertThat(all).isGreaterThan(500);
        assertThat(safe.size()).as("most of the standard library is safe").isGreaterThan(all * 3 / 4);
        List<String> command = new ArrayList<>(List.of("python3", "-c", VERDICTS));
        safe.forEach(f -> command.add(f.toString()));
        List<JsonNode> verdicts = run(command);
        Map<String, String> differ = new TreeMap<>();
        for (int i = 0; i < safe.size(); i++) {
            if (!verdicts.get(i).path("symtable").equals(verdicts.get(i).path("compile"))) {
                differ.put(safe.get(i).toString(), verdicts.get(i).toString());
            }
        }
        assertThat(differ).isEmpty();
    }

    private static List<JsonNode> verdicts(Path dir, List<String> modules) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", "-c", VERDICTS));
        for (int i = 0; i < modules.size(); i++) {
            Path file = dir.resolve("m" + i + ".py");
            Files.writeString(file, modules.get(i), StandardCharsets.UTF_8);
            command.add(file.toString());
        }
        return run(command);
    }

    /** The interpreter's verdicts, one per file; its first line must say 3.11 (the code generator these rules follow). */
    private static List<JsonNode> run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(lines.get(0)).path("version").asText()).startsWith("3.11.");
        List<JsonNode> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            out.add(json.readTree(line));
        }
        assertThat(out).hasSize(command.size() - 3);
        return out;
    }
}
