package io.github.recoverygates.syntax;

import static io.github.recoverygates.syntax.SyntaxFixtures.run;
import static io.github.recoverygates.syntax.SyntaxFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.api.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The syntax cache restored into a fresh git clone: same reports, nothing compiled, one change re-checked")
class SyntaxCacheCloneTest {

    @TempDir
    Path temp;

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString(), "-c", "user.name=t",
                "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
    }

    @Test
    void aRestoredCacheHitsInAFreshCloneAndTheReportsEqualAnUncachedRun() throws Exception {
        Path repo = temp.resolve("repo");
        for (int i = 0; i < 12; i++) {
            write(repo, "tests/unit/test_m" + i + ".py", i % 4 == 0 ? "def test_x():\n    return (1\n" : "def test_" + i + "():\n    assert True\n");
        }
        write(repo, "app/__init__.py", "");
        write(repo, "app/core.py", "def f():\n    return 1\n");
        write(repo, "pyproject.toml", "[tool.pytest.ini_options]\ntestpaths = [\"tests\"]\n");
        git(repo, "init", "-q");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "seed");
        Path work = Files.createDirectories(temp.resolve("work"));
        Path cache = temp.resolve("cache");
        RunResult cold = run(repo, work, null, r -> r.toBuilder().cache(cache).build());
        assertThat(cold.result().metrics().get("compiled.python").intValue()).isEqualTo(14);

        Path clone = temp.resolve("clone");
        git(temp, "clone", "-q", repo.toString(), clone.toString());
        RunResult uncached = run(clone, work, null, null);
        RunResult warm = run(clone, work, null, r -> r.toBuilder().cache(cache).build());
        assertThat(warm.result().metrics().get("compiled.python").intValue()).isZero();
        assertThat(warm.result().findings()).isEqualTo(uncached.result().findings()).isEqualTo(cold.result().findings());
        assertThat(warm.result().thresholds()).isEqualTo(uncached.result().thresholds());
        assertThat(warm.result().verdict()).isEqualTo(uncached.result().verdict());
        assertThat(warm.result().metrics().get("tests.collectable")).isEqualTo(uncached.result().metrics().get("tests.collectable"));

        Files.writeString(clone.resolve("tests/unit/test_m0.py"), "def test_x():\n    return 1\n");
        RunResult one = run(clone, work, null, r -> r.toBuilder().cache(cache).build());
        RunResult oneUncached = run(clone, work, null, null);
        assertThat(one.result().metrics().get("compiled.python").intValue()).isEqualTo(1);
        assertThat(one.result().findings()).isEqualTo(oneUncached.result().findings());
        assertThat(one.result().findings()).noneSatisfy(f -> assertThat(f.file()).isEqualTo("tests/unit/test_m0.py"));

        // another config (a smaller size limit is part of the cache's salt) checks everything again
        RunResult reconfigured = run(clone, work, "syntax:\n  maxFileSize: 100KB\n", r -> r.toBuilder().cache(cache).build());
        assertThat(reconfigured.result().metrics().get("compiled.python").intValue()).isEqualTo(14);
    }
}
