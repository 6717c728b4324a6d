package io.github.recoverygates.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A named limit and how the run measured against it. {@code required} and {@code actual} are
 * in the threshold's unit (percent for rates); {@code direction} says whether actual must be at
 * least ("min") or at most ("max") the required value. {@code numerator}/{@code denominator},
 * when the threshold is a rate of counts, let shard reports be merged exactly.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "include", "required", "actual", "passed", "direction", "unit", "numerator", "denominator"})
public record ThresholdResult(String name, List<String> include, double required, double actual,
                              boolean passed, String direction, String unit,
                              Long numerator, Long denominator) {

    public ThresholdResult {
        include = include == null ? List.of() : List.copyOf(include);
        direction = direction == null ? "min" : direction;
    }

    /** A rate in percent of {@code part} out of {@code whole}; an empty scope is 100%. */
    public static ThresholdResult minRate(String name, List<String> include, double requiredPercent,
                                          long part, long whole) {
        double actual = whole == 0 ? 100.0 : round1(100.0 * part / whole);
        return new ThresholdResult(name, include, requiredPercent, actual, actual >= requiredPercent,
                "min", "%", part, whole);
    }

    /** An upper bound on a measured value, such as critical violations or a latency. */
    public static ThresholdResult max(String name, double limit, double actual, String unit) {
        return new ThresholdResult(name, List.of(), limit, actual, actual <= limit, "max", unit, null, null);
    }

    /** A lower bound on a measured value that is not a count rate. */
    public static ThresholdResult min(String name, double limit, double actual, String unit) {
        return new ThresholdResult(name, List.of(), limit, actual, actual >= limit, "min", unit, null, null);
    }

    /** Whether {@code this} is worse than an earlier measurement of the same threshold. */
    public boolean worseThan(ThresholdResult earlier) {
        return "max".equals(direction) ? actual > earlier.actual : actual < earlier.actual;
    }

    public static double round1(double v) {
        return Math.floor(v * 10.0 + 1e-9) / 10.0;
    }
}
