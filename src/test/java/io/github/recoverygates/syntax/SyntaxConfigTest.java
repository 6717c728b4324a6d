package io.github.recoverygates.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The syntax section: defaults, sizes, and mistakes that exit 2 with file, line and key")
class SyntaxConfigTest {

    @TempDir
    Path root;
    @TempDir
    Path work;

    @Test
    void anEmptySectionMeansEveryLanguageAndTheDocumentedDefaults() throws Exception {
        SyntaxConfig c = io.github.recoverygates.core.Json.CONFIG.readValue("{}", SyntaxConfig.class);
        assertThat(c.languages()).containsExactly(SyntaxConfig.Language.values());
        assertThat(c.maxFileSizeBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(c.python().interpreter()).isEqualTo("python3");
        assertThat(c.python().timeout()).hasSeconds(20);
        assertThat(c.python().batchSize()).isEqualTo(64);
        assertThat(c.python().workers()).isNull();
        assertThat(c.java().release()).isEqualTo(17);
        assertThat(c.java().parser()).isEqualTo(SyntaxConfig.JavaParserChoice.AUTO);
    }

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({"1048576,1048576", "512KB,524288", "10MB,10485760", "2 mb,2097152", "1GiB,1073741824", "300b,300"})
    void sizesReadWithOrWithoutUnits(String text, long bytes) {
        assertThat(SyntaxConfig.parseSize(text)).isEqualTo(bytes);
    }

    private int cli(String yaml, StringBuilder said) throws Exception {
        Files.writeString(root.resolve("a.py"), "x = 1\n");
        Path config = work.resolve("gates.yml");
        Files.writeString(config, yaml);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Main.execute(new String[]{"syntax", "--root", root.toString(), "--config", config.toString(),
                "--out", work.resolve("out").toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        said.append(out.toString(StandardCharsets.UTF_8));
        return exit;
    }

    @Test
    void anUnknownKeyIsAConfigErrorNamingTheKeyAndItsLine() throws Exception {
        StringBuilder said = new StringBuilder();
        assertThat(cli("syntax:\n  python:\n    interpreterr: python3\n", said)).isEqualTo(2);
        assertThat(said.toString()).contains("interpreterr").contains("gates.yml:3").contains("interpreter");
    }

    @Test
    void aBadSizeOrLanguageIsAConfigError() throws Exception {
        StringBuilder said = new StringBuilder();
        assertThat(cli("syntax:\n  maxFileSize: huge\n", said)).isEqualTo(2);
        assertThat(said.toString()).contains("maxFileSize").contains("gates.yml");
        StringBuilder said2 = new StringBuilder();
        assertThat(cli("syntax:\n  languages: [python, cobol]\n", said2)).isEqualTo(2);
        assertThat(said2.toString()).contains("cobol");
        StringBuilder said3 = new StringBuilder();
        assertThat(cli("syntax:\n  thresholds:\n    - {name: x, include: ['**'], min: 150}\n", said3)).isEqualTo(2);
        assertThat(said3.toString()).contains("threshold 'x'");
    }

    @Test
    void includeAndExcludeGlobsNarrowTheCheckedFiles() throws Exception {
        Files.createDirectories(root.resolve("gen"));
        Files.writeString(root.resolve("gen/broken.py"), "x = (\n");
        Files.writeString(root.resolve("notes.json"), "{");
        StringBuilder said = new StringBuilder();
        assertThat(cli("syntax:\n  exclude: ['gen/**']\n  include: ['**/*.py']\n", said)).isZero();
        String report = Files.readString(work.resolve("out/syntax.json"));
        assertThat(report).contains("\"files.python\" : 1").doesNotContain("files.json");
    }
}
