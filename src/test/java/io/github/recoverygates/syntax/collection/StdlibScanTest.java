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
            if (rules.get(0).isEmpty()) {
                tolerantScanRecoversWhatTheAuthorWrote(lib, expected, counter);
            }
            assertThat(ours.keySet()).isEqualTo(expected.keySet());
            assertThat(expected.values().stream().mapToInt(Integer::intValue).sum())
                    .isGreaterThan(rules.get(0).isEmpty() ? 5_000 : 20);
        }
    }

    private static final List<String> INJECTIONS = List.of(
            "broken = 'unterminated single quote", "broken = \"\"\"unterminated triple quote",
            "broken = [1, 2,", "budget = 500K+", "broken = f\"{}\"");

    /**
     * Breaks each module with one of the seeds' error kinds, inserted before a top-level definition in
     * its second half, and checks that the tolerant scan still counts what the intact module holds.
     * The break must not hide the tests: at least 95% of the broken modules count exactly (97.5% on CPython 3.11.7).
     */
    private static void tolerantScanRecoversWhatTheAuthorWrote(Path lib, Map<String, Integer> expected,
                                                               TestCounter counter) throws IOException {
        int tried = 0;
        int exact = 0;
        Map<String, String> misses = new TreeMap<>();
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            if (e.getValue() == 0) {
                continue;
            }
            List<String> lines = Files.readAllLines(lib.resolve(e.getKey()), StandardCharsets.UTF_8);
            int at = -1;
            for (int i = lines.size() / 2; i < lines.size(); i++) {
                String l = lines.get(i);
                if (l.startsWith("def ") || l.startsWith("class ")) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                continue;
            }
            String injection = INJECTIONS.get(tried % INJECTIONS.size());
            List<String> broken = new java.util.ArrayList<>(lines);
            broken.add(at, injection);
            int counted = counter.tests(ModuleOutline.of(String.join("\n", broken) + "\n", true)).size();
            tried++;
            if (counted == e.getValue()) {
                exact++;
            } else {
                misses.put(e.getKey(), injection + ": " + counted + " of " + e.getValue());
            }
        }
        assertThat(tried).isGreaterThan(100);
        assertThat(exact * 100.0 / tried).as("exact recoveries, misses: %s", misses).isGreaterThanOrEqualTo(95.0);
    }
}
