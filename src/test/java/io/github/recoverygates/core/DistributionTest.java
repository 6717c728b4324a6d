package io.github.recoverygates.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The exact latency distribution: nearest-rank percentiles equal the raw samples', also after adding shards and a JSON round trip. */
class DistributionTest {

    private static long nearestRank(long[] samples, int p) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(1, (p * sorted.length + 99) / 100) - 1];
    }

    @Test
    void percentilesOfShardsAddedAreThoseOfAllSamples() throws Exception {
        Random random = new Random(7);
        long[] all = new long[10_007];
        for (int i = 0; i < all.length; i++) {
            all[i] = (long) Math.abs(random.nextGaussian() * 800) + random.nextInt(3);
        }
        Distribution sum = Distribution.empty(Unit.MILLISECONDS);
        for (int shard = 0; shard < 3; shard++) {
            int s = shard;
            sum = sum.plus(Distribution.of(Unit.MILLISECONDS, java.util.stream.IntStream.range(0, all.length)
                    .filter(i -> i % 3 == s).mapToLong(i -> all[i]).toArray()));
        }
        Distribution back = Json.REPORT.readValue(Json.REPORT.writeValueAsString(sum), Distribution.class);
        assertThat(back).isEqualTo(sum).isEqualTo(Distribution.of(Unit.MILLISECONDS, all));
        for (int p : new int[] {1, 50, 90, 95, 99, 100}) {
            assertThat(back.percentile(p)).as("p" + p).isEqualTo(nearestRank(all, p));
        }
        assertThat(back.count()).isEqualTo(all.length);
        assertThat(back.max()).isEqualTo(Arrays.stream(all).max().orElseThrow());
        assertThat(back.values().length).isLessThan(all.length / 2); // distinct values, not samples
    }

    @Test
    void anEmptyDistributionHasNoPercentileAndBadInputIsRefused() {
        assertThat(Distribution.empty(Unit.MILLISECONDS).percentile(95)).isNull();
        assertThat(Distribution.of(Unit.MILLISECONDS, 5).percentile(95)).isEqualTo(5);
        assertThatThrownBy(() -> new Distribution(Unit.MILLISECONDS, new long[] {2, 1}, new long[] {1, 1}))
                .hasMessageContaining("ascend");
        assertThatThrownBy(() -> Distribution.of(Unit.MILLISECONDS, 1).percentile(0)).hasMessageContaining("(0, 100]");
    }
}
