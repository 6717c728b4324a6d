package io.github.recoverygates.render;

import io.github.recoverygates.core.Unit;
import java.math.BigDecimal;

/** The one number and duration formatter of every sink. */
public final class Numbers {

    private Numbers() {
    }

    /** Whole numbers as they are, decimals without trailing zeros, never in exponent form. */
    public static String format(Number n) {
        if (n == null) {
            return "";
        }
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return String.valueOf(d);
            }
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return n.toString();
    }

    /** "97.5%", "250 ms", "3 violations", "3" (a plain count). */
    public static String withUnit(Double value, Unit unit) {
        if (value == null) {
            return "no samples";
        }
        String v = format(value);
        if (unit == null || unit == Unit.COUNT) {
            return v;
        }
        return unit == Unit.PERCENT ? v + "%" : v + " " + unit.symbol();
    }

    /** "450 ms" below a second, "1.2 s" above. */
    public static String duration(long millis) {
        return millis < 1000 ? millis + " ms" : format(Math.round(millis / 100.0) / 10.0) + " s";
    }
}
