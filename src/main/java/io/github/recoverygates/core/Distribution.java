package io.github.recoverygates.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * An exact distribution of whole-number samples, such as latencies in milliseconds: every distinct
 * value once, ascending, with how often it occurred. Shards of a run add their counts ({@link #plus}),
 * so the percentiles of the merged run are exactly those of all samples together — no bucket
 * rounding, and small: a run of a million journeys between 0 and 60 s has at most 60 001 entries.
 * Percentiles are by nearest rank; an empty distribution has none (null), so a threshold on it fails.
 */
@JsonPropertyOrder({"unit", "count", "values", "counts"})
@JsonIgnoreProperties(value = {"count"}, allowGetters = true)
public record Distribution(Unit unit, long[] values, long[] counts) {

    public Distribution {
        Objects.requireNonNull(unit, "unit");
        values = values == null ? new long[0] : values.clone();
        counts = counts == null ? new long[0] : counts.clone();
        if (values.length != counts.length) {
            throw new IllegalArgumentException("a distribution needs one count per value");
        }
        for (int i = 0; i < values.length; i++) {
            if (counts[i] <= 0 || i > 0 && values[i] <= values[i - 1]) {
                throw new IllegalArgumentException("distribution values must ascend, each with a positive count");
            }
        }
    }

    public static Distribution empty(Unit unit) {
        return new Distribution(unit, new long[0], new long[0]);
    }

    /** The distribution of {@code samples} (in any order). */
    public static Distribution of(Unit unit, long... samples) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        long[] v = new long[sorted.length];
        long[] c = new long[sorted.length];
        int n = 0;
        for (long s : sorted) {
            if (n > 0 && v[n - 1] == s) {
                c[n - 1]++;
            } else {
                v[n] = s;
                c[n++] = 1;
            }
        }
        return new Distribution(unit, Arrays.copyOf(v, n), Arrays.copyOf(c, n));
    }

    /** Both distributions' samples together. */
    public Distribution plus(Distribution other) {
        if (other.unit != unit) {
            throw new IllegalArgumentException("cannot add a distribution in " + other.unit + " to one in " + unit);
        }
        long[] v = new long[values.length + other.values.length];
        long[] c = new long[v.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < values.length || j < other.values.length) {
            if (j >= other.values.length || i < values.length && values[i] < other.values[j]) {
                v[n] = values[i];
                c[n++] = counts[i++];
            } else if (i >= values.length || other.values[j] < values[i]) {
                v[n] = other.values[j];
                c[n++] = other.counts[j++];
            } else {
                v[n] = values[i];
                c[n++] = counts[i++] + other.counts[j++];
            }
        }
        return new Distribution(unit, Arrays.copyOf(v, n), Arrays.copyOf(c, n));
    }

    /** How many samples there are. */
    @JsonProperty("count")
    public long count() {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        return total;
    }

    @JsonIgnore
    public boolean isEmpty() {
        return values.length == 0;
    }

    /** The p-th percentile (0 < p ≤ 100) by nearest rank: the smallest value at or below which p% of the samples are; null when empty. */
    public Long percentile(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("a percentile is in (0, 100], not " + p);
        }
        long total = count();
        if (total == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(p * total / 100.0 - 1e-9));
        long seen = 0;
        for (int i = 0; i < values.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    /** The largest sample, or null when empty. */
    @JsonIgnore
    public Long max() {
        return values.length == 0 ? null : values[values.length - 1];
    }

    /** The smallest sample, or null when empty. */
    @JsonIgnore
    public Long min() {
        return values.length == 0 ? null : values[0];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Distribution d && d.unit == unit && Arrays.equals(d.values, values)
                && Arrays.equals(d.counts, counts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * unit.hashCode() + Arrays.hashCode(values)) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "Distribution[" + count() + " samples in " + unit.symbol() + "]";
    }
}
