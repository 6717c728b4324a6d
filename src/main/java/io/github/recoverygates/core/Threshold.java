package io.github.recoverygates.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * A named limit and how the run measured against it. A {@link Kind#RATE} is a percentage of
 * {@code numerator} out of {@code denominator} that must be at least {@code required}; a
 * {@link Kind#MINIMUM} or {@link Kind#MAXIMUM} bounds a value in {@code unit}. {@code actual} is
 * null when there was nothing to measure (an empty scope, no samples): such a threshold fails
 * unless the config allowed it to be empty — zero samples never pass by accident.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "include", "kind", "direction", "required", "actual", "passed", "unit", "numerator",
        "denominator", "allowEmpty"})
public record Threshold(String name, List<String> include, Kind kind, double required, Double actual,
                        boolean passed, Unit unit, Long numerator, Long denominator,
                        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean allowEmpty) {

    /** The three shapes of a limit. */
    public enum Kind implements LowerCaseId {
        RATE, MINIMUM, MAXIMUM;

        @JsonCreator
        public static Kind of(String id) {
            return LowerCaseId.of(Kind.class, id);
        }
    }

    public Threshold {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        include = include == null ? List.of() : List.copyOf(include);
        unit = unit == null ? (kind == Kind.RATE ? Unit.PERCENT : Unit.COUNT) : unit;
    }

    /** Reads a report of this version, or of the first one (which wrote {@code direction} instead of {@code kind}). */
    @JsonCreator
    static Threshold read(@JsonProperty("name") String name, @JsonProperty("include") List<String> include,
                          @JsonProperty("kind") Kind kind, @JsonProperty("direction") String direction,
                          @JsonProperty("required") double required, @JsonProperty("actual") Double actual,
                          @JsonProperty("passed") boolean passed, @JsonProperty("unit") Unit unit,
                          @JsonProperty("numerator") Long numerator, @JsonProperty("denominator") Long denominator,
                          @JsonProperty("allowEmpty") boolean allowEmpty) {
        Kind k = kind != null ? kind
                : "max".equals(direction) ? Kind.MAXIMUM
                : numerator != null && denominator != null ? Kind.RATE : Kind.MINIMUM;
        return new Threshold(name, include, k, required, actual, passed, unit, numerator, denominator, allowEmpty);
    }

    /**
     * At least {@code requiredPercent} of {@code whole} must be {@code part}. An empty scope
     * ({@code whole == 0}) has no rate: it passes only when the config says {@code allowEmpty}.
     */
    public static Threshold rate(String name, List<String> include, double requiredPercent, long part, long whole,
                                 boolean allowEmpty) {
        Double actual = whole == 0 ? null : round1(100.0 * part / whole);
        boolean passed = actual == null ? allowEmpty : actual >= requiredPercent;
        return new Threshold(name, include, Kind.RATE, requiredPercent, actual, passed, Unit.PERCENT, part, whole,
                allowEmpty);
    }

    /**
     * As {@link #rate}, measured on a part of the run (a shard, a PR's files): an empty part
     * passes here, and {@code merge} decides again on the whole with the configured {@code allowEmpty}.
     */
    public static Threshold partialRate(String name, List<String> include, double requiredPercent, long part,
                                        long whole, boolean allowEmpty) {
        Threshold t = rate(name, include, requiredPercent, part, whole, allowEmpty);
        return t.isEmpty() ? new Threshold(name, t.include, Kind.RATE, requiredPercent, null, true, Unit.PERCENT,
                part, whole, allowEmpty) : t;
    }

    /** {@code actual} must be at least {@code limit}. */
    public static Threshold atLeast(String name, List<String> include, double limit, double actual, Unit unit) {
        return new Threshold(name, include, Kind.MINIMUM, limit, actual, actual >= limit, unit, null, null, false);
    }

    /** {@code actual} must be at least {@code limit}; null (nothing to measure) fails. */
    public static Threshold atLeast(String name, double limit, Double actual, Unit unit) {
        return new Threshold(name, List.of(), Kind.MINIMUM, limit, actual, actual != null && actual >= limit, unit,
                null, null, false);
    }

    /** {@code actual} must be at most {@code limit}; null (no samples to measure) fails. */
    public static Threshold atMost(String name, double limit, Double actual, Unit unit) {
        return new Threshold(name, List.of(), Kind.MAXIMUM, limit, actual, actual != null && actual <= limit, unit,
                null, null, false);
    }

    /** The same limit measured again (shard merging); nothing measured passes only when {@code allowEmpty}. */
    public Threshold remeasured(Double newActual, Long newNumerator, Long newDenominator) {
        boolean ok = newActual == null ? allowEmpty
                : kind == Kind.MAXIMUM ? newActual <= required : newActual >= required;
        return new Threshold(name, include, kind, required, newActual, ok, unit, newNumerator, newDenominator,
                allowEmpty);
    }

    /** A copy with {@code text} applied to every string (secret masking). */
    public Threshold mapText(java.util.function.UnaryOperator<String> text) {
        return new Threshold(text.apply(name), include.stream().map(text).toList(), kind, required, actual, passed,
                unit, numerator, denominator, allowEmpty);
    }

    /** "max" for a maximum, else "min": how the first report version said it, kept for its readers. */
    @JsonProperty("direction")
    public String direction() {
        return kind == Kind.MAXIMUM ? "max" : "min";
    }

    /** Whether nothing was measured (an empty scope, no samples). */
    @JsonIgnore
    public boolean isEmpty() {
        return actual == null;
    }

    /** Whether {@code this} is worse than an earlier measurement of the same threshold. */
    public boolean worseThan(Threshold earlier) {
        if (actual == null || earlier.actual == null) {
            return actual == null && earlier.actual != null;
        }
        return kind == Kind.MAXIMUM ? actual > earlier.actual : actual < earlier.actual;
    }

    /** The measured value, or 0 when nothing was measured (for bars and trends that need a number). */
    @JsonIgnore
    public double actualOrZero() {
        return actual == null ? 0 : actual;
    }

    public static double round1(double v) {
        return Math.floor(v * 10.0 + 1e-9) / 10.0;
    }
}
