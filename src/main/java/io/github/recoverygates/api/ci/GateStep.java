package io.github.recoverygates.api.ci;

import io.github.recoverygates.core.ConfigException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The four CI steps and the gate-specific parameters each one takes. A parameter's name is the
 * camelCase YAML key it overrides; the table maps it to the dotted key inside the config, so
 * {@code goldenPathGate(users: 50)} sets {@code goldenPath.load.users}. Anything not in the table
 * goes through the step's {@code settings} list ({@code "ssot.canonical=[...]"}) and is checked by
 * the gate itself when it binds its section. The gates are not imported: names only.
 */
public enum GateStep {
    SYNTAX("syntaxGate", "syntax", "syntax", "parse rate",
            table("interpreter", "syntax.python.interpreter")),
    SSOT("ssotGate", "ssot", "ssot", "compliance",
            table("threshold", "ssot.threshold",
                  "criticalThreshold", "ssot.criticalThreshold",
                  "missingModules", "ssot.missingModules")),
    RECOVERY("recoveryGate", "recovery", "recovery", "checks up",
            table("envFiles", "recovery.envFiles",
                  "timeout", "recovery.wait.timeout",
                  "interval", "recovery.wait.interval")),
    GOLDEN_PATH("goldenPathGate", "golden-path", "goldenPath", "success rate",
            table("users", "goldenPath.load.users",
                  "iterations", "goldenPath.load.iterations",
                  "rampUp", "goldenPath.load.rampUp",
                  "successRate", "goldenPath.thresholds.successRate",
                  "connectRate", "goldenPath.thresholds.connectRate",
                  "p95", "goldenPath.thresholds.p95",
                  "isolation", "goldenPath.thresholds.isolation"));

    private final String functionName;
    private final String gate;
    private final String configKey;
    private final String trendLabel;
    private final Map<String, String> configParameters;

    GateStep(String functionName, String gate, String configKey, String trendLabel, Map<String, String> configParameters) {
        this.functionName = functionName;
        this.gate = gate;
        this.configKey = configKey;
        this.trendLabel = trendLabel;
        this.configParameters = configParameters;
    }

    /** The Pipeline function name, e.g. {@code syntaxGate}. */
    public String functionName() {
        return functionName;
    }

    /** The engine's gate name, e.g. {@code golden-path}. */
    public String gate() {
        return gate;
    }

    /** The gate's section in {@code .recovery-gates.yml}, e.g. {@code goldenPath}. */
    public String configKey() {
        return configKey;
    }

    /** What the project-level trend of this gate plots (see {@link ResultMap#keyMetric}). */
    public String trendLabel() {
        return trendLabel;
    }

    /** Gate-specific parameter name to the dotted config key it overrides. */
    public Map<String, String> configParameters() {
        return configParameters;
    }

    public static GateStep byFunctionName(String name) {
        return Arrays.stream(values()).filter(s -> s.functionName.equals(name)).findFirst()
                .orElseThrow(() -> new ConfigException("unknown step '" + name + "' (known: "
                        + Arrays.stream(values()).map(GateStep::functionName).collect(Collectors.joining(", ")) + ")"));
    }

    public static GateStep byGate(String gate) {
        return Arrays.stream(values()).filter(s -> s.gate.equals(gate)).findFirst()
                .orElseThrow(() -> new ConfigException("unknown gate '" + gate + "' (known: "
                        + Arrays.stream(values()).map(GateStep::gate).collect(Collectors.joining(", ")) + ")"));
    }

    private static Map<String, String> table(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        List<String> list = List.of(pairs);
        for (int i = 0; i < list.size(); i += 2) {
            map.put(list.get(i), list.get(i + 1));
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
