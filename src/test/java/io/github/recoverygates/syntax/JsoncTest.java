package io.github.recoverygates.syntax;

import static io.github.recoverygates.syntax.SyntaxFixtures.failingFiles;
import static io.github.recoverygates.syntax.SyntaxFixtures.finding;
import static io.github.recoverygates.syntax.SyntaxFixtures.run;
import static io.github.recoverygates.syntax.SyntaxFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.cli.Main;
import io.github.recoverygates.core.Finding;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("JSONC: tsconfig, jsconfig, .vscode, .eslintrc.json, *.jsonc and configured globs allow comments and trailing commas")
class JsoncTest {

    private static final String COMMENTED = String.join("\n",
            "{",
            "  // the compiler's settings",
            "  \"compilerOptions\": {",
            "    /* strict, as the team agreed */",
            "    \"strict\": true,",
            "    \"paths\": {\"@/*\": [\"src/*\",],},",
            "  },",
            "}", "");

    @TempDir
    Path root;
    @TempDir
    Path work;

    @Test
    void toolConfigsWithCommentsAndTrailingCommasParseAndPlainJsonStaysStrict() throws Exception {
        write(root, "tsconfig.json", COMMENTED);
        write(root, "web/tsconfig.build.json", COMMENTED);
        write(root, "web/jsconfig.json", COMMENTED);
        write(root, ".vscode/settings.json", COMMENTED);
        write(root, ".eslintrc.json", COMMENTED);
        write(root, "conf/app.jsonc", COMMENTED);
        write(root, "data/plain.json", COMMENTED);
        write(root, "data/trailing.json", "{\"a\": [1, 2,]}\n");
        write(root, "data/ok.json", "{\"a\": [1, 2]}\n");
        RunResult r = run(root, work, "syntax:\n  languages: [json]\n");

        assertThat(failingFiles(r, "syntax/json")).containsExactlyInAnyOrder("data/plain.json", "data/trailing.json");
        assertThat(finding(r, "data/plain.json").line()).isEqualTo(2);
        assertThat(finding(r, "data/plain.json").column()).isEqualTo(3);
        assertThat(r.result().metrics().get("files.json").intValue()).isEqualTo(9);
    }

    @Test
    void whatJsoncStillRejectsIsAnErrorAtItsExactLineAndColumn() throws Exception {
        // a comment before the error must not shift the position; a missing comma is still an error
        write(root, "tsconfig.json", "{\n  // comment\n  /* block\n     comment */\n  \"a\": 1\n  \"b\": 2\n}\n");
        write(root, ".vscode/launch.json", "{\"configurations\": [1,, 2]}\n");
        write(root, "x.jsonc", "{\"a\": 1} /* unclosed\n");
        write(root, "y.jsonc", "{\"a\": 1}\n{\"b\": 2}\n");
        RunResult r = run(root, work, "syntax:\n  languages: [json]\n");

        assertThat(failingFiles(r, "syntax/json")).containsExactlyInAnyOrder("tsconfig.json", ".vscode/launch.json", "x.jsonc", "y.jsonc");
        Finding missingComma = finding(r, "tsconfig.json");
        assertThat(missingComma.line()).isEqualTo(6);
        assertThat(missingComma.column()).isEqualTo(3);
        assertThat(finding(r, ".vscode/launch.json").column()).isEqualTo(23);
        assertThat(finding(r, "y.jsonc").line()).isEqualTo(2);
    }

    @Test
    void configuredGlobsAddToTheBuiltInOnes() throws Exception {
        write(root, "config/app.json", COMMENTED);
        write(root, "other/app.json", COMMENTED);
        write(root, "tsconfig.json", COMMENTED);
        RunResult r = run(root, work, "syntax:\n  languages: [json]\n  jsonc: [\"config/*.json\"]\n");
        assertThat(failingFiles(r, "syntax/json")).containsExactly("other/app.json");
    }

    @Test
    void aJsoncValueThatIsNotAListOfGlobsExitsTwoWithTheLine() throws Exception {
        Files.writeString(root.resolve("a.json"), "{}\n");
        Path config = work.resolve("gates.yml");
        Files.writeString(config, "syntax:\n  languages: [json]\n  jsonc: {a: 1}\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = Main.execute(new String[]{"syntax", "--root", root.toString(), "--config", config.toString(),
                "--out", work.resolve("out").toString()}, print, print);
        assertThat(exit).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("gates.yml:3").contains("jsonc");
    }

    @Test
    void aMalformedJsoncGlobExitsTwo() throws Exception {
        Files.writeString(root.resolve("a.json"), "{}\n");
        Path config = work.resolve("gates.yml");
        Files.writeString(config, "syntax:\n  languages: [json]\n  jsonc: [\"config/{a,b\"]\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = Main.execute(new String[]{"syntax", "--root", root.toString(), "--config", config.toString(),
                "--out", work.resolve("out").toString()}, print, print);
        assertThat(exit).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("config/{a,b");
    }
}
