package io.github.recoverygates.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a gate says about itself, in one value: its report name and config key, a line of help, its
 * place in {@code all}, the record its config section binds to, the parameters its CI step takes beside
 * the common run options, the metrics worth a card, what its trend plots, a sentence per rule, and
 * whether it reads the repository's files. {@link Gate}'s describing methods all read it.
 */
public record GateDescription(String name, String configKey, String description, int order, Class<?> configType,
        List<GateParameter> parameters, List<Metric> keyMetrics, String trendLabel, Map<String, String> rules,
        boolean readsFiles) {

    public GateDescription {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(configKey, "configKey");
        Objects.requireNonNull(description, "description");
        parameters = List.copyOf(parameters);
        keyMetrics = List.copyOf(keyMetrics);
        rules = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rules));
    }

    /** A gate named {@code name} whose config section is {@code configKey}. */
    public static Builder of(String name, String configKey) {
        return new Builder(name, configKey);
    }

    public static final class Builder {
        private final String name;
        private final String configKey;
        private String description = "";
        private int order = Integer.MAX_VALUE;
        private Class<?> configType;
        private final List<GateParameter> parameters = new ArrayList<>();
        private final List<Metric> keyMetrics = new ArrayList<>();
        private String trendLabel = "errors";
        private final Map<String, String> rules = new LinkedHashMap<>();
        private boolean readsFiles = true;

        private Builder(String name, String configKey) {
            this.name = name;
            this.configKey = configKey;
        }

        /** One line for {@code --help}. */
        public Builder description(String value) {
            description = value;
            return this;
        }

        /** Position in the seeds' order for {@code all}: recovery, syntax, ssot, golden path. */
        public Builder order(int value) {
            order = value;
            return this;
        }

        /** The record the config section binds to (its JSON Schema is made from it). */
        public Builder config(Class<?> value) {
            configType = value;
            return this;
        }

        /** A CI step parameter that sets the config key {@code configKey}. */
        public Builder parameter(String parameter, String configKey, ParameterType type, String help) {
            parameters.add(new GateParameter(parameter, configKey, type, help));
            return this;
        }

        /** The metrics worth a place on the gate's card and in a CI summary, most important first. */
        public Builder keyMetrics(Metric... values) {
            keyMetrics.addAll(List.of(values));
            return this;
        }

        /** What a project trend plots: the first threshold's value ("parse rate"); default "errors". */
        public Builder trend(String label) {
            trendLabel = label;
            return this;
        }

        /** A sentence for SARIF's description of the rule {@code id}. */
        public Builder rule(String id, String sentence) {
            rules.put(id, sentence);
            return this;
        }

        /** The gate talks to services and reads no repository files (so the walk's problems are not its own). */
        public Builder readsNoFiles() {
            readsFiles = false;
            return this;
        }

        public GateDescription build() {
            return new GateDescription(name, configKey, description, order, configType, parameters, keyMetrics,
                    trendLabel, rules, readsFiles);
        }
    }
}
