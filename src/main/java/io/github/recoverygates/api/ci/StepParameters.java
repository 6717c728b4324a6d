package io.github.recoverygates.api.ci;

import io.github.recoverygates.api.ReportDir;
import io.github.recoverygates.api.RunOption;
import io.github.recoverygates.api.RunOptions;
import io.github.recoverygates.api.RunRequest;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.Gate;
import io.github.recoverygates.core.GateParameter;
import io.github.recoverygates.core.Gates;
import io.github.recoverygates.core.Suggest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps a CI step's named parameters onto a {@link RunRequest}: the run options
 * ({@link RunOption}, read by {@link RunOptions} exactly as the CLI reads them), the gate's own
 * parameters ({@link Gate#parameters()}: config overrides), and the wrapper's {@link CiOption}s.
 * Unknown parameters and ill-typed values are {@link ConfigException}s naming the step and parameter.
 */
public final class StepParameters {

    private StepParameters() {
    }

    /** The gate whose step is called {@code functionName} ({@code syntaxGate}). */
    public static Gate gate(String functionName) {
        return Gates.all().stream().filter(g -> g.stepName().equals(functionName)).findFirst()
                .orElseThrow(() -> new ConfigException("unknown step '" + functionName + "' (known: "
                        + String.join(", ", Gates.all().stream().map(Gate::stepName).toList()) + ")"));
    }

    /** Every parameter a step accepts, sorted. */
    public static Set<String> allowed(Gate gate) {
        Set<String> names = new TreeSet<>();
        RunOption.on(RunOption.Surface.STEP).forEach(o -> names.add(o.parameter()));
        for (CiOption o : CiOption.values()) {
            names.add(o.parameter());
        }
        gate.parameters().forEach(p -> names.add(p.name()));
        return names;
    }

    /**
     * Builds the request for one step call. Relative paths are resolved against {@code workspace};
     * null values mean "not given".
     */
    public static CiRequest map(Gate gate, Map<String, ?> parameters, Path workspace, Map<String, String> environment) {
        Map<String, Object> given = given(gate, parameters);
        Path ws = workspace.toAbsolutePath().normalize();
        Map<RunOption, Object> runValues = new EnumMap<>(RunOption.class);
        for (RunOption o : RunOption.on(RunOption.Surface.STEP)) {
            if (given.containsKey(o.parameter())) {
                runValues.put(o, given.get(o.parameter()));
            }
        }
        Map<String, String> origins = new LinkedHashMap<>();
        RunOptions options = RunOptions.step(gate.stepName(), ws);
        RunRequest base = options.apply(runValues, RunRequest.builder(gate.name(), ws, null)
                .environment(environment), origins).build();
        Map<String, Object> overrides = overrides(gate, given, base, origins);
        List<String> formats = new ArrayList<>(base.formats());
        if (!formats.isEmpty() && !formats.contains("json")) {
            formats.add(0, "json"); // the step's result and the build action are read from the JSON report
        }
        RunRequest finished = base.toBuilder().out(out(base, ws)).formats(formats).overrides(overrides)
                .origins(origins).build();
        return new CiRequest(gate, finished, origins, ciOptions(gate, given));
    }

    /** The parameters that have a value; an unknown one is an error that names the closest known one. */
    private static Map<String, Object> given(Gate gate, Map<String, ?> parameters) {
        Map<String, Object> given = new LinkedHashMap<>();
        parameters.forEach((k, v) -> {
            if (v != null) {
                given.put(k, v);
            }
        });
        Set<String> allowed = allowed(gate);
        Set<String> unknown = new TreeSet<>(given.keySet());
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            String first = unknown.iterator().next();
            throw new ConfigException(gate.stepName() + ": unknown parameter" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + Suggest.didYouMean(first, allowed)
                    + " (allowed: " + String.join(", ", allowed) + ")");
        }
        return given;
    }

    /**
     * The request's config overrides plus the gate's own parameters; every key must lie in the
     * gate's section (or be the shared exclude).
     */
    private static Map<String, Object> overrides(Gate gate, Map<String, Object> given, RunRequest base,
                                                 Map<String, String> origins) {
        Map<String, Object> overrides = new LinkedHashMap<>(base.overrides());
        for (GateParameter p : gate.parameters()) {
            if (given.containsKey(p.name())) {
                RunOptions.put(overrides, origins, p.configKey(), value(gate, p, given.get(p.name())),
                        "parameter '" + p.name() + "'");
            }
        }
        for (String key : overrides.keySet()) {
            String top = key.split("\\.", 2)[0];
            if (!top.equals(gate.configKey()) && !top.equals(RunOption.EXCLUDE.configKey())) {
                throw new ConfigException(gate.stepName() + ": " + origins.get(key) + ": '" + key + "' is outside the "
                        + gate.name() + " gate's section; keys must start with '" + gate.configKey() + ".'");
            }
        }
        return overrides;
    }

    /** The report directory: the one given, else one per checked root under the workspace's. */
    private static Path out(RunRequest base, Path ws) {
        Path root = base.root();
        // two calls on different roots (parallel branches) must not overwrite each other's reports
        return base.out() != null ? base.out()
                : root.equals(ws) ? ws.resolve(ReportDir.NAME)
                : ws.resolve(ReportDir.NAME).resolve(root.startsWith(ws)
                ? ws.relativize(root).toString().replaceAll("[^A-Za-z0-9_.-]+", "-") : String.valueOf(root.getFileName()));
    }

    private static CiOptions ciOptions(Gate gate, Map<String, Object> given) {
        CiOptions defaults = CiOptions.defaults();
        return new CiOptions(
                bool(gate, given, CiOption.UNSTABLE_ON_FAILURE, defaults.unstableOnFailure()),
                bool(gate, given, CiOption.UNSTABLE_ON_DEGRADED, defaults.unstableOnDegraded()),
                bool(gate, given, CiOption.PUBLISH_CHECKS, defaults.publishChecks()),
                bool(gate, given, CiOption.ARCHIVE, defaults.archive()),
                string(gate, given, CiOption.CHECKS_NAME),
                string(gate, given, CiOption.SOURCE_LINK),
                integer(gate, given, CiOption.MAX_ANNOTATIONS, defaults.maxAnnotations()),
                bool(gate, given, CiOption.PROPAGATE, defaults.propagate()));
    }

    private static Object value(Gate gate, GateParameter p, Object value) {
        if (value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
            return value;
        }
        throw new ConfigException(gate.stepName() + ": parameter '" + p.name() + "' must be a string, number, boolean or list");
    }

    private static String string(Gate gate, Map<String, Object> given, CiOption o) {
        Object value = given.get(o.parameter());
        if (value == null) {
            return null;
        }
        if (value instanceof CharSequence || value instanceof Number) {
            return value.toString();
        }
        throw typeError(gate, o, "a string", value);
    }

    private static boolean bool(Gate gate, Map<String, Object> given, CiOption o, boolean fallback) {
        Object value = given.get(o.parameter());
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof CharSequence text && Set.of("true", "false").contains(text.toString().strip())) {
            return Boolean.parseBoolean(text.toString().strip());
        }
        throw typeError(gate, o, "true or false", value);
    }

    private static int integer(Gate gate, Map<String, Object> given, CiOption o, int fallback) {
        Object value = given.get(o.parameter());
        if (value == null) {
            return fallback;
        }
        try {
            int n = value instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())
                    ? num.intValue() : Integer.parseInt(String.valueOf(value).strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw typeError(gate, o, "a whole number >= 0", value);
        }
    }

    private static ConfigException typeError(Gate gate, CiOption o, String expected, Object value) {
        return new ConfigException(gate.stepName() + ": parameter '" + o.parameter() + "' must be " + expected
                + ", got " + (value instanceof CharSequence ? "'" + value + "'" : value instanceof Collection<?> ? "a list"
                : value instanceof Map<?, ?> ? "a map" : String.valueOf(value)));
    }
}
