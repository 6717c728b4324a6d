package io.github.recoverygates.core;

/**
 * A parameter a gate offers to CI steps beside the common run options: its name (a Pipeline
 * argument such as {@code threshold}), the dotted config key it sets ({@code ssot.threshold}),
 * its type and its help text.
 */
public record GateParameter(String name, String configKey, ParameterType type, String help) {
}
