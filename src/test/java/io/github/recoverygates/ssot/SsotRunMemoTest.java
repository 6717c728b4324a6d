package io.github.recoverygates.ssot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.api.RunRequest;
import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole-run memo of the ssot gate: reused only while nothing the run reads has changed. */
class SsotRunMemoTest {

    @TempDir
    Path temp;

    private FixtureRepo repo() {
        FixtureRepo repo = new FixtureRepo(temp).pkg("core").pkg("app");
        for (int i = 0; i < 6; i++) {
            repo.file("core/m" + i + ".py", "import os\n");
        }
        repo.file("app/a.py", "from core import m1\nimport vendored_lib\n");
        repo.file("app/b.py", "import core.m2\nOldThing()\n");
        repo.config("""
                unlistedDuplicates: false
                missingModules: true
                boundaries:
                  - {name: app-not-core, from: ["app/**"], forbid: [core]}
                deprecated:
                  - {symbol: OldThing, use: NewThing}
                """);
        return repo;
    }

    private static RunResult run(FixtureRepo repo, Path cache) {
        return repo.run(RunRequest.builder("ssot", repo.root, repo.out).cache(cache).build());
    }

    private static String report(RunResult r) throws Exception {
        var node = Json.REPORT.valueToTree(r.result());
        ((com.fasterxml.jackson.databind.node.ObjectNode) node).remove(java.util.List.of("durationMs", "startedAt"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) node.path("metrics")).remove(java.util.List.of("cache.hits", "findings.note"));
        var findings = (com.fasterxml.jackson.databind.node.ArrayNode) node.path("findings");
        for (int i = findings.size() - 1; i >= 0; i--) {
            if ("run/notice".equals(findings.get(i).path("ruleId").asText())) {
                findings.remove(i); // the notice that a broken cache was ignored; compared on its own
            }
        }
        return Json.REPORT.writeValueAsString(node);
    }

    @Test
    @DisplayName("a warm run reuses the whole result, equal to the cold run's; a changed file, config or disk answer runs the rules again")
    void reusedOnlyWhileNothingChanged() throws Exception {
        FixtureRepo repo = repo();
        Path cache = temp.resolve("cache");
        RunResult cold = run(repo, cache);
        RunResult plain = repo.run(RunRequest.builder("ssot", repo.root, repo.out).build());
        RunResult warm = run(repo, cache);
        assertThat(report(warm)).isEqualTo(report(cold)).isEqualTo(report(plain));
        assertThat(warm.result().metrics()).containsEntry("cache.hits", 10);
        assertThat(warm.result().verdict()).isEqualTo(cold.result().verdict());

        // the import of vendored_lib was asked of the disk: a module appearing outside the listing counts
        Files.createDirectories(repo.root.resolve("node_modules"));
        Files.writeString(repo.root.resolve("vendored_lib.py"), "X = 1\n");
        RunResult appeared = run(repo, cache);
        RunResult appearedPlain = repo.run(RunRequest.builder("ssot", repo.root, repo.out).build());
        assertThat(report(appeared)).isEqualTo(report(appearedPlain));
        Files.delete(repo.root.resolve("vendored_lib.py"));

        repo.file("app/b.py", "import core.m2\n");
        RunResult changed = run(repo, cache);
        RunResult changedPlain = repo.run(RunRequest.builder("ssot", repo.root, repo.out).build());
        assertThat(report(changed)).isEqualTo(report(changedPlain)).isNotEqualTo(report(cold));

        repo.config("""
                unlistedDuplicates: false
                missingModules: true
                deprecated:
                  - {symbol: OldThing, use: NewThing}
                """);
        RunResult reconfigured = run(repo, cache);
        RunResult reconfiguredPlain = repo.run(RunRequest.builder("ssot", repo.root, repo.out).build());
        assertThat(report(reconfigured)).isEqualTo(report(reconfiguredPlain));
    }

    @Test
    @DisplayName("a reuse reads only the memo: with the per-file cache gone it still gives the cold run's report and writes nothing")
    void reuseNeedsOnlyTheMemo() throws Exception {
        FixtureRepo repo = repo();
        Path cache = temp.resolve("cache");
        RunResult cold = run(repo, cache);
        assertThat(cache.resolve("ssot.run")).isRegularFile();
        Files.delete(cache.resolve("ssot.cache"));
        RunResult warm = run(repo, cache);
        assertThat(report(warm)).isEqualTo(report(cold));
        assertThat(warm.result().metrics()).containsEntry("cache.hits", 10);
        assertThat(cache.resolve("ssot.cache")).doesNotExist();
    }

    @Test
    @DisplayName("a truncated cache file is ignored with a notice when a run reads it, and the verdict stays the cold run's")
    void truncatedCache() throws Exception {
        FixtureRepo repo = repo();
        Path cache = temp.resolve("cache");
        RunResult cold = run(repo, cache);
        Path file = cache.resolve("ssot.cache");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Files.delete(cache.resolve("ssot.run")); // so the run reads the per-file cache
        RunResult again = run(repo, cache);
        assertThat(report(again)).isEqualTo(report(cold));
        assertThat(again.result().findings()).anySatisfy(f -> assertThat(f.message()).contains("is ignored (truncated or damaged"));
        Files.write(file, new byte[]{1, 2, 3});
        Files.delete(cache.resolve("ssot.run"));
        RunResult garbage = run(repo, cache);
        assertThat(report(garbage)).isEqualTo(report(cold));
        assertThat(garbage.result().findings()).anySatisfy(f -> assertThat(f.message()).contains("not a cache file"));
        RunResult repaired = run(repo, cache);
        assertThat(repaired.result().findings()).noneSatisfy(f -> assertThat(f.ruleId()).isEqualTo("run/notice"));
    }

    @Test
    @DisplayName("a truncated or garbage memo is a miss with a notice: the rules run again and the memo is written anew")
    void damagedMemo() throws Exception {
        FixtureRepo repo = repo();
        Path cache = temp.resolve("cache");
        RunResult cold = run(repo, cache);
        Path memo = cache.resolve("ssot.run");
        byte[] bytes = Files.readAllBytes(memo);
        Files.write(memo, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        RunResult truncated = run(repo, cache);
        assertThat(report(truncated)).isEqualTo(report(cold));
        assertThat(truncated.result().findings()).anySatisfy(f -> assertThat(f.message())
                .contains("run memo").contains("is ignored (truncated or damaged"));
        assertThat(Files.size(memo)).isEqualTo(bytes.length); // written anew
        Files.write(memo, new byte[]{1, 2, 3});
        RunResult garbage = run(repo, cache);
        assertThat(report(garbage)).isEqualTo(report(cold));
        assertThat(garbage.result().findings()).anySatisfy(f -> assertThat(f.message()).contains("not a run memo"));
        RunResult repaired = run(repo, cache);
        assertThat(report(repaired)).isEqualTo(report(cold));
        assertThat(repaired.result().findings()).noneSatisfy(f -> assertThat(f.ruleId()).isEqualTo("run/notice"));
    }

    @Test
    @DisplayName("a backup copy of a missing module appearing outside the listing is a miss: the finding names the copy")
    void backupCopyAppears() throws Exception {
        FixtureRepo repo = repo();
        repo.file("app/c.py", "import core.gone\n");
        Path cache = temp.resolve("cache");
        RunResult cold = run(repo, cache);
        assertThat(FixtureRepo.rule(cold, "missing-module")).anySatisfy(f -> assertThat(f.message()).contains("core.gone")
                .doesNotContain("a copy from before it was lost"));
        assertThat(report(run(repo, cache))).isEqualTo(report(cold));

        repo.file("backups/2024-01-01/core/gone.py", "X = 1\n");
        RunResult copied = run(repo, cache);
        RunResult copiedPlain = repo.run(RunRequest.builder("ssot", repo.root, repo.out).build());
        assertThat(report(copied)).isEqualTo(report(copiedPlain)).isNotEqualTo(report(cold));
        assertThat(FixtureRepo.rule(copied, "missing-module")).anySatisfy(f -> assertThat(f.message())
                .contains("a copy from before it was lost: backups/2024-01-01/core/gone.py"));
    }

    @Test
    @DisplayName("a config value set from outside the file (--set, a step parameter) is part of the key")
    void overrideIsAMiss() throws Exception {
        FixtureRepo repo = repo();
        Path cache = temp.resolve("cache");
        RunRequest lenient = RunRequest.builder("ssot", repo.root, repo.out).cache(cache)
                .overrides(java.util.Map.of("ssot.threshold", 10)).build();
        RunRequest strict = lenient.toBuilder().overrides(java.util.Map.of("ssot.threshold", 99)).build();
        RunResult cold = repo.run(lenient);
        RunResult stricter = repo.run(strict);
        RunResult stricterPlain = repo.run(strict.toBuilder().cache(null).build());
        assertThat(report(stricter)).isEqualTo(report(stricterPlain)).isNotEqualTo(report(cold));
    }

    @Test
    @DisplayName("a shard of the files is a miss after a whole run, and the whole run after it")
    void shardIsAMiss() throws Exception {
        FixtureRepo repo = repo();
        Path cache = temp.resolve("cache");
        RunResult whole = run(repo, cache);
        RunRequest shard = RunRequest.builder("ssot", repo.root, repo.out).cache(cache)
                .shard(new io.github.recoverygates.core.Shard(2, 2)).build();
        RunResult part = repo.run(shard);
        RunResult partPlain = repo.run(shard.toBuilder().cache(null).build());
        assertThat(report(part)).isEqualTo(report(partPlain)).isNotEqualTo(report(whole));
        assertThat(report(run(repo, cache))).isEqualTo(report(whole));
    }
}
