package io.github.recoverygates.goldenpath;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of millisecond samples. */
final class Percentiles {
    private final long[] sorted;

    Percentiles(long[] samples) {
        this.sorted = samples.clone();
        Arrays.sort(this.sorted);
    }

    int count() {
        return sorted.length;
    }

    /** The p-th percentile (0 < p ≤ 100) by nearest rank; 0 when there are no samples. */
    long at(double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    long max() {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }
}
