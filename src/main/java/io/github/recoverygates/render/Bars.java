package io.github.recoverygates.render;

import io.github.recoverygates.core.Threshold;
import io.github.recoverygates.core.Unit;

/**
 * Where a threshold's bar is filled to and where its mark stands, both in [0, 1]. A percentage
 * is drawn on 0–100 %. A bound on a count or a time is drawn on a scale that keeps the limit at
 * two thirds of the bar, so "0 of at most 0" is an empty bar at the very start with the mark there,
 * and "3 of at most 0" overflows to a full red bar: the length means something.
 */
final class Bars {

    private Bars() {
    }

    static double[] scale(Threshold t) {
        double actual = t.actualOrZero();
        if (t.unit() == Unit.PERCENT) {
            return new double[]{clamp(actual / 100.0), clamp(t.required() / 100.0)};
        }
        double limit = t.required();
        double scale = limit > 0 ? limit * 1.5 : Math.max(actual, 1) * 1.5;
        double mark = limit > 0 ? limit / scale : 0;
        if (limit <= 0 && actual > 0) {
            return new double[]{1, 0};
        }
        return new double[]{clamp(actual / scale), clamp(mark)};
    }

    private static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }
}
