package io.github.recoverygates.core;

/**
 * A metric a gate names as one of its key figures (a dashboard card, a CI summary): the key in
 * {@link GateResult#metrics()}, the label people read and its unit.
 */
public record Metric(String name, String label, Unit unit) {
    public static Metric count(String name, String label) {
        return new Metric(name, label, Unit.COUNT);
    }
}
