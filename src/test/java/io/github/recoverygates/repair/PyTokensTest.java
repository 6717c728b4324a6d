package io.github.recoverygates.repair;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The tolerant tokenizer: CPython's own tokens on sound files, and the rest of the line on broken ones. */
class PyTokensTest {

    /** Python's tokenize, f-strings of 3.12+ folded back into one STRING, as "KIND text" per token. */
    private static final String TOKENIZE = String.join("\n",
            "import json, sys, tokenize",
            "for path in sys.argv[1:]:",
            "    src = open(path, encoding='utf-8').read()",
            "    lines = src.splitlines(keepends=True)",
            "    def off(pos):",
            "        return sum(len(l) for l in lines[:pos[0] - 1]) + pos[1]",
            "    out, depth, start = [], 0, None",
            "    for t in tokenize.generate_tokens(iter(lines).__next__):",
            "        name = tokenize.tok_name[t.type]",
            "        if name == 'FSTRING_START':",
            "            depth += 1",
            "            if depth == 1: start = t.start",
            "            continue",
            "        if depth:",
            "            if name == 'FSTRING_END':",
            "                depth -= 1",
            "                if depth == 0: out.append(['STRING', src[off(start):off(t.end)]])",
            "            continue",
            "        if name in ('NAME', 'NUMBER', 'STRING', 'OP', 'COMMENT'):",
            "            out.append([name, t.string])",
            "        elif name in ('NEWLINE', 'NL', 'INDENT', 'DEDENT'):",
            "            out.append([name, ''])",
            "    print(json.dumps([path, out]))");

    static List<Path> soundFiles() throws Exception {
        List<Path> out = new ArrayList<>();
        for (String dir : List.of("examples/monorepo-clean", "bench", "src/test/resources/repair/fixtures")) {
            try (Stream<Path> walk = Files.walk(Path.of(dir))) {
                walk.filter(p -> p.toString().endsWith(".py") && !p.toString().contains("/work/")
                        && !p.getFileName().toString().equals("broken.py")).sorted().forEach(out::add);
            }
        }
        return out;
    }

    @Test
    @DisplayName("on sound files it gives CPython's tokens: names, numbers, strings, operators, comments, newlines, indentation")
    void agreesWithCPythonOnSoundFiles() throws Exception {
        List<Path> files = soundFiles();
        assertThat(files).hasSizeGreaterThan(20);
        List<String> command = new ArrayList<>(List.of("python3", "-c", TOKENIZE));
        files.forEach(p -> command.add(p.toString()));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        ObjectMapper json = new ObjectMapper();
        int compared = 0;
        for (String line : output.lines().toList()) {
            JsonNode n = json.readTree(line);
            String path = n.get(0).asText();
            List<String> expected = new ArrayList<>();
            n.get(1).forEach(t -> expected.add(t.get(0).asText() + " " + t.get(1).asText()));
            String text = Files.readString(Path.of(path), StandardCharsets.UTF_8);
            List<String> actual = new ArrayList<>();
            for (PyTokens.Tok t : PyTokens.of(text).all()) {
                switch (t.kind()) {
                    case NAME, NUMBER, STRING, OP, COMMENT -> actual.add(t.kind() + " " + t.text(text));
                    case NEWLINE, NL, INDENT, DEDENT -> actual.add(t.kind() + " ");
                    default -> {
                    }
                }
            }
            assertThat(actual).as(path).isEqualTo(expected);
            compared++;
        }
        assertThat(compared).isEqualTo(files.size());
    }

    @Test
    @DisplayName("a string that never ends is an error token for its quote, and the rest of the line is lexed as code")
    void survivesBrokenLines() {
        String src = "x = f\"abc {y} # note\nz = [1, $ 2)\n";
        PyTokens tokens = PyTokens.of(src);
        List<String> seen = tokens.all().stream().map(t -> t.kind() + ":" + t.text(src).strip()).toList();
        assertThat(seen).startsWith("NAME:x", "OP:=", "ERROR:f\"", "NAME:abc", "OP:{", "NAME:y", "OP:}", "COMMENT:# note",
                "NEWLINE:", "NAME:z", "OP:=", "OP:[", "NUMBER:1", "OP:,", "ERROR:$", "NUMBER:2", "OP:)");
        assertThat(tokens.unterminatedQuote(tokens.all().get(2))).isTrue();
        String triple = "def f():\n    \"\"\"Doc.\n    return 1\n";
        PyTokens t = PyTokens.of(triple);
        assertThat(t.all()).anySatisfy(tok -> assertThat(tok.kind() == PyTokens.Kind.ERROR && t.triple(tok)).isTrue());
        assertThat(t.all()).anySatisfy(tok -> assertThat(t.text(tok)).isEqualTo("return"));
    }
}
