package io.github.recoverygates.python;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.recoverygates.python.PythonTokens.LogicalLine;
import io.github.recoverygates.python.Token.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one Python tokenizer: CPython's tokens on sound code in every dialect, and what each dialect makes of broken code. */
class PythonTokensTest {

    private static final List<Dialect> DIALECTS = List.of(Dialect.CPYTHON, Dialect.NESTED_F_STRINGS, Dialect.TOLERANT,
            Dialect.ERROR_TOKENS);

    /** Python's own tokenize on each file, as "KIND text line:col" (positions of code tokens and comments only). */
    private static final String TOKENIZE = String.join("\n",
            "import json, sys, tokenize",
            "for path in sys.argv[1:]:",
            "    src = open(path, encoding='utf-8-sig', newline='').read()",
            "    out = []",
            "    for t in tokenize.generate_tokens(iter(src.splitlines(keepends=True)).__next__):",
            "        name = tokenize.tok_name[t.type]",
            "        if name in ('NAME', 'NUMBER', 'STRING', 'OP', 'COMMENT'):",
            "            out.append('%s %s %d:%d' % (name, t.string, t.start[0], t.start[1] + 1))",
            "        elif name in ('NEWLINE', 'NL', 'DEDENT'):",
            "            out.append(name)",
            "        elif name == 'INDENT':",
            "            out.append('INDENT ' + t.string)",
            "    print(json.dumps(out))");

    private static final List<String> SOUND = List.of(
            "x = (1 +\n     2)  # nested [ brackets { in a comment\ny = [[1, 2], {3: (4, 5)}]\n",
            "total = 1 + \\\n    2\nif total:\n    pass\n",
            "def f():\n    \"\"\"Doc with 'quotes' and \"\"\n    and a second line.\"\"\"\n    return r'\\d+' + b\"\\x00\"\n",
            "s = f\"{x!r:>{width}} {{literal}}\" + rb'raw' + F'{y}'\n",
            "class A:\r\n    def m(self):\r\n        return 1\r\n\r\nz = 2\r\n",
            "if x:\n\tif y:\n\t\tpass\n        z = 1\n",
            "\uFEFFimport os\nprint(os.sep)\n",
            "n = 0x1F + 0o17 + 0b11 + 1_000 + 3.14e-2 + 2j + .5\nm = a ** -b // c @ d\nm **= 2; m >>= 1; x := 3\n",
            "@decorator(arg)\nasync def g():\n    await h()\n\n\n# trailing comment\n",
            "no_newline_at_end = 'x'");

    @Test
    @DisplayName("sound code reads as CPython's tokenize reads it, in every dialect: continuations, brackets, "
            + "triple quotes, f-strings, CRLF, tabs, a BOM")
    void soundCodeReadsLikeCPython(@TempDir Path dir) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", "-c", TOKENIZE));
        for (int i = 0; i < SOUND.size(); i++) {
            Path file = dir.resolve("s" + i + ".py");
            Files.writeString(file, SOUND.get(i), StandardCharsets.UTF_8);
            command.add(file.toString());
        }
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(lines).hasSize(SOUND.size());
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < SOUND.size(); i++) {
            List<String> expected = new ArrayList<>();
            for (JsonNode t : json.readTree(lines.get(i))) {
                expected.add(t.asText());
            }
            for (Dialect d : DIALECTS) {
                PythonTokens tokens = PythonTokens.of(SOUND.get(i), d);
                assertThat(described(tokens)).as(d + " on " + SOUND.get(i)).isEqualTo(expected);
                assertThat(tokens.problems()).isEmpty();
            }
        }
    }

    private static List<String> described(PythonTokens tokens) {
        List<String> out = new ArrayList<>();
        for (Token t : tokens.all()) {
            switch (t.kind()) {
                case NAME, NUMBER, STRING, OP, COMMENT -> out.add(t.kind() + " " + tokens.text(t) + " " + t.line() + ":" + t.col());
                case NEWLINE, NL, DEDENT -> out.add(t.kind().name());
                case INDENT -> out.add("INDENT " + tokens.text(t));
                default -> {
                }
            }
        }
        return out;
    }

    private static List<String> kinds(String src, Dialect d) {
        PythonTokens tokens = PythonTokens.of(src, d);
        return tokens.all().stream().filter(Token::code).map(t -> t.kind() + ":" + tokens.text(t)).toList();
    }

    @Test
    @DisplayName("an unterminated single-quoted string runs to its line's end, or is an ERROR quote with the rest read as code")
    void unterminatedSingleQuote() {
        String src = "x = 'abc (def\ny = 1\n";
        PythonTokens cpython = PythonTokens.of(src, Dialect.CPYTHON);
        assertThat(kinds(src, Dialect.CPYTHON)).containsExactly("NAME:x", "OP:=", "STRING:'abc (def", "NAME:y", "OP:=", "NUMBER:1");
        assertThat(cpython.unterminated(2)).isTrue();
        assertThat(cpython.problems()).extracting(PythonTokens.Problem::line, PythonTokens.Problem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "unterminated string literal"));
        assertThat(cpython.logicalLines()).hasSize(2); // the '(' inside the string opens nothing
        assertThat(kinds(src, Dialect.ERROR_TOKENS)).startsWith("NAME:x", "OP:=", "ERROR:'", "NAME:abc", "OP:(", "NAME:def");
    }

    @Test
    @DisplayName("an unterminated triple quote runs to the end of the file, or (tolerant, repair) leaves the code after it as code")
    void unterminatedTripleQuote() {
        String src = "def f():\n    \"\"\"Doc.\n    return 1\n";
        PythonTokens cpython = PythonTokens.of(src, Dialect.CPYTHON);
        assertThat(kinds(src, Dialect.CPYTHON)).endsWith("STRING:\"\"\"Doc.\n    return 1\n");
        assertThat(cpython.problems()).extracting(PythonTokens.Problem::line, PythonTokens.Problem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "unterminated triple-quoted string literal"));
        for (Dialect d : List.of(Dialect.TOLERANT, Dialect.ERROR_TOKENS)) {
            assertThat(kinds(src, d)).as(d.toString()).endsWith("ERROR:\"\"\"", "NAME:Doc", "OP:.", "NAME:return", "NUMBER:1");
        }
    }

    @Test
    @DisplayName("f-strings nest (PEP 701) where the dialect says so; CPython 3.11's reading ends the string at the inner quote")
    void nestedFStrings() {
        String src = "s = f\"{x[\"a\"]} {f'{y}'}\"\n";
        assertThat(kinds(src, Dialect.NESTED_F_STRINGS)).containsExactly("NAME:s", "OP:=", "STRING:f\"{x[\"a\"]} {f'{y}'}\"");
        assertThat(kinds(src, Dialect.TOLERANT)).containsExactly("NAME:s", "OP:=", "STRING:f\"{x[\"a\"]} {f'{y}'}\"");
        assertThat(kinds(src, Dialect.CPYTHON)).startsWith("NAME:s", "OP:=", "STRING:f\"{x[\"", "NAME:a", "STRING:\"]} {f'{y}'}\"");
    }

    @Test
    @DisplayName("logical lines: brackets and backslashes join physical lines; indentation counts tabs to 8 and a form feed back to 0")
    void logicalLines() {
        String src = "a = [1,\n     2]  # c\nb = 1 + \\\n  2\nif a:\n\tc = 'x'  # note\n\f    d = 4\n";
        PythonTokens tokens = PythonTokens.of(src, Dialect.CPYTHON);
        List<LogicalLine> lines = tokens.logicalLines();
        assertThat(lines).extracting(LogicalLine::line).containsExactly(1, 3, 5, 6, 7);
        assertThat(lines).extracting(LogicalLine::indent).containsExactly(0, 0, 0, 8, 4);
        assertThat(lines.stream().map(tokens::codeText)).containsExactly("a = [1,      2]", "b = 1 +    2", "if a:",
                "c = \"\"", "d = 4");
    }

    @Test
    @DisplayName("CRLF and lone CR line breaks give the same tokens and logical lines as LF")
    void lineBreaks() {
        String lf = "x = (1,\n     2)\ns = '''a\nb'''\ny = 3\n";
        List<String> expected = kinds(lf, Dialect.CPYTHON);
        for (String src : List.of(lf.replace("\n", "\r\n"), lf.replace("\n", "\r"))) {
            PythonTokens tokens = PythonTokens.of(src, Dialect.CPYTHON);
            assertThat(kinds(src, Dialect.CPYTHON).stream().map(t -> t.replace("\r\n", "\n").replace('\r', '\n')).toList())
                    .isEqualTo(expected);
            assertThat(tokens.logicalLines()).extracting(LogicalLine::line).containsExactly(1, 3, 5);
            assertThat(tokens.all().stream().filter(t -> t.kind() == Kind.NAME).map(Token::line)).containsExactly(1, 3, 5);
        }
    }

    @Test
    @DisplayName("brackets that match nothing are noted at their line and taken as they come")
    void bracketProblems() {
        assertThat(PythonTokens.of("x = 1)\n", Dialect.CPYTHON).problems()).extracting(PythonTokens.Problem::message)
                .containsExactly("unmatched ')'");
        assertThat(PythonTokens.of("x = [1,\n  2)\n", Dialect.CPYTHON).problems())
                .extracting(PythonTokens.Problem::line, PythonTokens.Problem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2,
                        "closing parenthesis ')' does not match opening parenthesis '['"));
        assertThat(PythonTokens.of("x = (1,\n", Dialect.CPYTHON).problems()).extracting(PythonTokens.Problem::message)
                .containsExactly("unclosed bracket at end of file");
    }

    @Test
    @DisplayName("tolerant: an unclosed bracket ends at a following definition, and a triple quote that swallows one is no string")
    void tolerantGuesses() {
        String bracket = "call(1,\ndef test_a():\n    pass\n";
        assertThat(PythonTokens.of(bracket, Dialect.CPYTHON).logicalLines()).hasSize(1);
        PythonTokens tolerant = PythonTokens.of(bracket, Dialect.TOLERANT);
        assertThat(tolerant.logicalLines().stream().map(tolerant::codeText)).containsExactly("call(1,", "def test_a():", "pass");

        String swallowed = "x = \"\"\"never closed\ndef test_b():\n    y = \"\"\"doc\"\"\"\n";
        assertThat(PythonTokens.of(swallowed, Dialect.NESTED_F_STRINGS).logicalLines()).hasSize(1); // all one string
        PythonTokens guessed = PythonTokens.of(swallowed, Dialect.TOLERANT);
        assertThat(guessed.logicalLines().stream().map(guessed::codeText)).contains("def test_b():");
    }

    private static final List<String> BROKEN = List.of(
            "call(1,\ndef test_a():\n    x = (1,\n        2\n@fixture\ndef b():\n    pass\n",
            "x = \"\"\"never closed\ndef test_b():\n    y = \"\"\"doc\"\"\"\n    z = 'open\n    w = f\"{a[\"k\"]}\" \\\n        + 1\n",
            "def f():\n    s = rb'x' + u\"y\" + x\"z\"\n    t = f'''{\n  a}'''\n  bad_dedent = 1\n    $ = 2\nq = [\n",
            "class A:\n    def m(self):\n        return {'a': (1, [2, 3]}\n    ]\nk = 1\r\nm = 2\r");

    /** Every logical line as "line indent text", read from the token list. */
    private static List<String> fromList(String src, Dialect dialect) {
        PythonTokens tokens = PythonTokens.of(src, dialect);
        return tokens.logicalLines().stream().map(l -> l.line() + " " + l.indent() + " " + tokens.codeText(l)).toList();
    }

    @Test
    @DisplayName("a reader of one logical line at a time gets the lines and texts of the token list, also when it skips "
            + "lines (the lines after a skipped one start where they did)")
    void linesOneAtATime() {
        for (String src : java.util.stream.Stream.concat(SOUND.stream(), BROKEN.stream()).toList()) {
            for (Dialect dialect : DIALECTS) {
                List<String> expected = fromList(src, dialect);
                for (int keep = 1; keep <= 3; keep++) {
                    int every = keep;
                    List<String> offered = new ArrayList<>();
                    List<String> read = new ArrayList<>();
                    PythonTokens.eachLogicalLine(src, dialect, new PythonTokens.LineReader() {
                        @Override
                        public boolean wants(int line, int indent, Kind firstKind, char firstChar) {
                            offered.add(line + " " + indent);
                            return offered.size() % every == 0; // every line, every second, every third
                        }

                        @Override
                        public void read(PythonTokens.Line line) {
                            read.add(line.line() + " " + line.indent() + " " + line.codeText());
                        }
                    });
                    assertThat(offered).as("%s in %s", src, dialect)
                            .isEqualTo(expected.stream().map(l -> l.substring(0, l.indexOf(' ', l.indexOf(' ') + 1))).toList());
                    List<String> kept = new ArrayList<>();
                    for (int i = every - 1; i < expected.size(); i += every) {
                        kept.add(expected.get(i));
                    }
                    assertThat(read).as("%s in %s, every %d", src, dialect, every).isEqualTo(kept);
                }
            }
        }
    }
}
