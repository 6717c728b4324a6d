package io.github.recoverygates.syntax;

import static io.github.recoverygates.syntax.SyntaxFixtures.compileRejects;
import static io.github.recoverygates.syntax.SyntaxFixtures.failingFiles;
import static io.github.recoverygates.syntax.SyntaxFixtures.finding;
import static io.github.recoverygates.syntax.SyntaxFixtures.run;
import static io.github.recoverygates.syntax.SyntaxFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The Python verdict is exactly CPython's compile()")
class PythonCompileOracleTest {

    @TempDir
    static Path root;
    @TempDir
    static Path work;

    /** fixture file -> expected category; null means the file compiles. */
    private final Map<String, String> expected = new LinkedHashMap<>();
    private RunResult result;

    private void fixture(String path, String category, byte[] bytes) throws Exception {
        write(root, path, bytes);
        expected.put(path, category);
    }

    private void fixture(String path, String category, String text) throws Exception {
        fixture(path, category, text.getBytes(StandardCharsets.UTF_8));
    }

    @BeforeAll
    void writeFixturesAndRunTheGate() throws Exception {
        fixture("ok/plain.py", null, "def f(x):\n    return x + 1\n");
        fixture("ok/empty.py", null, "");
        fixture("ok/latin1_cookie.py", null, bytes("# -*- coding: latin-1 -*-\nname = '", new byte[]{(byte) 0xe9}, "'\n"));
        fixture("ok/bom.py", null, bytes("", new byte[]{(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, "x = 'caf\u00e9'\n"));
        fixture("ok/invalid_escape_warning.py", null, "path = 'C:\\d'\n");
        fixture("ok/n\u00e4me_\u540d\u524d.py", null, "x = 'non-ASCII file name'\n");
        fixture("bad/br\u00f6ken_\u540d.py", PythonCategory.UNMATCHED_BRACKET, "x = {1: 2\n");
        fixture("ok/async_ok.py", null, "async def f():\n    await g()\n");
        fixture("bad/unterminated.py", PythonCategory.UNTERMINATED_STRING, "x = 1\nmsg = 'it is\n");
        fixture("bad/triple.py", PythonCategory.UNTERMINATED_TRIPLE, "def f():\n    \"\"\"doc\n    return 1\n");
        fixture("bad/unmatched.py", PythonCategory.UNMATCHED_BRACKET, "x = foo(1, 2]\n");
        fixture("bad/unmatched_close.py", PythonCategory.UNMATCHED_BRACKET, "x = 1)\n");
        fixture("bad/never_closed.py", PythonCategory.UNMATCHED_BRACKET, "x = [1,\n     2,\n");
        fixture("bad/price.py", PythonCategory.INVALID_LITERAL, "budget = 500K+\n");
        fixture("bad/octal.py", PythonCategory.INVALID_LITERAL, "mode = 0o8\n");
        fixture("bad/unexpected_indent.py", PythonCategory.UNEXPECTED_INDENT, "x = 1\n    y = 2\n");
        fixture("bad/expected_block.py", PythonCategory.EXPECTED_INDENTED_BLOCK, "def f():\nreturn 1\n");
        fixture("bad/unindent.py", PythonCategory.UNINDENT_MISMATCH, "if x:\n        a = 1\n    b = 2\n");
        fixture("bad/tabs.py", PythonCategory.UNINDENT_MISMATCH, "if x:\n\tif y:\n\t\ta = 1\n        \tb = 2\n");
        fixture("bad/fstring.py", PythonCategory.F_STRING, "x = f'{a b}'\n");
        fixture("bad/return_outside.py", PythonCategory.COMPILE_TIME, "return 1\n");
        fixture("bad/nonlocal_module.py", PythonCategory.COMPILE_TIME, "nonlocal x\n");
        fixture("bad/await_outside.py", PythonCategory.COMPILE_TIME, "await something()\n");
        fixture("bad/break_outside.py", PythonCategory.COMPILE_TIME, "x = 1\nbreak\n");
        fixture("bad/duplicate_arg.py", PythonCategory.COMPILE_TIME, "def f(a, a):\n    pass\n");
        fixture("bad/unknown_cookie.py", PythonCategory.ENCODING, "# -*- coding: no-such-codec -*-\nx = 1\n");
        fixture("bad/invalid_utf8.py", PythonCategory.ENCODING, bytes("x = '", new byte[]{(byte) 0xff, (byte) 0xfe}, "'\n"));
        // CPython versions disagree on undecodable bytes in a comment: only the oracle decides
        fixture("edge/invalid_utf8_comment.py", null, bytes("x = 1  # ", new byte[]{(byte) 0xe9}, "\n"));
        fixture("bad/bom_and_latin1.py", PythonCategory.ENCODING,
                bytes("", new byte[]{(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, "# coding: latin-1\nx = 1\n"));
        fixture("bad/null_bytes.py", PythonCategory.NULL_BYTES, bytes("x = 1\ny = 2", new byte[]{0}, "\n"));
        byte[] binary = new byte[4096];
        new java.util.Random(7).nextBytes(binary);
        binary[100] = 0;
        fixture("bad/binary.py", null, binary); // category depends on the bytes; the verdict is compile()'s
        fixture("bad/too_nested.py", PythonCategory.OTHER, "x = " + "(".repeat(250) + ")".repeat(250) + "\n");
        fixture("bad/walrus_target.py", PythonCategory.OTHER, "(a.b := 1)\n");
        write(root, "notes/readme.txt", "not python at all (");
        result = run(root, work, "syntax:\n  languages: [python]\n  python:\n    workers: 2\n");
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        byte[] a = before.getBytes(StandardCharsets.UTF_8);
        byte[] c = after.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(middle, 0, out, a.length, middle.length);
        System.arraycopy(c, 0, out, a.length + middle.length, c.length);
        return out;
    }

    @Test
    void theSetOfFailingFilesEqualsTheSetCompileRejects() throws Exception {
        var oracle = compileRejects(root);
        assertThat(oracle).contains("bad/return_outside.py", "bad/null_bytes.py", "bad/binary.py")
                .doesNotContain("ok/plain.py", "ok/empty.py", "ok/latin1_cookie.py", "ok/bom.py");
        assertThat(failingFiles(result, "syntax/python")).isEqualTo(oracle);
        assertThat(result.result().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.exitCode()).isEqualTo(1);
    }

    @Test
    void everyFixtureGetsItsCategory() {
        expected.forEach((file, category) -> {
            if (category != null) {
                assertThat(finding(result, file).category()).as(file).isEqualTo(category);
            }
        });
        assertThat(result.result().findings()).allSatisfy(f -> {
            assertThat(f.ruleId()).isEqualTo("syntax/python");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.file()).doesNotStartWith("/");
        });
    }

    @Test
    void findingsCarryTheInterpretersPositionAndMessage() {
        Finding unterminated = finding(result, "bad/unterminated.py");
        assertThat(unterminated.line()).isEqualTo(2);
        assertThat(unterminated.column()).isEqualTo(7);
        assertThat(unterminated.message()).startsWith("unterminated string literal (detected at line 2)");

        Finding price = finding(result, "bad/price.py");
        assertThat(price.message()).isEqualTo("invalid decimal literal");
        assertThat(price.line()).isEqualTo(1);
        assertThat(price.column()).isGreaterThan(9);

        Finding ret = finding(result, "bad/return_outside.py");
        assertThat(ret.message()).isEqualTo("'return' outside function");
        assertThat(ret.line()).isEqualTo(1);
        assertThat(ret.column()).isEqualTo(1);
        assertThat(ret.endLine()).isEqualTo(1);
        assertThat(ret.endColumn()).isEqualTo(9);

        Finding breakOutside = finding(result, "bad/break_outside.py");
        assertThat(breakOutside.line()).isEqualTo(2);

        Finding nul = finding(result, "bad/null_bytes.py");
        assertThat(nul.message()).contains("null bytes");
        assertThat(nul.line()).isEqualTo(2);
        assertThat(nul.column()).isEqualTo(6);

        Finding block = finding(result, "bad/expected_block.py");
        assertThat(block.message()).startsWith("expected an indented block");
        assertThat(block.line()).isEqualTo(2);
    }

    @Test
    void metricsCountFilesCategoriesAndDirectories() throws Exception {
        Map<String, Number> m = result.result().metrics();
        long failing = compileRejects(root).size();
        long rejected = expected.entrySet().stream().filter(e -> e.getKey().startsWith("bad/")).count();
        assertThat(m.get("files.python").longValue()).isEqualTo(expected.size());
        assertThat(m.get("failed.python").longValue()).isEqualTo(failing);
        assertThat(m.get("failed.dir.bad").longValue()).isEqualTo(rejected);
        assertThat(m).doesNotContainKey("failed.dir.ok");
        assertThat(m.get("category.compile-time").longValue()).isEqualTo(5);
        assertThat(m.get("category.unmatched-bracket").longValue()).isEqualTo(4);
        assertThat(result.result().summary()).startsWith(failing + " of " + expected.size() + " Python files do not compile");
        assertThat(result.result().details()).containsKey("python.version");
        assertThat(result.result().sections()).anySatisfy(s -> assertThat(s.id()).isEqualTo("syntax-categories"));
    }
}
