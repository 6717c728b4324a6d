package io.github.recoverygates.syntax;

import static io.github.recoverygates.syntax.SyntaxFixtures.failingFiles;
import static io.github.recoverygates.syntax.SyntaxFixtures.finding;
import static io.github.recoverygates.syntax.SyntaxFixtures.run;
import static io.github.recoverygates.syntax.SyntaxFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.core.Finding;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Java by javac's parser (JavaParser as fallback), YAML, JSON and TOML by Jackson, with positions")
class OtherLanguagesTest {

    @TempDir
    Path root;
    @TempDir
    Path work;

    private void javaTree() throws Exception {
        write(root, "src/main/java/a/Good.java", "package a;\n\npublic record Good(int x) {\n    int twice() { return x * 2; }\n}\n");
        write(root, "src/main/java/a/Broken.java", "package a;\n\nclass Broken {\n    void f() {\n        int x = ;\n    }\n}\n");
        write(root, "src/main/java/a/Unclosed.java", "package a;\nclass Unclosed {\n    void f() {\n");
        // the file name does not match the class: a semantic error javac's parser does not report
        write(root, "src/main/java/a/Misnamed.java", "package a;\npublic class Other {}\n");
    }

    @ParameterizedTest(name = "parser {0}")
    @ValueSource(strings = {"javac", "javaparser"})
    void javaSyntaxErrorsHaveLineAndColumn(String parser) throws Exception {
        javaTree();
        RunResult r = run(root, work, "syntax:\n  languages: [java]\n  java:\n    parser: " + parser + "\n");
        assertThat(failingFiles(r, "syntax/java")).containsExactlyInAnyOrder(
                "src/main/java/a/Broken.java", "src/main/java/a/Unclosed.java");
        Finding broken = finding(r, "src/main/java/a/Broken.java");
        assertThat(broken.line()).isEqualTo(5);
        assertThat(broken.column()).isBetween(9, 20);
        assertThat(r.result().metrics().get("files.java").intValue()).isEqualTo(4);
        assertThat(r.result().metrics().get("failed.java").intValue()).isEqualTo(2);
        assertThat(r.result().details().get("java.parser").toString()).containsIgnoringCase(parser);
        assertThat(r.result().summary()).isEqualTo("2 of 4 Java files do not parse");
    }

    @Test
    void javacParsesAtTheConfiguredRelease() throws Exception {
        // a record is Java 16+: --release 11 rejects it, 17 accepts it
        write(root, "R.java", "record R(int x) {}\n");
        RunResult at11 = run(root, work, "syntax:\n  languages: [java]\n  java: {release: 11, parser: javac}\n");
        assertThat(failingFiles(at11, "syntax/java")).containsExactly("R.java");
        RunResult at17 = run(root, work, "syntax:\n  languages: [java]\n  java: {release: 17, parser: javac}\n");
        assertThat(failingFiles(at17, "syntax/java")).isEmpty();
    }

    @Test
    void yamlJsonAndTomlErrorsHaveLineAndColumn() throws Exception {
        write(root, "ok/app.yaml", "a: 1\nb: [1, 2]\n");
        write(root, "ok/multi.yml", "---\na: 1\n---\nb: 2\n");
        write(root, "ok/data.json", "{\"a\": [1, 2, {\"b\": null}]}\n");
        write(root, "ok/pyproject.toml", "[tool.pytest.ini_options]\ntestpaths = [\"tests\"]\n");
        write(root, "bad/flow.yaml", "name: x\nitems: [1, 2\nother: 3\n");
        write(root, "bad/second_doc.yml", "---\na: 1\n---\nb: 2\n  c: 3\n");
        write(root, "bad/trailing_comma.json", "{\n  \"a\": 1,\n}\n");
        write(root, "bad/two_values.json", "{\"a\": 1}\n{\"b\": 2}\n");
        write(root, "bad/empty.json", "");
        write(root, "bad/broken.toml", "[server]\nport = \nhost = \"x\"\n");
        write(root, "bad/duplicate.toml", "a = 1\na = 2\n");
        RunResult r = run(root, work, "syntax:\n  languages: [yaml, json, toml]\n");

        assertThat(failingFiles(r, "syntax/yaml")).containsExactlyInAnyOrder("bad/flow.yaml", "bad/second_doc.yml");
        assertThat(failingFiles(r, "syntax/json")).containsExactlyInAnyOrder(
                "bad/trailing_comma.json", "bad/two_values.json", "bad/empty.json");
        assertThat(failingFiles(r, "syntax/toml")).containsExactlyInAnyOrder("bad/broken.toml", "bad/duplicate.toml");

        assertThat(finding(r, "bad/second_doc.yml").line()).isEqualTo(5);
        assertThat(finding(r, "bad/second_doc.yml").message()).doesNotContain("\n");
        assertThat(finding(r, "bad/trailing_comma.json").line()).isEqualTo(3);
        assertThat(finding(r, "bad/trailing_comma.json").column()).isEqualTo(1);
        assertThat(finding(r, "bad/two_values.json").line()).isEqualTo(2);
        assertThat(finding(r, "bad/broken.toml").line()).isEqualTo(2);
        assertThat(r.result().metrics().get("files.yaml").intValue()).isEqualTo(4);
        assertThat(r.result().metrics().get("failed.dir.bad").intValue()).isEqualTo(7);
    }

    @Test
    void aFiftyMegabyteFileIsAWarningAndIsNotCompiled() throws Exception {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            line.append("value_").append(i).append(" = ").append(i).append('\n');
        }
        byte[] chunk = line.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path big = root.resolve("gen/huge.py");
        java.nio.file.Files.createDirectories(big.getParent());
        try (var out = java.nio.file.Files.newOutputStream(big)) {
            for (long written = 0; written < 50L * 1024 * 1024; written += chunk.length) {
                out.write(chunk);
            }
        }
        write(root, "gen/small.py", "x = 1\n");
        RunResult r = run(root, work, "syntax:\n  languages: [python]\n");
        Finding f = finding(r, "gen/huge.py");
        assertThat(f.severity()).isEqualTo(io.github.recoverygates.core.Severity.WARNING);
        assertThat(f.category()).isEqualTo("too-large");
        assertThat(f.message()).contains("syntax.maxFileSize");
        assertThat(r.result().metrics().get("compiled.python").intValue()).isEqualTo(1);
        assertThat(r.result().metrics().get("skipped.too-large").intValue()).isEqualTo(1);
        assertThat(r.exitCode()).isZero();
        assertThat(r.result().verdict()).isEqualTo(io.github.recoverygates.core.Verdict.WARN);
    }
}
