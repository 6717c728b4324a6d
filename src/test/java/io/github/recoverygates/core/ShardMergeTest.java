package io.github.recoverygates.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ShardMergeTest {

    private static GateResult shard(int index, Verdict verdict, long failing, long files, List<Finding> findings) {
        return new GateResult(1, "syntax", verdict, "x", Instant.parse("2026-01-01T00:00:00Z"), 10,
                new TreeMap<>(Map.of("files.python", files, "failed.python", failing, "rate.unit", 0.0)),
                List.of(Threshold.rate("unit", List.of("**/tests/unit/**"), 90, files - failing, files, false)),
                null, findings, List.of(Table.ofText("scopes", "Scopes", List.of("scope"), List.of(List.of("unit")))), null,
                new ShardInfo(index, 2, "same-files"));
    }

    private static GateResult errored(String gate, int index) {
        GateResult e = GateResult.error(gate, Instant.EPOCH, 1, "python3 not found");
        return new GateResult(e.schemaVersion(), e.gate(), e.verdict(), e.summary(), e.startedAt(), e.durationMs(),
                e.metrics(), e.thresholds(), null, e.findings(), e.sections(), e.details(), new ShardInfo(index, 2, "same-files"));
    }

    private static Finding broken(String file) {
        return Finding.builder("syntax/python", Severity.ERROR).category("other").file(file).at(1, 1).message("invalid syntax").build();
    }

    @Test
    void a_threshold_that_each_shard_passes_can_fail_for_the_whole_run_and_is_recomputed_from_counts() {
        // shard 1: 9 of 10 parse (90% passes), shard 2: 8 of 10 (80% fails) -> 17 of 20 = 85% fails
        GateResult merged = ShardMerge.merge(List.of(
                shard(1, Verdict.FAIL, 1, 10, List.of(broken("a.py"))),
                shard(2, Verdict.FAIL, 2, 10, List.of(broken("b.py"), broken("c.py")))), FailOn.ERROR);

        assertThat(merged.thresholds()).singleElement().satisfies(t -> {
            assertThat(t.numerator()).isEqualTo(17);
            assertThat(t.denominator()).isEqualTo(20);
            assertThat(t.actual()).isEqualTo(85.0);
            assertThat(t.passed()).isFalse();
        });
        assertThat(merged.metrics()).containsEntry("files.python", 20L).containsEntry("failed.python", 3L)
                .containsEntry("rate.unit", 85.0);
        assertThat(merged.findings()).extracting(Finding::file).containsExactly("a.py", "b.py", "c.py");
        assertThat(merged.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(merged.sections()).singleElement().satisfies(s -> assertThat(((Table) s).rows()).hasSize(1));
    }

    @Test
    void clean_shards_merge_to_a_pass_and_an_errored_shard_makes_the_whole_run_an_error() {
        assertThat(ShardMerge.merge(List.of(shard(1, Verdict.PASS, 0, 5, List.of()), shard(2, Verdict.PASS, 0, 5, List.of())),
                FailOn.ERROR).verdict()).isEqualTo(Verdict.PASS);
        assertThat(ShardMerge.merge(List.of(shard(1, Verdict.PASS, 0, 5, List.of()), errored("syntax", 2)), FailOn.ERROR)
                .verdict()).isEqualTo(Verdict.ERROR);
    }

    @Test
    void reports_of_different_gates_do_not_merge() {
        GateResult other = errored("ssot", 2);
        assertThatThrownBy(() -> ShardMerge.merge(List.of(shard(1, Verdict.PASS, 0, 1, List.of()), other), FailOn.ERROR))
                .isInstanceOf(ConfigException.class).hasMessageContaining("different gates");
    }

    @Test
    void a_repeated_a_missing_or_a_foreign_shard_is_refused_and_named() {
        GateResult one = shard(1, Verdict.PASS, 0, 5, List.of());
        GateResult two = shard(2, Verdict.PASS, 0, 5, List.of());
        assertThatThrownBy(() -> ShardMerge.merge(List.of(one, one), FailOn.ERROR))
                .isInstanceOf(ConfigException.class).hasMessageContaining("repeated shard 1/2 (2 times)");
        assertThatThrownBy(() -> ShardMerge.merge(List.of(two), FailOn.ERROR))
                .isInstanceOf(ConfigException.class).hasMessageContaining("missing shard 1/2");
        GateResult foreign = new GateResult(1, "syntax", Verdict.PASS, "x", Instant.EPOCH, 1, null, null, null,
                List.of(), null, null, new ShardInfo(2, 2, "other-files"));
        assertThatThrownBy(() -> ShardMerge.merge(List.of(one, foreign), FailOn.ERROR))
                .isInstanceOf(ConfigException.class).hasMessageContaining("saw another file list");
        GateResult ofThree = new GateResult(1, "syntax", Verdict.PASS, "x", Instant.EPOCH, 1, null, null, null,
                List.of(), null, null, new ShardInfo(2, 3, "same-files"));
        assertThatThrownBy(() -> ShardMerge.merge(List.of(one, ofThree), FailOn.ERROR))
                .isInstanceOf(ConfigException.class).hasMessageContaining("same N");
        GateResult unsharded = new GateResult(1, "syntax", Verdict.PASS, "x", Instant.EPOCH, 1, null, null, null,
                List.of(), null, null);
        assertThatThrownBy(() -> ShardMerge.merge(List.of(one, unsharded), FailOn.ERROR))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not a shard report");
    }
}
