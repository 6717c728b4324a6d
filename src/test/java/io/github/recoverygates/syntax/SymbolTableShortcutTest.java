package io.github.recoverygates.syntax;

import static io.github.recoverygates.syntax.SyntaxFixtures.compileRejects;
import static io.github.recoverygates.syntax.SyntaxFixtures.failingFiles;
import static io.github.recoverygates.syntax.SyntaxFixtures.finding;
import static io.github.recoverygates.syntax.SyntaxFixtures.run;
import static io.github.recoverygates.syntax.SyntaxFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.api.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Under CPython 3.11 a file whose code generation cannot fail is run through the symbol table only; "
        + "the verdicts stay compile()'s")
class SymbolTableShortcutTest {

    @TempDir
    Path root;
    @TempDir
    Path work;
    private Path log;
    private Path python;

    /** A real python3 that notes, per file, which of the two passes its worker ran (and can call itself another version). */
    @BeforeEach
    void loggingInterpreter() throws Exception {
        log = work.resolve("passes.log");
        Path hooks = Files.createDirectories(work.resolve("hooks"));
        Files.writeString(hooks.resolve("sitecustomize.py"), String.join("\n",
                "import builtins, os, sys, _symtable",
                "if os.environ.get('FAKE_VERSION'):",
                "    sys.version = os.environ['FAKE_VERSION'] + ' (fake)'",
                "def logged(name, real):",
                "    def run(source, path, *args, **kwargs):",
                "        if isinstance(source, bytes) and not (len(args) > 1 and args[1] & 0x400):  # not ast.parse",
                "            with open(os.environ['PASSES_LOG'], 'a') as out:",
                "                out.write(name + ' ' + os.path.basename(path) + '\\n')",
                "        return real(source, path, *args, **kwargs)",
                "    return run",
                "builtins.compile = logged('compile', builtins.compile)",
                "_symtable.symtable = logged('symtable', _symtable.symtable)", ""));
        python = work.resolve("logging-python");
        Files.writeString(python, "#!/bin/sh\nPASSES_LOG='" + log + "' PYTHONPATH='" + hooks + "' exec python3 \"$@\"\n");
        Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwxr-xr-x"));
        write(root, "app/service.py", "import os\n\nasync def handle(ws):\n    async for m in ws:\n        await ws.send(m)\n"
                + "    return os.sep\n");
        write(root, "app/broken_string.py", "message = 'never closed\n");
        write(root, "app/duplicate_argument.py", "def f(a, a):\n    pass\n");
        write(root, "app/top_level_return.py", "return 1\n");
        write(root, "app/await_in_sync.py", "def f():\n    await g()\n");
        write(root, "app/repeated_keyword.py", "dict(a=1, a=2)\n");
    }

    private Map<String, String> passes() throws Exception {
        Map<String, String> byFile = new TreeMap<>();
        for (String line : Files.readAllLines(log)) {
            String[] p = line.split(" ", 2);
            byFile.merge(p[1], p[0], (a, b) -> a.equals(b) ? a : a + "+" + b);
        }
        return byFile;
    }

    @Test
    void codeGenerationRunsOnlyWhereItCouldFail() throws Exception {
        RunResult r = run(root, work, "syntax:\n  python:\n    interpreter: '" + python + "'\n    workers: 1\n");

        assertThat(r.result().details().get("python.version").toString()).startsWith("3.11.");
        assertThat(passes()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "service.py", "symtable",
                "broken_string.py", "compile", // does not tokenize: compiled in full
                "duplicate_argument.py", "symtable", // the symbol table's own error
                "top_level_return.py", "compile",
                "await_in_sync.py", "compile",
                "repeated_keyword.py", "compile"));
        assertThat(failingFiles(r, "syntax/python")).isEqualTo(compileRejects(root));
        assertThat(finding(r, "app/duplicate_argument.py").message()).isEqualTo("duplicate argument 'a' in function definition");
        assertThat(finding(r, "app/duplicate_argument.py").category()).isEqualTo("compile-time");
        assertThat(finding(r, "app/top_level_return.py").message()).isEqualTo("'return' outside function");
        assertThat(finding(r, "app/repeated_keyword.py").message()).isEqualTo("keyword argument repeated: a");
    }

    @Test
    void anotherVersionCompilesEveryFileInFull() throws Exception {
        Path other = work.resolve("python-3.12");
        Files.writeString(other, "#!/bin/sh\nFAKE_VERSION=3.12.0 exec '" + python + "' \"$@\"\n");
        Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rwxr-xr-x"));
        RunResult r = run(root, work, "syntax:\n  python:\n    interpreter: '" + other + "'\n    workers: 1\n");

        assertThat(r.result().details().get("python.version").toString()).isEqualTo("3.12.0");
        assertThat(passes().values()).hasSize(6).containsOnly("compile");
        assertThat(failingFiles(r, "syntax/python")).isEqualTo(compileRejects(root));
    }
}
