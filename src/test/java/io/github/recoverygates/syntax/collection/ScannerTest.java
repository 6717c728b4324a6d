package io.github.recoverygates.syntax.collection;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.python.Dialect;
import io.github.recoverygates.python.PythonTokens;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The tokenizer-level scanner and the small readers it relies on. */
class ScannerTest {

    private static List<String> tests(String source, boolean tolerant) {
        return new TestCounter(List.of("Test"), List.of("test")).tests(ModuleOutline.of(source, tolerant)).stream()
                .map(TestCounter.Test::name).toList();
    }

    @Test
    @DisplayName("strings, f-strings with nested quotes, comments and continuations never start a statement")
    void stringsAndContinuationsAreNotStatements() {
        String src = String.join("\n",
                "x = f\"{'a' + \"b\"} {y:{w}} {{not a field}}\"",
                "s = '''",
                "def test_in_triple():",
                "'''",
                "r = rb'\\'' + u\"\\\"\"",
                "call(1,",
                "def_test_not_a_def=2)",
                "value = 1 + \\",
                "    2  # def test_in_comment():",
                "def test_real(a=')',",
                "              b='('):",
                "    pass",
                "");
        assertThat(tests(src, false)).containsExactly("test_real");
        assertThat(PythonTokens.of(src, Dialect.NESTED_F_STRINGS).logicalLines()).extracting(PythonTokens.LogicalLine::line).containsExactly(1, 2, 5, 6, 8, 10, 12);
    }

    @Test
    @DisplayName("tabs indent to the next multiple of 8 and one-line compound bodies are read")
    void tabsAndOneLiners() {
        String src = "class TestT:\n\tdef test_a(self): pass\n        def test_b(self): pass\ntry: test_x = 1\nexcept Exception: pass\n";
        assertThat(tests(src, false)).containsExactly("TestT::test_a", "TestT::test_b");
        assertThat(PythonTokens.of(src, Dialect.NESTED_F_STRINGS).logicalLines().get(1).indent()).isEqualTo(8);
    }

    @Test
    @DisplayName("tolerant mode: an unterminated triple quote does not swallow the rest of the file")
    void tolerantTripleQuote() {
        String src = "def test_a():\n    pass\n\nx = \"\"\"never closed\n\ndef test_b():\n    s = 'it''s'\n\nclass TestC:\n    def test_c(self):\n        pass\n";
        assertThat(tests(src, true)).containsExactly("test_a", "test_b", "TestC::test_c");
        assertThat(tests(src, false)).containsExactly("test_a");
    }

    @Test
    @DisplayName("tolerant mode: an unclosed triple quote that pairs with a later docstring does not hide the tests between")
    void tolerantMisPairedTripleQuote() {
        String src = String.join("\n",
                "broken = \"\"\"never closed",
                "",
                "def test_a():",
                "    \"\"\"Docstring.\"\"\"",
                "",
                "def test_b():",
                "    \"\"\"",
                "    Multi-line docstring.",
                "    \"\"\"",
                "",
                "def test_c():",
                "    pass",
                "");
        assertThat(tests(src, true)).containsExactly("test_a", "test_b", "test_c");
    }

    @Test
    @DisplayName("tolerant mode: an unclosed bracket ends where the next definition starts")
    void tolerantBracket() {
        String src = "DATA = [1, 2,\n\ndef test_a():\n    assert f(\n\n@pytest.mark.skip\ndef test_b():\n    pass\n";
        assertThat(tests(src, true)).containsExactly("test_a", "test_b");
    }

    @Test
    @DisplayName("tolerant mode: an unterminated single-quoted string ends at its line")
    void tolerantSingleQuote() {
        String src = "def test_a():\n    s = 'it's broken\n\ndef test_b():\n    pass\n";
        assertThat(tests(src, true)).containsExactly("test_a", "test_b");
    }

    @Test
    @DisplayName("classes: __init__ via assignment, __new__, __test__ inherited from a local base, abstract names")
    void classRules() {
        String src = String.join("\n",
                "class TestA:",
                "    __init__ = object.__init__",
                "    def test_x(self): pass",
                "class TestB:",
                "    def __new__(cls): return super().__new__(cls)",
                "    def test_y(self): pass",
                "class Base:",
                "    __test__ = False",
                "    def test_z(self): pass",
                "class TestC(Base):",
                "    pass",
                "class TestD(Base):",
                "    __test__ = True",
                "class TestE(unittest.IsolatedAsyncioTestCase):",
                "    async def test_e(self): pass",
                "class Runner(unittest.TestCase):",
                "    def runTest(self): pass",
                "");
        assertThat(tests(src, false)).containsExactly("TestD::test_z", "TestE::test_e", "Runner::runTest");
    }

    @Test
    @DisplayName("a later assignment replaces a test function, whichever way it is written; a statement without one binds "
            + "nothing and ends a run of decorators")
    void assignmentsRebind() {
        String src = String.join("\n",
                "def test_a(): pass",
                "test_a = {'k': [1, 2]}",
                "def test_b(): pass",
                "test_b: int = 2",
                "def test_c(): pass",
                "test_c == 3",
                "def test_d(): pass",
                "if True: test_d = 4",
                "def test_\u00e9(): pass",
                "test_\u00e9 = 5",
                "def test_f(): pass",
                "print(test_f, key='=')",
                "@pytest.fixture",
                "import os",
                "def test_g(): pass",
                "@pytest.fixture",
                "def test_h(): pass",
                "class TestK:",
                "    def test_k(self): pass",
                "    test_k = None",
                "    def test_m(self): pass",
                "");
        assertThat(tests(src, false)).containsExactly("test_c", "test_f", "test_g", "TestK::test_m");
        assertThat(tests(src, true)).containsExactly("test_c", "test_f", "test_g", "TestK::test_m");
    }

    @Test
    @DisplayName("a module with __test__ = False collects nothing")
    void moduleTestFlag() {
        assertThat(tests("__test__ = False\ndef test_a(): pass\n", false)).isEmpty();
    }

    @Test
    @DisplayName("pytest's name matching: prefixes, and globs only when the option has * ? or [")
    void nameMatching() {
        assertThat(PyFnmatch.matchesPrefixOrGlob(List.of("test"), "testing")).isTrue();
        assertThat(PyFnmatch.matchesPrefixOrGlob(List.of("*_check"), "db_check")).isTrue();
        assertThat(PyFnmatch.matchesPrefixOrGlob(List.of("*_check"), "db_checks")).isFalse();
        assertThat(PyFnmatch.matchesPrefixOrGlob(List.of("Test[AB]"), "TestB")).isTrue();
        assertThat(PyFnmatch.matchesPath("test_*.py", "/r/a/test_x.py")).isTrue();
        assertThat(PyFnmatch.matchesPath("tests/*.py", "/r/tests/x.py")).isTrue();
        assertThat(PyFnmatch.matchesPath("tests/*.py", "/r/other/x.py")).isFalse();
        assertThat(PyFnmatch.matchesPath(".*", "/r/.hidden")).isTrue();
    }

    @Test
    @DisplayName("testpath globs follow Python's glob: * stays in a segment, ** spans directories, dot-names are hidden")
    void testpathGlobs() {
        assertThat(PyFnmatch.pathGlob("services/*/tests").matcher("services/a/tests").matches()).isTrue();
        assertThat(PyFnmatch.pathGlob("services/*/tests").matcher("services/a/b/tests").matches()).isFalse();
        assertThat(PyFnmatch.pathGlob("services/**/tests").matcher("services/a/b/tests").matches()).isTrue();
        assertThat(PyFnmatch.pathGlob("services/**/tests").matcher("services/tests").matches()).isTrue();
        assertThat(PyFnmatch.pathGlob("*/tests").matcher(".venv/tests").matches()).isFalse();
        assertThat(PyFnmatch.pathGlob("tests/**").matcher("tests").matches()).isTrue();
    }

    @Test
    @DisplayName("ini values are split like shlex; iniconfig's continuation lines and comment lines are honoured")
    void iniAndShlex() {
        IniFile ini = IniFile.parse("; comment\n[pytest]\ntestpaths =\n    tests/unit\n    \"tests/with space\"\n# note\n"
                + "python_files: check_*.py\n[other]\nx = 1\n");
        assertThat(ini.section("pytest")).get().satisfies(s -> {
            assertThat(Shlex.split(s.get("testpaths"))).containsExactly("tests/unit", "tests/with space");
            assertThat(s.get("python_files")).isEqualTo("check_*.py");
        });
        assertThat(ini.problem()).isEmpty();
        assertThat(IniFile.parse("[pytest]\nnot a key value line\n").problem()).get().asString().contains("line 2");
        assertThat(Shlex.split("a 'b c' d\\ e")).containsExactly("a", "b c", "d e");
    }
}
