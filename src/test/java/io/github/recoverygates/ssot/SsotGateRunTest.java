package io.github.recoverygates.ssot;

import static io.github.recoverygates.ssot.FixtureRepo.rule;
import static io.github.recoverygates.ssot.FixtureRepo.where;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.recoverygates.api.RunRequest;
import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.cli.Main;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.FailOn;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.Shard;
import io.github.recoverygates.core.Threshold;
import io.github.recoverygates.core.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compliance, thresholds, config errors, cache, shards, baseline and bad input, end to end. */
class SsotGateRunTest {

    @TempDir
    Path temp;

    /** 10 Python files; 2 break a high-severity boundary, 1 has a medium deprecation. */
    private FixtureRepo tenFiles(String extraConfig) {
        FixtureRepo repo = new FixtureRepo(temp).pkg("core").pkg("app");
        for (int i = 0; i < 8; i++) {
            repo.file("core/m" + i + ".py", "import os\n");
        }
        repo.file("app/a.py", "from core import m1\n");
        repo.file("app/b.py", "import core.m2\nOldThing()\n");
        repo.config("""
                unlistedDuplicates: false
                boundaries:
                  - {name: app-not-core, from: ["app/**"], forbid: [core]}
                deprecated:
                  - {symbol: OldThing, use: NewThing}
                """ + extraConfig);
        return repo;
    }

    @Test
    @DisplayName("compliance is files without high or critical violations over files checked, with counts for merging")
    void complianceFormula() {
        RunResult r = tenFiles("threshold: 80\n").run();
        // 8 core modules, 2 app modules and 2 __init__.py files: 12 checked, 2 with a high violation
        assertThat(r.result().metrics()).containsEntry("files.checked", 12).containsEntry("files.compliant", 10)
                .containsEntry("compliance", 83.3).containsEntry("files.python", 12);
        Threshold t = r.result().thresholds().get(0);
        assertThat(t.name()).isEqualTo("compliance");
        assertThat(t.numerator()).isEqualTo(10L);
        assertThat(t.denominator()).isEqualTo(12L);
        assertThat(t.passed()).isTrue();
        assertThat(r.result().summary()).startsWith("compliance 83.3% (10 of 12 files");
    }

    @Test
    @DisplayName("a compliance below threshold fails the gate even when --fail-on would not")
    void thresholdFails() {
        FixtureRepo repo = tenFiles("threshold: 95\ncriticalThreshold: 0\n");
        RunResult r = repo.run(RunRequest.builder("ssot", repo.root, repo.out).build());
        assertThat(r.result().thresholds()).extracting(Threshold::name, Threshold::passed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("compliance", false),
                        org.assertj.core.groups.Tuple.tuple("critical", true));
        assertThat(r.result().verdict()).isEqualTo(Verdict.FAIL);
        RunResult firstNewOnly = repo.run(RunRequest.builder("ssot", repo.root, repo.out).failOn(FailOn.NEW).build());
        assertThat(firstNewOnly.result().verdict()).as("a new-only gate never fails its first run").isEqualTo(Verdict.WARN);
        assertThat(firstNewOnly.result().findings()).extracting(io.github.recoverygates.core.Finding::ruleId)
                .contains("run/no-baseline");
    }

    @Test
    @DisplayName("criticalThreshold allows that many critical violations and no more")
    void criticalThreshold() {
        String critical = "canonical:\n  - {name: Dup, path: core/m0.py, severity: critical}\n";
        FixtureRepo repo = new FixtureRepo(temp).file("core/m0.py", "class Dup: pass\n")
                .file("x/a.py", "class Dup: pass\n").file("x/b.py", "class Dup: pass\n");
        repo.config(critical + "criticalThreshold: 2\n");
        RunResult two = repo.run();
        assertThat(two.result().thresholds()).singleElement().satisfies(t -> {
            assertThat(t.actual()).isEqualTo(2.0);
            assertThat(t.passed()).isTrue();
        });
        repo.config(critical + "criticalThreshold: 1\n");
        assertThat(repo.run().result().thresholds().get(0).passed()).isFalse();
    }

    @Test
    @DisplayName("the verdict passes on a clean repository, and its metrics say what was scanned")
    void cleanPasses() {
        FixtureRepo repo = new FixtureRepo(temp).pkg("pkg").file("pkg/a.py", "from pkg import b\n").file("pkg/b.py", "x = 1\n")
                .file("web/app.js", "const b = require('./b');\n").file("web/b.js", "")
                .file("Svc.java", "package x; import java.util.List; class Svc {}\n")
                .config("threshold: 100\ncriticalThreshold: 0\n");
        RunResult r = repo.run();
        assertThat(r.result().findings()).isEmpty();
        assertThat(r.result().verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.exitCode()).isZero();
        assertThat(r.result().metrics()).containsEntry("files.python", 3).containsEntry("files.javascript", 2)
                .containsEntry("files.java", 1).containsEntry("compliance", 100.0).containsEntry("imports", 3L);
        assertThat(r.reports()).containsKey("json");
    }

    @Test
    @DisplayName("an unknown key is a config error naming file, line and the allowed keys")
    void unknownKey() {
        FixtureRepo repo = new FixtureRepo(temp).file("a.py", "").config("threshold: 90\ncanonicals: []\n");
        assertThatThrownBy(repo::run).isInstanceOf(ConfigException.class)
                .hasMessageContaining(".recovery-gates.yml:3:")
                .hasMessageContaining("unknown key 'canonicals'")
                .hasMessageContaining("canonical");
    }

    @Test
    @DisplayName("a wrong type or an unknown severity is a config error with its line, through the CLI exit code 2")
    void wrongTypes() {
        FixtureRepo repo = new FixtureRepo(temp).file("a.py", "").config("threshold: high\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(new String[]{"ssot", "--root", repo.root.toString(), "--out", repo.out.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(".recovery-gates.yml:2:").contains("threshold");

        repo.config("canonical:\n  - {name: A, path: a.py, severity: urgent}\n");
        assertThatThrownBy(repo::run).isInstanceOf(ConfigException.class)
                .hasMessageContaining(".recovery-gates.yml:3:").hasMessageContaining("severity")
                .hasMessageContaining("critical, high, medium, low");
        repo.config("threshold: 140\n");
        assertThatThrownBy(repo::run).isInstanceOf(ConfigException.class)
                .hasMessageContaining(".recovery-gates.yml:2:").hasMessageContaining("between 0 and 100");
        repo.config("envAliases: {JWT_SECRET_KEY: [JWT_SECRET], OTHER: [JWT_SECRET]}\n");
        assertThatThrownBy(repo::run).isInstanceOf(ConfigException.class)
                .hasMessageContaining("alias of both JWT_SECRET_KEY and OTHER");
    }

    @Test
    @DisplayName("a warm run with --cache reuses every file's scan and finds the same things")
    void cache() {
        FixtureRepo repo = tenFiles("");
        Path cache = temp.resolve("cache");
        RunResult cold = repo.run(RunRequest.builder("ssot", repo.root, repo.out).cache(cache).build());
        RunResult warm = repo.run(RunRequest.builder("ssot", repo.root, repo.out).cache(cache).build());
        assertThat(cold.result().metrics()).containsEntry("cache.hits", 0);
        assertThat(warm.result().metrics()).containsEntry("cache.hits", 12);
        assertThat(warm.result().findings()).isEqualTo(cold.result().findings());
        repo.file("app/a.py", "import os\n");
        RunResult changed = repo.run(RunRequest.builder("ssot", repo.root, repo.out).cache(cache).build());
        assertThat(changed.result().metrics()).containsEntry("cache.hits", 11);
        assertThat(where(rule(changed, "boundary"))).containsExactly("app/b.py:1");
    }

    @Test
    @DisplayName("shards report disjoint findings whose union is the full run's, and their counts add up")
    void shards() {
        FixtureRepo repo = tenFiles("threshold: 50\n");
        RunResult full = repo.run();
        List<Finding> union = new ArrayList<>();
        long numerator = 0;
        long denominator = 0;
        for (int i = 1; i <= 3; i++) {
            RunResult part = repo.run(RunRequest.builder("ssot", repo.root, repo.out).shard(new Shard(i, 3)).build());
            union.addAll(part.result().findings());
            numerator += part.result().thresholds().get(0).numerator();
            denominator += part.result().thresholds().get(0).denominator();
        }
        assertThat(union.stream().sorted(Finding.ORDER).toList()).isEqualTo(full.result().findings());
        assertThat(numerator).isEqualTo(10);
        assertThat(denominator).isEqualTo(12);
    }

    @Test
    @DisplayName("with a baseline and --fail-on new, old violations pass and a new one fails")
    void baselineRatchet() throws Exception {
        FixtureRepo repo = tenFiles("");
        RunResult before = repo.run();
        assertThat(before.result().verdict()).isEqualTo(Verdict.FAIL);
        Path baseline = temp.resolve("baseline-ssot.json");
        Files.copy(before.reports().get("json"), baseline);
        RunResult same = repo.run(RunRequest.builder("ssot", repo.root, repo.out).formats(List.of("json")).baseline(baseline).failOn(FailOn.NEW).build());
        assertThat(same.result().verdict()).isNotEqualTo(Verdict.FAIL);
        repo.file("app/c.py", "from core import m3\n");
        RunResult worse = repo.run(RunRequest.builder("ssot", repo.root, repo.out).formats(List.of("json")).baseline(baseline).failOn(FailOn.NEW).build());
        assertThat(worse.result().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(worse.result().findings()).filteredOn(f -> f.baselineState() == Finding.BaselineState.NEW)
                .extracting(Finding::file).containsExactly("app/c.py");
    }

    @Test
    @DisplayName("with --changed-from only changed files are reported, while definitions still come from the whole tree")
    void changedFrom() throws Exception {
        FixtureRepo repo = tenFiles("canonical:\n  - {name: Dup, path: core/m0.py}\n");
        repo.file("core/m0.py", "class Dup: pass\n").file("x/old.py", "class Dup: pass\n");
        git(repo.root, "init", "-q");
        git(repo.root, "add", "-A");
        git(repo.root, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "base");
        repo.file("x/new.py", "class Dup: pass\nfrom core import m4\n");
        repo.file("app/b.py", "import os\n");
        RunResult r = repo.run(RunRequest.builder("ssot", repo.root, repo.out).changedFrom("HEAD").build());
        assertThat(r.result().findings()).extracting(f -> f.ruleId() + " " + f.file() + ":" + f.line())
                .containsExactly("ssot/duplicate x/new.py:1");
        assertThat(r.result().findings().get(0).message()).contains("core/m0.py:1");
        assertThat(r.result().metrics()).containsEntry("files.checked", 2);
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
    }

    @Test
    @DisplayName("mixed encodings, huge files, circular imports and namespace packages: findings or metrics, never a crash")
    void badInput() {
        byte[] latin1 = "# -*- coding: latin-1 -*-\n# caf\u00e9\nfrom pkg.gone import x\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] noCookie = "# caf\u00e9\nfrom pkg.gone_too import x\n".getBytes(StandardCharsets.ISO_8859_1);
        FixtureRepo repo = new FixtureRepo(temp).pkg("pkg")
                .bytes("pkg/latin.py", latin1)
                .bytes("pkg/latin_no_cookie.py", noCookie)
                .bytes("pkg/bom.py", ("\uFEFFimport pkg.cycle_b\n").getBytes(StandardCharsets.UTF_8))
                .file("pkg/cycle_b.py", "import pkg.bom\n")
                .file("pkg/generated.py", "x = 1\n".repeat(2000))
                .file("nspace/sub/mod.py", "from nspace.sub import mod\nfrom nspace.sub.mod import thing\n")
                .bytes("pkg/binary.py", new byte[]{0, 1, 2, (byte) 0xff, '\'', '\n'})
                .config("maxFileBytes: 10000\n");
        RunResult r = repo.run();
        // latin.py declares its encoding and is read; latin_no_cookie.py and binary.py do not compile, so they are skipped
        assertThat(where(rule(r, "missing-module"))).containsExactly("pkg/latin.py:3");
        assertThat(r.result().metrics()).containsEntry("files.skipped", 1).containsEntry("files.unparsed", 2);
        assertThat(r.result().summary()).contains("1 files skipped");
    }

    @Test
    @DisplayName("the gate is found by the CLI as 'ssot' and writes its JSON report")
    void cli() throws Exception {
        FixtureRepo repo = tenFiles("");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.execute(new String[]{"ssot", "--root", repo.root.toString(), "--out", repo.out.toString(),
                "--format", "json"}, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        assertThat(code).isEqualTo(1);
        String json = Files.readString(repo.out.resolve("ssot.json"));
        assertThat(json).contains("\"ruleId\" : \"ssot/boundary\"").contains("\"ssotSeverity\" : \"high\"");
    }
}
