package io.github.recoverygates.syntax;

import static io.github.recoverygates.syntax.SyntaxFixtures.run;
import static io.github.recoverygates.syntax.SyntaxFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.core.Shard;
import io.github.recoverygates.core.Threshold;
import io.github.recoverygates.core.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Parse-rate thresholds by scope, and the content cache")
class SyntaxThresholdAndCacheTest {

    @TempDir
    Path root;
    @TempDir
    Path work;

    /** mission_critical 1 of 2 broken (50%), integration 1 of 20 (95%), unit 2 of 10 (80%), like the seeds' monorepo. */
    private void seedsShapedTree() throws Exception {
        for (int i = 0; i < 2; i++) {
            write(root, "services/api/tests/mission_critical/test_mc" + i + ".py", i == 0 ? "def test():\n    assert 'x\n" : "def test():\n    pass\n");
        }
        for (int i = 0; i < 20; i++) {
            write(root, "tests/integration/test_it" + i + ".py", i == 0 ? "price = $500K+\n" : "def test_" + i + "():\n    pass\n");
        }
        for (int i = 0; i < 10; i++) {
            write(root, "tests/unit/test_u" + i + ".py", i < 2 ? "def test():\nreturn 1\n" : "def test():\n    return " + i + "\n");
        }
        write(root, "services/api/app.py", "def main():\n    return 0\n");
    }

    private static Map<String, Threshold> byName(RunResult r) {
        return r.result().thresholds().stream().filter(t -> !t.name().startsWith("collect."))
                .collect(Collectors.toMap(Threshold::name, t -> t));
    }

    @Test
    void withoutConfigTheSeedsDefaultsApplyToTheDirectoriesAtAnyDepth() throws Exception {
        seedsShapedTree();
        RunResult r = run(root, work, null);
        Map<String, Threshold> t = byName(r);
        assertThat(t).containsOnlyKeys("mission_critical", "integration", "unit");
        assertThat(t.get("mission_critical").required()).isEqualTo(100.0);
        assertThat(t.get("mission_critical").actual()).isEqualTo(50.0);
        assertThat(t.get("mission_critical").passed()).isFalse();
        assertThat(t.get("integration").required()).isEqualTo(95.0);
        assertThat(t.get("integration").actual()).isEqualTo(95.0);
        assertThat(t.get("integration").passed()).isTrue();
        assertThat(t.get("unit").required()).isEqualTo(90.0);
        assertThat(t.get("unit").actual()).isEqualTo(80.0);
        assertThat(t.get("unit").passed()).isFalse();
        assertThat(r.result().metrics().get("rate.unit").doubleValue()).isEqualTo(80.0);
        assertThat(r.result().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.result().summary()).startsWith("4 of 33 Python files do not compile")
                .contains("mission_critical 50.0% < 100.0%");
        assertThat(r.result().sections()).anySatisfy(s -> {
            assertThat(s.id()).isEqualTo("syntax-thresholds");
            assertThat(((io.github.recoverygates.core.Table) s).rows()).hasSize(3);
        });
    }

    @Test
    void configuredThresholdsReplaceTheDefaults() throws Exception {
        seedsShapedTree();
        RunResult r = run(root, work, "syntax:\n  thresholds:\n    - {name: api, include: ['services/**'], min: 60}\n"
                + "    - {name: everything, include: ['**/*.py'], min: 85}\n");
        Map<String, Threshold> t = byName(r);
        assertThat(t).containsOnlyKeys("api", "everything");
        assertThat(t.get("api").numerator()).isEqualTo(2L);
        assertThat(t.get("api").denominator()).isEqualTo(3L);
        assertThat(t.get("api").passed()).isTrue();
        assertThat(t.get("everything").actual()).isEqualTo(87.8);
    }

    @Test
    void aFailedThresholdAloneFailsTheGate() throws Exception {
        write(root, "tests/unit/test_a.py", "def test():\n    pass\n");
        write(root, "tests/unit/test_b.py", "x = (\n");
        git("init", "-q");
        git("add", "-A");
        git("commit", "-q", "-m", "seed");
        Path cache = work.resolve("cache");
        run(root, work, null, req -> req.toBuilder().cache(cache).build());
        // a pull request touches only the good file: no finding in scope, yet the unit scope is at 50%
        write(root, "tests/unit/test_a.py", "def test():\n    return None\n");
        RunResult r = run(root, work, null, req -> req.toBuilder().cache(cache).changedFrom("HEAD").build());
        assertThat(r.result().findings()).noneSatisfy(f -> assertThat(f.severity())
                .isEqualTo(io.github.recoverygates.core.Severity.ERROR));
        assertThat(byName(r).get("unit").actual()).isEqualTo(50.0);
        assertThat(r.result().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void aSecondRunCompilesNothingAndAChangedFileIsCompiledAgain() throws Exception {
        seedsShapedTree();
        write(root, "config/app.yaml", "a: [1, 2\n");
        Path cache = work.resolve("cache");
        RunResult cold = run(root, work, null, req -> req.toBuilder().cache(cache).build());
        assertThat(cold.result().metrics().get("compiled.python").intValue()).isEqualTo(33);
        assertThat(cold.result().metrics().get("cache.hits").intValue()).isZero();

        RunResult warm = run(root, work, null, req -> req.toBuilder().cache(cache).build());
        assertThat(warm.result().metrics().get("compiled.python").intValue()).isZero();
        assertThat(warm.result().metrics().get("cache.hits").intValue()).isEqualTo(34);
        assertThat(warm.result().findings()).isEqualTo(cold.result().findings());
        assertThat(warm.result().thresholds()).isEqualTo(cold.result().thresholds());

        Path fixed = root.resolve("tests/unit/test_u0.py");
        Files.writeString(fixed, "def test():\n    return 1\n");
        RunResult changed = run(root, work, null, req -> req.toBuilder().cache(cache).build());
        assertThat(changed.result().metrics().get("compiled.python").intValue()).isEqualTo(1);
        assertThat(byName(changed).get("unit").actual()).isEqualTo(90.0);
        assertThat(changed.result().findings()).noneSatisfy(f -> assertThat(f.file()).isEqualTo("tests/unit/test_u0.py"));
    }

    @Test
    void eachShardMeasuresItsOwnSliceSoThatMergedShardsAddUpEvenWithACache() throws Exception {
        seedsShapedTree();
        Path cache = work.resolve("cache");
        RunResult full = run(root, work, null, req -> req.toBuilder().cache(cache).build());
        RunResult one = run(root, work, null, req -> req.toBuilder().cache(cache).shard(new Shard(1, 2)).build());
        RunResult two = run(root, work, null, req -> req.toBuilder().cache(cache).shard(new Shard(2, 2)).build());

        assertThat(one.result().metrics().get("files.python").intValue()).isLessThan(33);
        for (String scope : List.of("mission_critical", "integration", "unit")) {
            assertThat(byName(one).get(scope).denominator() + byName(two).get(scope).denominator())
                    .isEqualTo(byName(full).get(scope).denominator());
            assertThat(byName(one).get(scope).numerator() + byName(two).get(scope).numerator())
                    .isEqualTo(byName(full).get(scope).numerator());
        }
        assertThat(one.result().details().keySet().stream().filter(k -> k.endsWith(".unknownFiles")).toList())
                .isNotEmpty();
    }

    private void git(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", root.toString(),
                "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
    }

    @Test
    void changedFromChecksOnlyChangedFilesAndKeepsTheRatesFromTheCache() throws Exception {
        seedsShapedTree();
        git("init", "-q");
        git("add", "-A");
        git("commit", "-q", "-m", "seed");
        Path cache = work.resolve("cache");
        run(root, work, null, req -> req.toBuilder().cache(cache).build());
        // a pull request breaks one more unit test
        Files.writeString(root.resolve("tests/unit/test_u5.py"), "def test():\n    return (5\n");

        RunResult pr = run(root, work, null, req -> req.toBuilder().cache(cache).changedFrom("HEAD").build());
        assertThat(pr.result().metrics().get("files.python").intValue()).isEqualTo(1);
        assertThat(pr.result().findings()).extracting(io.github.recoverygates.core.Finding::file)
                .containsOnly("tests/unit/test_u5.py");
        Threshold unit = byName(pr).get("unit");
        assertThat(unit.numerator()).isEqualTo(7L);
        assertThat(unit.denominator()).isEqualTo(10L);
        assertThat(byName(pr).get("mission_critical").actual()).isEqualTo(50.0);
        assertThat(pr.result().details()).containsEntry("notSelectedFiles", 32);
    }
}
