package io.github.recoverygates.syntax;

import static io.github.recoverygates.syntax.SyntaxFixtures.run;
import static io.github.recoverygates.syntax.SyntaxFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.core.GateResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The syntax gate's whole-run memo: a run with nothing changed gives the cold run's report without
 * checking anything, and every change that matters makes the next run do the work again, with the
 * same report as a run without any cache.
 */
@DisplayName("The syntax whole-run memo: reused when nothing changed, never when something that matters did")
class SyntaxRunMemoTest {

    @TempDir
    Path temp;
    Path repo;
    Path work;
    Path cache;
    Path config;

    @BeforeEach
    void aGitRepositoryWithBrokenAndCleanTests() throws Exception {
        repo = temp.resolve("repo");
        for (int i = 0; i < 6; i++) {
            write(repo, "tests/test_m" + i + ".py", i == 0 ? "def test_x():\n    return (1\n" : "def test_" + i + "():\n    assert True\n");
        }
        write(repo, "app/__init__.py", "");
        write(repo, "app/core.py", "def f():\n    return 1\n");
        write(repo, "pyproject.toml", "[tool.pytest.ini_options]\ntestpaths = [\"tests\"]\n");
        git(repo, "init", "-q");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "seed");
        work = Files.createDirectories(temp.resolve("work"));
        cache = temp.resolve("cache");
        config = work.resolve("gates.yml");
        Files.writeString(config, "syntax:\n  maxFileSize: 1MB\n");
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString(), "-c", "user.name=t",
                "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
    }

    private RunResult cached() throws Exception {
        return run(repo, work, null, r -> r.toBuilder().cache(cache).config(config).build());
    }

    private RunResult uncached() throws Exception {
        return run(repo, work, null, r -> r.toBuilder().config(config).build());
    }

    private static boolean reused(RunResult r) {
        return r.result().metrics().containsKey(RunMemo.REUSED);
    }

    /** The cached run did the work and reports what a run without cache reports. */
    private void assertRecomputedAsWithoutCache() throws Exception {
        RunResult cachedRun = cached();
        RunResult plain = uncached();
        assertThat(reused(cachedRun)).as("a stale memo was reused").isFalse();
        assertSameReport(cachedRun.result(), plain.result());
        assertThat(reused(cached())).as("the recomputed run is kept for the next one").isTrue();
    }

    private static void assertSameReport(GateResult a, GateResult b) {
        assertThat(a.verdict()).isEqualTo(b.verdict());
        assertThat(a.findings()).isEqualTo(b.findings());
        assertThat(a.thresholds()).isEqualTo(b.thresholds());
        assertThat(a.sections()).isEqualTo(b.sections());
        for (String metric : List.of("tests.collectable", "tests.lost", "failed.python", "files.python")) {
            assertThat(a.metrics().get(metric).longValue()).as(metric).isEqualTo(b.metrics().get(metric).longValue());
        }
    }

    @Test
    void aRunWithNothingChangedReusesTheColdRunsReportWithoutCompiling() throws Exception {
        RunResult cold = cached();
        assertThat(reused(cold)).isFalse();
        RunResult warm = cached();
        assertThat(reused(warm)).isTrue();
        assertThat(warm.result().metrics().get("compiled.python").intValue()).isZero();
        assertThat(warm.result().metrics().get("cache.hits").intValue()).isEqualTo(9);
        assertSameReport(warm.result(), cold.result());
        assertSameReport(warm.result(), uncached().result());
        assertThat(warm.result().findings()).anySatisfy(f -> {
            assertThat(f.file()).isEqualTo("tests/test_m0.py");
            assertThat(f.fingerprint()).isNotNull();
        });
    }

    @Test
    void aReuseReadsOnlyTheMemoFileAndADamagedMemoIsAMissWithANotice() throws Exception {
        cached();
        Path memo = cache.resolve("syntax.run");
        assertThat(memo).isRegularFile();
        try (var files = Files.list(cache)) {
            for (Path other : files.filter(p -> !p.equals(memo)).toList()) {
                Files.write(other, "garbage".getBytes(StandardCharsets.US_ASCII)); // the per-file cache
            }
        }
        RunResult warm = cached();
        assertThat(reused(warm)).isTrue();
        assertSameReport(warm.result(), uncached().result());

        byte[] bytes = Files.readAllBytes(memo);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(memo, bytes);
        RunResult damaged = cached();
        assertThat(reused(damaged)).isFalse();
        assertThat(damaged.result().findings()).anySatisfy(f -> {
            assertThat(f.ruleId()).isEqualTo("run/notice");
            assertThat(f.message()).contains("syntax.run").contains("checksum");
        });
        RunResult again = cached();
        assertThat(reused(again)).as("the recomputed run is kept for the next one").isTrue();
        assertSameReport(again.result(), uncached().result());
    }

    @Test
    void aFileChangedToTheSameSizeIsRecomputed() throws Exception {
        cached();
        // as long as before, so only its content tells: the broken file now compiles
        Files.writeString(repo.resolve("tests/test_m0.py"), "def test_x():\n    return  1\n");
        assertRecomputedAsWithoutCache();
        assertThat(uncached().result().findings()).noneSatisfy(f -> assertThat(f.file()).isEqualTo("tests/test_m0.py"));
    }

    @Test
    void anAddedUntrackedFileIsRecomputed() throws Exception {
        cached();
        write(repo, "tests/test_new.py", "def test_new(:\n    pass\n");
        assertRecomputedAsWithoutCache();
        assertThat(cached().result().findings()).anySatisfy(f -> assertThat(f.file()).isEqualTo("tests/test_new.py"));
    }

    @Test
    void aDeletedFileIsRecomputed() throws Exception {
        cached();
        Files.delete(repo.resolve("tests/test_m0.py"));
        assertRecomputedAsWithoutCache();
        assertThat(cached().result().findings()).noneSatisfy(f -> assertThat(f.file()).isEqualTo("tests/test_m0.py"));
    }

    @Test
    void aChangedConfigIsRecomputed() throws Exception {
        RunResult before = cached();
        // not part of the per-file salt: only the memo's key sees it
        Files.writeString(config, "syntax:\n  maxFileSize: 1MB\n  testCollection:\n    testpaths: [app]\n");
        assertRecomputedAsWithoutCache();
        assertThat(cached().result().metrics().get("tests.collectable"))
                .isNotEqualTo(before.result().metrics().get("tests.collectable"));
    }

    @Test
    void aPytestConfigTheListingLeavesOutButCollectionReadsIsRecomputed() throws Exception {
        Files.writeString(config, "syntax:\n  maxFileSize: 1MB\nextendExclude: ['**/*.ini']\n");
        RunResult before = cached();
        Files.writeString(repo.resolve("tests/pytest.ini"), "[pytest]\npython_files = nothing_*.py\n");
        assertRecomputedAsWithoutCache();
        assertThat(cached().result().metrics().get("tests.collectable"))
                .isNotEqualTo(before.result().metrics().get("tests.collectable"));
    }

    private static long changedAround(RunResult r) {
        Number n = r.result().metrics().get(RunMemo.REUSED_AROUND);
        return n == null ? 0 : n.longValue();
    }

    @Test
    void cleanModulesEditedToStayCleanAreCompiledAndTheRunAroundThemIsReused() throws Exception {
        write(repo, "tests/conftest.py", "import pytest\n");
        cached();
        // a package __init__ and a conftest count for test collection by their verdict alone
        Files.writeString(repo.resolve("app/__init__.py"), "# the package\n");
        Files.writeString(repo.resolve("app/core.py"), "def f():\n    return 2  # changed\n");
        Files.writeString(repo.resolve("tests/conftest.py"), "import pytest  # fixtures later\n");
        RunResult around = cached();
        assertThat(reused(around)).isTrue();
        assertThat(changedAround(around)).isEqualTo(3);
        assertThat(around.result().metrics().get("compiled.python").intValue()).isEqualTo(3);
        assertThat(around.result().metrics().get("cache.hits").intValue()).isEqualTo(10 - 3);
        assertSameReport(around.result(), uncached().result());

        RunResult next = cached();
        assertThat(reused(next)).as("kept for the new listing").isTrue();
        assertThat(changedAround(next)).isZero();
        assertThat(next.result().metrics().get("compiled.python").intValue()).isZero();
    }

    @Test
    void aCleanModuleEditedToNoLongerCompileIsRecomputed() throws Exception {
        cached();
        Files.writeString(repo.resolve("app/core.py"), "def f(:\n    return 1\n");
        assertRecomputedAsWithoutCache();
        assertThat(cached().result().findings()).anySatisfy(f -> assertThat(f.file()).isEqualTo("app/core.py"));
    }

    @Test
    void aPackageInitEditedToNoLongerCompileLosesItsTestsAsWithoutCache() throws Exception {
        write(repo, "tests/__init__.py", "");
        RunResult before = cached();
        Files.writeString(repo.resolve("tests/__init__.py"), "x = (\n");
        assertRecomputedAsWithoutCache();
        assertThat(cached().result().metrics().get("tests.lost").longValue())
                .isGreaterThan(before.result().metrics().get("tests.lost").longValue());
    }

    @Test
    void aTestFileEditedToStayCleanIsRecomputedBecauseItsTestsAreCounted() throws Exception {
        RunResult before = cached();
        Files.writeString(repo.resolve("tests/test_m1.py"), "def test_1():\n    assert True\n\n\ndef test_2():\n    pass\n");
        assertRecomputedAsWithoutCache();
        assertThat(cached().result().metrics().get("tests.collectable").longValue())
                .isEqualTo(before.result().metrics().get("tests.collectable").longValue() + 1);
    }

    @Test
    void aFileWithAFindingEditedIsRecomputedEvenWhenItStillFails() throws Exception {
        cached();
        // still broken, one line later: its finding moves
        Files.writeString(repo.resolve("tests/test_m0.py"), "\ndef test_x():\n    return (1\n");
        assertRecomputedAsWithoutCache();
        assertThat(cached().result().findings()).anySatisfy(f -> {
            assertThat(f.file()).isEqualTo("tests/test_m0.py");
            assertThat(f.line()).isEqualTo(3);
        });
    }

    @Test
    void aChangedDataFileIsRecomputed() throws Exception {
        cached();
        Files.writeString(repo.resolve("pyproject.toml"), "[tool.pytest.ini_options]\ntestpaths = [\"app\"]\n");
        assertRecomputedAsWithoutCache();
    }

    @Test
    void moreChangedFilesThanTheLimitAreRecomputed() throws Exception {
        for (int i = 0; i <= RunMemo.MAX_CHANGED; i++) {
            write(repo, "app/m" + i + ".py", "X = 1\n");
        }
        cached();
        for (int i = 0; i <= RunMemo.MAX_CHANGED; i++) {
            Files.writeString(repo.resolve("app/m" + i + ".py"), "X = 2\n");
        }
        assertRecomputedAsWithoutCache();
    }

    @Test
    void anotherPythonVersionIsRecomputed() throws Exception {
        // the same python3, told to call itself 3.99 (the version its workers report is part of the key)
        Path site = Files.createDirectories(temp.resolve("site"));
        Files.writeString(site.resolve("sitecustomize.py"), "import os, sys\nv = os.environ.get('FAKE_VERSION')\n"
                + "if v:\n    sys.version = v + ' (fake)'\n");
        Path python = temp.resolve("python-wrapper");
        Path marker = temp.resolve("version");
        Files.writeString(marker, "");
        Files.writeString(python, "#!/bin/sh\nFAKE_VERSION=$(cat '" + marker + "') PYTHONPATH='" + site
                + "' exec python3 \"$@\"\n");
        Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(config, "syntax:\n  python:\n    interpreter: " + python + "\n");
        cached();
        assertThat(reused(cached())).isTrue();
        Files.writeString(marker, "3.99.0");
        RunResult other = cached();
        assertThat(reused(other)).as("a memo of another interpreter version was reused").isFalse();
        assertThat(other.result().details().get("python.version")).isEqualTo("3.99.0");
    }
}
