package io.github.recoverygates.goldenpath;

import static io.github.recoverygates.goldenpath.GoldenPathHarness.healthy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import io.github.recoverygates.api.Engine;
import io.github.recoverygates.api.RunRequest;
import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.Distribution;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.Progress;
import io.github.recoverygates.core.Shard;
import io.github.recoverygates.core.Unit;
import io.github.recoverygates.demo.Fault;
import io.github.recoverygates.demo.ReferenceServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 item 4: {@code golden-path --shard I/N} splits the virtual users; {@code merge} gives one exact
 * answer — the counts of a single run, percentiles computed from every sample, and isolation judged
 * across shards — against the reference server, the shards running at the same time as on N machines.
 */
@DisplayName("golden path: distributed load, one exact answer")
class ShardedLoadTest {

    @TempDir
    Path dir;

    private Path config(String name, String yaml) throws Exception {
        Path file = dir.resolve(name + ".yml");
        Files.writeString(file, yaml);
        return file;
    }

    private RunResult runShard(Path config, String shard, String out) throws Exception {
        Path root = Files.createDirectories(dir.resolve("repo"));
        RunRequest.Builder request = RunRequest.builder("golden-path", root, dir.resolve(out)).config(config)
                .environment(GoldenPathHarness.environment()).formats(List.of("json"));
        if (shard != null) {
            request.shard(Shard.parse(shard));
        }
        return new Engine(Progress.SILENT).run(request.build());
    }

    /** The N shards of one run, started together (as N CI machines would). */
    private List<RunResult> runShards(Path config, int n, String prefix) throws Exception {
        List<CompletableFuture<RunResult>> running = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String shard = i + "/" + n;
            String out = prefix + "-" + i;
            running.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return runShard(config, shard, out);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<RunResult> results = new ArrayList<>();
        for (CompletableFuture<RunResult> r : running) {
            results.add(r.get());
        }
        return results;
    }

    private RunResult merge(List<RunResult> shards, String out) {
        List<Path> reports = shards.stream().map(r -> r.reports().get("json")).toList();
        return new Engine(Progress.SILENT).merge(reports,
                RunRequest.builder("golden-path", Path.of("."), dir.resolve(out)).formats(List.of("json", "md", "junit")).build());
    }

    private static List<JourneyFacts> ledger(GateResult shard) {
        return Json.REPORT.convertValue(shard.details().get("journeys"), new TypeReference<List<JourneyFacts>>() { });
    }

    /** The nearest-rank percentile of raw samples, computed here without the gate's code. */
    private static long nearestRank(long[] samples, int p) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        int rank = (p * sorted.length + 99) / 100;
        return sorted[Math.max(1, rank) - 1];
    }

    private static Map<String, Long> counts(GateResult r) {
        Map<String, Long> counts = new TreeMap<>();
        r.metrics().forEach((k, v) -> {
            if (k.startsWith("journeys.") || k.startsWith("upgrades.") || k.startsWith("failures.")
                    || k.startsWith("messages.") || k.startsWith("isolation.") || k.equals("events.unexpected")) {
                counts.put(k, v.longValue());
            }
        });
        return counts;
    }

    @Test
    @DisplayName("3 shards merged equal one run's counts and findings; percentiles are exact against the raw samples")
    void threeShardsMergedEqualOneRun() throws Exception {
        ReferenceServer.Options options = healthy().with(Fault.REORDER, 10).withDelays(Duration.ofMillis(3), null);
        RunResult single;
        try (ReferenceServer server = ReferenceServer.start(options, 0)) {
            single = runShard(config("single", GoldenPathHarness.config(server, 30, 2, "")), null, "single");
        }
        List<RunResult> shards;
        try (ReferenceServer server = ReferenceServer.start(options, 0)) {
            shards = runShards(config("sharded", GoldenPathHarness.config(server, 30, 2, "")), 3, "shard");
        }
        GateResult merged = merge(shards, "merged").result();
        GateResult one = single.result();

        // the virtual users were split, not repeated: 10 users each, together 1..30, each user's number kept
        TreeSet<Integer> users = new TreeSet<>();
        for (RunResult shard : shards) {
            List<JourneyFacts> journeys = ledger(shard.result());
            assertThat(journeys).hasSize(20);
            journeys.forEach(j -> users.add(j.user()));
        }
        assertThat(users).containsExactlyElementsOf(IntStream.rangeClosed(1, 30).boxed().toList());

        // one exact answer: every count and finding of the single run
        assertThat(counts(one)).containsEntry("journeys.total", 60L).containsEntry("failures.out-of-order", 6L);
        assertThat(counts(merged)).isEqualTo(counts(one));
        assertThat(merged.findings()).extracting(Finding::ruleId, Finding::category, f -> f.properties().get("journeys"))
                .containsExactlyElementsOf(one.findings().stream()
                        .map(f -> org.assertj.core.groups.Tuple.tuple(f.ruleId(), f.category(), f.properties().get("journeys"))).toList());
        assertThat(merged.thresholds()).extracting(t -> t.name() + "=" + t.passed() + "/" + t.numerator() + "/" + t.denominator())
                .containsExactlyElementsOf(one.thresholds().stream()
                        .map(t -> t.name() + "=" + t.passed() + "/" + t.numerator() + "/" + t.denominator()).toList());
        assertThat(merged.verdict()).isEqualTo(one.verdict());
        assertThat(merged.summary()).contains("54 of 60 journeys passed").contains("merged from 3 shards");

        // percentiles exact against the raw samples of all shards together
        List<JourneyFacts> all = shards.stream().flatMap(s -> ledger(s.result()).stream()).toList();
        long[] journeyMs = all.stream().filter(JourneyFacts::completed).mapToLong(JourneyFacts::totalMs).toArray();
        long[] loginMs = all.stream().mapToLong(JourneyFacts::loginMs).toArray();
        long[] rttMs = all.stream().flatMap(j -> j.events().stream()).filter(e -> e.type().equals("agent_completed"))
                .mapToLong(e -> e.rttMs()).toArray();
        for (int p : new int[] {50, 95, 99}) {
            assertThat(merged.metrics().get("latency.journey.p" + p).longValue()).as("journey p" + p).isEqualTo(nearestRank(journeyMs, p));
            assertThat(merged.metrics().get("latency.login.p" + p).longValue()).as("login p" + p).isEqualTo(nearestRank(loginMs, p));
            assertThat(merged.metrics().get("latency.rtt.agent_completed.p" + p).longValue()).isEqualTo(nearestRank(rttMs, p));
        }
        assertThat(merged.metrics().get("latency.journey.max").longValue()).isEqualTo(Arrays.stream(journeyMs).max().orElseThrow());
        Double p95 = merged.thresholds().stream().filter(t -> t.name().equals("p95")).findFirst().orElseThrow().actual();
        assertThat(p95).isEqualTo((double) nearestRank(journeyMs, 95));

        // the distribution in the merged report is the shards' distributions added, sample for sample
        Distribution sum = Distribution.empty(Unit.MILLISECONDS);
        for (RunResult shard : shards) {
            sum = sum.plus(distribution(shard.result(), "journey"));
        }
        assertThat(distribution(merged, "journey")).isEqualTo(sum);
        assertThat(sum.count()).isEqualTo(journeyMs.length);
    }

    private static Distribution distribution(GateResult r, String stage) {
        Map<String, Distribution> latency = Json.REPORT.convertValue(r.details().get("latency"),
                new TypeReference<Map<String, Distribution>>() { });
        return latency.get(stage);
    }

    @Test
    @DisplayName("isolation stays exact across shards: a leak from a user of one shard into one of another is found at merge")
    void isolationAcrossShards() throws Exception {
        // two users, one per shard; every agent run also sends its agent_thinking to the other user's open socket
        ReferenceServer.Options options = healthy().with(Fault.CROSS_USER_LEAK, 100).withDelays(Duration.ofMillis(300), null);
        try (ReferenceServer server = ReferenceServer.start(options, 0)) {
            List<RunResult> shards = runShards(config("leak", GoldenPathHarness.config(server, 2, 1, "")), 2, "leak");
            GateResult merged = merge(shards, "leak-merged").result();
            long delivered = server.leakedEvents();
            assertThat(delivered).as("the server leaked across the shards").isEqualTo(2);
            for (RunResult shard : shards) {
                // alone, a shard cannot know whose the foreign thread id is: it sees a repeated event, not a leak
                assertThat(shard.result().metrics().get("isolation.leakedEvents").longValue()).isZero();
                assertThat(shard.result().findings()).extracting(Finding::category).contains("out-of-order");
            }
            assertThat(merged.metrics().get("isolation.leakedEvents").longValue()).isEqualTo(delivered);
            assertThat(merged.findings()).extracting(Finding::category).contains("cross-user-leak")
                    .doesNotContain("out-of-order");
            assertThat(merged.thresholds()).filteredOn(t -> t.name().equals("isolation")).singleElement()
                    .satisfies(t -> assertThat(t.passed()).isFalse());
        }
    }

    @Test
    @DisplayName("a shard of another config, a missing shard, or more shards than users are refused")
    void foreignMissingAndEmptyShardsAreRefused() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(healthy(), 0)) {
            Path two = config("two", GoldenPathHarness.config(server, 2, 1, ""));
            Path three = config("three", GoldenPathHarness.config(server, 3, 1, ""));
            RunResult a = runShard(two, "1/2", "a");
            RunResult b = runShard(three, "2/2", "b");
            assertThatThrownBy(() -> merge(List.of(a, b), "ab")).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("ran another goldenPath config");
            assertThatThrownBy(() -> merge(List.of(a), "a-only")).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("missing shard 2/2");
            assertThatThrownBy(() -> runShard(two, "3/3", "c")).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("load.users is 2, fewer than the 3 shards");
        }
    }
}
