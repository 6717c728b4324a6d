package io.github.recoverygates.syntax.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The tokenizer-level scanner against Python's own parser on real code: every module of the
 * installed python3's standard library (strings, f-strings, decorators, nested classes, odd
 * indentation), counted with rules that select every class and function, must give the same
 * counts as the ast oracle.
 */
class StdlibScanTest {

    @Test
    @DisplayName("on the standard library the scanner counts exactly what Python's ast finds")
    void scannerAgreesWithAstOnTheStandardLibrary() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", "-c", "import os; print(os.path.dirname(os.__file__))")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assumeTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "python3 is not runnable");
        Path lib = Path.of(out);
        List<String> all;
        try (Stream<Path> walk = Files.walk(lib, 4)) {
            all = walk.filter(f -> f.toString().endsWith(".py"))
                    .map(f -> lib.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> !f.startsWith("site-packages/") && !f.startsWith("dist-packages/"))
                    .sorted().toList();
        }
        // a deterministic sample keeps the test to seconds on a loaded machine
        List<String> files = java.util.stream.IntStream.range(0, all.size()).filter(i -> i % 5 == 0)
                .mapToObj(all::get).toList();
        assertThat(files).hasSizeGreaterThan(100);
        for (List<String> rules : List.of(List.of("Test", "test"), List.of("", ""))) {
            List<String> classes = List.of(rules.get(0));
            List<String> functions = List.of(rules.get(1));
            Map<String, Integer> oracle = CollectionFixtures.astOracle(lib, files, classes, functions);
            TestCounter counter = new TestCounter(classes, functions);
            Map<String, Integer> ours = new TreeMap<>();
            Map<String, Integer> expected = new TreeMap<>();
            for (String f : files) {
                if (oracle.get(f) < 0) {
                    continue;
                }
                String text = new String(Files.readAllBytes(lib.resolve(f)), StandardCharsets.UTF_8);
                ours.put(f, counter.tests(ModuleOutline.of(text, false)).size());
                expected.put(f, oracle.get(f));
            }
            Map<String, String> differences = new TreeMap<>();
            expected.forEach((f, n) -> {
                if (!n.equals(ours.get(f))) {
                    differences.put(f, "ast " + n + ", scanner " + ours.get(f));
                }
            });
            assertThat(differences).as("rules %s", rules).isEmpty();
            assertThat(ours.keySet()).isEqualTo(expected.keySet());
            assertThat(expected.values().stream().mapToInt(Integer::intValue).sum())
                    .isGreaterThan(rules.get(0).isEmpty() ? 5_000 : 20);
        }
    }
}
