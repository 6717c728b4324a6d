package io.github.recoverygates.repair;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One fixture per repair pattern (src/test/resources/repair/fixtures/&lt;case&gt;/): {@code broken.py}
 * is repaired with {@code --apply} by the real python3; the file must then be exactly
 * {@code expected.py}, or, where {@code status.txt} names what must happen instead (needs-human,
 * no-candidate, refused, clean), keep its bytes.
 */
class RepairFixturesTest {

    private static final Path FIXTURES = Path.of("src/test/resources/repair/fixtures");

    static Stream<String> fixtures() throws IOException {
        try (Stream<Path> dirs = Files.list(FIXTURES)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void eachFixtureIsRepairedExactlyOrLeftAsItWas(String name, @TempDir Path temp) throws Exception {
        Path dir = FIXTURES.resolve(name);
        byte[] broken = Files.readAllBytes(dir.resolve("broken.py"));
        Path root = Files.createDirectories(temp.resolve("repo"));
        Path file = RepairRun.write(root, "pkg/" + name.replace('-', '_') + ".py", broken);
        Repair.Result result = RepairRun.apply(root, temp.resolve("backup"));
        String path = root.relativize(file).toString();

        if (Files.exists(dir.resolve("expected.py"))) {
            RepairReport.FileRepair f = RepairRun.file(result, path);
            assertThat(f.status()).as("%s: %s", name, f).isEqualTo(RepairReport.Status.APPLIED);
            assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(name)
                    .isEqualTo(Files.readString(dir.resolve("expected.py"), StandardCharsets.UTF_8));
            assertThat(f.steps()).isNotEmpty();
            assertThat(temp.resolve("backup").resolve(path)).as("the previous bytes are kept").hasBinaryContent(broken);
            assertThat(result.report().verification().verdict()).isEqualTo("PASS");
            assertThat(result.report().verification().filesFailing()).isZero();
            return;
        }
        String expected = Files.readString(dir.resolve("status.txt")).strip();
        assertThat(Files.readAllBytes(file)).as("%s must not be touched", name).isEqualTo(broken);
        assertThat(Files.exists(temp.resolve("backup"))).isFalse();
        if (expected.equals("clean")) {
            assertThat(result.report().files()).isEmpty();
            return;
        }
        RepairReport.FileRepair f = RepairRun.file(result, path);
        assertThat(f.status().id()).as("%s: %s", name, f).isEqualTo(expected);
        assertThat(f.reason()).isNotBlank();
        if (expected.equals("needs-human")) {
            assertThat(f.options()).as("the equally good candidates are listed").hasSizeGreaterThanOrEqualTo(2);
            assertThat(f.options()).allSatisfy(o -> assertThat(o.lines()).isNotEmpty());
        }
        assertThat(result.changes()).isEmpty();
    }
}
