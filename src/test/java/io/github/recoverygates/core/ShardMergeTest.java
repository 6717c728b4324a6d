package io.github.recoverygates.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ShardMergeTest {

    private static GateResult shard(Verdict verdict, long failing, long files, List<Finding> findings) {
        return new GateResult(1, "syntax", verdict, "x", Instant.parse("2026-01-01T00:00:00Z"), 10,
                new TreeMap<>(Map.of("files.python", files, "failed.python", failing, "rate.unit", 0.0)),
                List.of(ThresholdResult.minRate("unit", List.of("**/tests/unit/**"), 90, files - failing, files)),
                null, findings, List.of(Section.table("scopes", "Scopes", List.of("scope"), List.of(List.of("unit")))), null);
    }

    private static Finding broken(String file) {
        return Finding.of("syntax/python", Severity.ERROR, "other", file, 1, 1, "invalid syntax");
    }

    @Test
    void a_threshold_that_each_shard_passes_can_fail_for_the_whole_run_and_is_recomputed_from_counts() {
        // shard 1: 9 of 10 parse (90% passes), shard 2: 8 of 10 (80% fails) -> 17 of 20 = 85% fails
        GateResult merged = ShardMerge.merge(List.of(
                shard(Verdict.FAIL, 1, 10, List.of(broken("a.py"))),
                shard(Verdict.FAIL, 2, 10, List.of(broken("b.py"), broken("c.py")))), FailOn.ERROR);

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
        assertThat(merged.sections()).singleElement().satisfies(s -> assertThat(s.rows()).hasSize(1));
    }

    @Test
    void clean_shards_merge_to_a_pass_and_an_errored_shard_makes_the_whole_run_an_error() {
        GateResult clean = shard(Verdict.PASS, 0, 5, List.of());
        assertThat(ShardMerge.merge(List.of(clean, clean), FailOn.ERROR).verdict()).isEqualTo(Verdict.PASS);
        GateResult errored = GateResult.error("syntax", Instant.EPOCH, 1, "python3 not found");
        assertThat(ShardMerge.merge(List.of(clean, errored), FailOn.ERROR).verdict()).isEqualTo(Verdict.ERROR);
    }

    @Test
    void reports_of_different_gates_do_not_merge() {
        GateResult other = GateResult.error("ssot", Instant.EPOCH, 1, "x");
        assertThatThrownBy(() -> ShardMerge.merge(List.of(shard(Verdict.PASS, 0, 1, List.of()), other), FailOn.ERROR))
                .isInstanceOf(ConfigException.class).hasMessageContaining("different gates");
    }
}
