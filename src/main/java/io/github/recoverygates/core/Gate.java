package io.github.recoverygates.core;

/**
 * The gate SPI. Implementations are listed in {@code META-INF/services/io.github.recoverygates.core.Gate}
 * and found with {@link java.util.ServiceLoader}, so the CLI and the reports never import a gate.
 */
public interface Gate {

    /** What this gate says about itself: names, help, config type, CI parameters, key metrics, rules. */
    GateDescription describe();

    /** Report name and rule-id prefix: {@code syntax}, {@code ssot}, {@code recovery}, {@code golden-path}. */
    default String name() {
        return describe().name();
    }

    /** The key of this gate's section in {@code .recovery-gates.yml}, such as {@code goldenPath}. */
    default String configKey() {
        return describe().configKey();
    }

    /** One line for {@code --help}. */
    default String description() {
        return describe().description();
    }

    /** Position in the seeds' order for {@code all}: recovery, syntax, ssot, golden path. */
    default int order() {
        return describe().order();
    }

    /** Whether a config (possibly empty) enables this gate for {@code all}. */
    default boolean enabledBy(Config config) {
        return config.hasSection(configKey());
    }

    /**
     * Binds this gate's config section, so that a mistake in it (or in a {@code --set} of it) is a
     * {@link ConfigException} before anything runs. The default accepts any section.
     */
    default void validate(Config config) {
    }

    /**
     * The record this gate binds its config section to ({@link Config#section}); the config's JSON
     * Schema ({@link ConfigSchema}) is made from it, so the schema and the validation are one definition.
     * Null: the section accepts anything.
     */
    default Class<?> configType() {
        return describe().configType();
    }

    /** Whether the gate reads the repository's files (and so reports the walk's problems: loops, unreadable dirs). */
    default boolean readsFiles() {
        return describe().readsFiles();
    }

    /**
     * Runs the checks. Throws {@link GateException} when the gate cannot run at all, and
     * {@link ConfigException} for a section it cannot accept. Honours thread interruption.
     */
    GateOutcome run(GateContext context) throws GateException, InterruptedException;

    /** The CI step's function name: {@code syntaxGate}, {@code goldenPathGate}. */
    default String stepName() {
        return configKey() + "Gate";
    }

    /** Parameters this gate's CI step takes beside the common run options. */
    default java.util.List<GateParameter> parameters() {
        return describe().parameters();
    }

    /** The metrics worth a place on this gate's card and in a CI summary, most important first. */
    default java.util.List<Metric> keyMetrics() {
        return describe().keyMetrics();
    }

    /** What a project trend of this gate plots: its first threshold's value ("parse rate"), else its errors. */
    default String trendLabel() {
        return describe().trendLabel();
    }

    /** The documentation page of this gate's config section, relative to the project's root. */
    default String docs() {
        return "docs/" + name() + ".md";
    }

    /** A sentence per rule this gate reports, for SARIF's rule descriptions; rules not listed get a generic one. */
    default java.util.Map<String, String> rules() {
        return describe().rules();
    }

    /**
     * Rewrites what {@link ShardMerge} cannot know generically (the summary sentence, sections
     * computed from totals) after shard reports were joined. The default keeps the merged result.
     */
    default GateResult afterMerge(GateResult merged, java.util.List<GateResult> shards) {
        return merged;
    }

    /**
     * As {@link #afterMerge(GateResult, java.util.List)}, for a gate that decides its findings and
     * thresholds again from the shards' data and so must decide the verdict again under {@code failOn}.
     */
    default GateResult afterMerge(GateResult merged, java.util.List<GateResult> shards, FailOn failOn) {
        return afterMerge(merged, shards);
    }
}
