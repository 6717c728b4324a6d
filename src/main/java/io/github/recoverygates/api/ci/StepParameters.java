package io.github.recoverygates.api.ci;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.recoverygates.api.RunRequest;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.FailOn;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.Shard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Maps a CI step's named parameters onto a {@link RunRequest}: the run's own options (config,
 * failOn, baseline, shard...), the gate's config overrides (see {@link GateStep}), the free-form
 * {@code settings} and the CI's {@link CiOptions}. Unknown parameters, ill-typed values and settings
 * outside the gate's section are {@link ConfigException}s that name the step and the parameter.
 */
public final class StepParameters {

    /** Parameters every step takes that shape the run itself. */
    public static final Set<String> RUN_PARAMETERS = Set.of(
            "config", "root", "out", "format", "cache", "baseline", "changedFrom", "shard", "failOn",
            "workers", "exclude", "settings");

    /** Parameters every step takes that only the CI wrapper reads. */
    public static final Set<String> CI_PARAMETERS = Set.of(
            "unstableOnFailure", "unstableOnDegraded", "publishChecks", "archive", "checksName", "sourceLink",
            "maxAnnotations", "propagate");

    /** Default report directory, relative to the workspace. */
    public static final String DEFAULT_OUT = "recovery-gates-report";

    private static final Pattern DOTTED_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z_][A-Za-z0-9_-]*)*");

    private StepParameters() {
    }

    /** Every parameter name a step accepts, sorted. */
    public static Set<String> allowed(GateStep step) {
        Set<String> names = new TreeSet<>(RUN_PARAMETERS);
        names.addAll(CI_PARAMETERS);
        names.addAll(step.configParameters().keySet());
        return names;
    }

    /**
     * Builds the request for one step call. Relative paths are resolved against {@code workspace};
     * null values mean "not given".
     */
    public static CiRequest map(GateStep step, Map<String, ?> parameters, Path workspace, Map<String, String> environment) {
        Map<String, Object> given = new LinkedHashMap<>();
        parameters.forEach((k, v) -> {
            if (v != null) {
                given.put(k, v);
            }
        });
        Set<String> unknown = new TreeSet<>(given.keySet());
        unknown.removeAll(allowed(step));
        if (!unknown.isEmpty()) {
            throw new ConfigException(step.functionName() + ": unknown parameter" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + " (allowed: " + String.join(", ", allowed(step)) + ")");
        }
        Path ws = workspace.toAbsolutePath().normalize();
        Path root = path(step, given, "root", ws);
        // two calls on different roots (parallel branches) must not overwrite each other's reports
        Path out = given.containsKey("out") ? path(step, given, "out", ws)
                : root == null || root.equals(ws) ? ws.resolve(DEFAULT_OUT)
                : ws.resolve(DEFAULT_OUT).resolve(root.startsWith(ws) ? ws.relativize(root).toString().replaceAll("[^A-Za-z0-9_.-]+", "-")
                        : root.getFileName().toString());

        Map<String, Object> overrides = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        if (given.containsKey("settings")) {
            for (Map.Entry<String, Object> e : settings(step, given.get("settings")).entrySet()) {
                put(step, overrides, origins, e.getKey(), e.getValue(), "settings '" + e.getKey() + "'");
            }
        }
        if (given.containsKey("exclude")) {
            put(step, overrides, origins, "exclude", stringList(step, "exclude", given.get("exclude")), "parameter 'exclude'");
        }
        step.configParameters().forEach((name, key) -> {
            if (given.containsKey(name)) {
                put(step, overrides, origins, key, scalarOrList(step, name, given.get(name)), "parameter '" + name + "'");
            }
        });

        RunRequest request = new RunRequest(step.gate(), root == null ? ws : root,
                path(step, given, "config", ws), out,
                given.containsKey("format") ? formats(step, given.get("format")) : List.of(),
                path(step, given, "cache", ws), path(step, given, "baseline", ws),
                string(step, given, "changedFrom"),
                given.containsKey("shard") ? shard(step, given.get("shard")) : Shard.ALL,
                given.containsKey("failOn") ? failOn(step, given.get("failOn")) : FailOn.ERROR,
                overrides, environment, integer(step, given, "workers", 0));
        CiOptions defaults = CiOptions.defaults();
        CiOptions options = new CiOptions(
                bool(step, given, "unstableOnFailure", defaults.unstableOnFailure()),
                bool(step, given, "unstableOnDegraded", defaults.unstableOnDegraded()),
                bool(step, given, "publishChecks", defaults.publishChecks()),
                bool(step, given, "archive", defaults.archive()),
                string(step, given, "checksName"),
                string(step, given, "sourceLink"),
                integer(step, given, "maxAnnotations", defaults.maxAnnotations()),
                bool(step, given, "propagate", defaults.propagate()));
        return new CiRequest(step, request, origins, options);
    }

    /**
     * Reads {@code settings}: a list of {@code key=value} lines (values read as YAML, like the CLI's
     * {@code --set}), one string of such lines, or a map of dotted keys to values.
     */
    static Map<String, Object> settings(GateStep step, Object value) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        }
        List<String> lines = new ArrayList<>();
        if (value instanceof Collection<?> list) {
            list.forEach(item -> lines.add(String.valueOf(item)));
        } else if (value instanceof CharSequence text) {
            text.toString().lines().forEach(lines::add);
        } else {
            throw typeError(step, "settings", "a list of 'key=value' strings", value);
        }
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(step.functionName() + ": settings entry '" + line
                        + "' must look like section.key=value (e.g. " + step.configKey() + ".someKey=42)");
            }
            String key = line.substring(0, eq).strip();
            out.put(key, yaml(step, key, line.substring(eq + 1).strip()));
        }
        return out;
    }

    private static Object yaml(GateStep step, String key, String text) {
        if (text.isEmpty()) {
            return "";
        }
        try {
            Object value = Json.CONFIG.readValue(text, Object.class);
            return value == null ? text : value;
        } catch (JsonProcessingException e) {
            throw new ConfigException(step.functionName() + ": settings " + key + "=" + text
                    + ": not a YAML value: " + e.getOriginalMessage());
        }
    }

    private static void put(GateStep step, Map<String, Object> overrides, Map<String, String> origins,
                            String key, Object value, String origin) {
        if (!DOTTED_KEY.matcher(key).matches()) {
            throw new ConfigException(step.functionName() + ": " + origin + ": '" + key
                    + "' is not a dotted config key such as " + step.configKey() + ".threshold");
        }
        if (!key.equals("exclude") && !key.startsWith(step.configKey() + ".")) {
            throw new ConfigException(step.functionName() + ": " + origin + ": '" + key + "' is outside the "
                    + step.gate() + " gate's section; keys must start with '" + step.configKey() + ".' (or be 'exclude')");
        }
        if (origins.containsKey(key)) {
            throw new ConfigException(step.functionName() + ": " + key + " is set twice, by " + origins.get(key)
                    + " and by " + origin);
        }
        for (String existing : origins.keySet()) {
            if (existing.startsWith(key + ".") || key.startsWith(existing + ".")) {
                throw new ConfigException(step.functionName() + ": " + origin + " (" + key + ") overlaps "
                        + origins.get(existing) + " (" + existing + ")");
            }
        }
        overrides.put(key, value);
        origins.put(key, origin);
    }

    private static Object scalarOrList(GateStep step, String name, Object value) {
        if (value instanceof Number || value instanceof Boolean || value instanceof CharSequence) {
            return value instanceof CharSequence ? value.toString() : value;
        }
        if (value instanceof Collection<?> list) {
            List<Object> copy = new ArrayList<>();
            for (Object item : list) {
                copy.add(item instanceof Map<?, ?> || item instanceof Collection<?> ? item : scalarOrList(step, name, item));
            }
            return copy;
        }
        if (value instanceof Map<?, ?>) {
            return value;
        }
        throw typeError(step, name, "a string, number, boolean or list", value);
    }

    private static List<String> stringList(GateStep step, String name, Object value) {
        if (value instanceof CharSequence text) {
            return splitList(text.toString());
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        throw typeError(step, name, "a list of strings", value);
    }

    private static List<String> splitList(String text) {
        return java.util.Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> formats(GateStep step, Object value) {
        List<String> formats = stringList(step, "format", value);
        Set<String> known = Set.of("json", "sarif", "junit", "md", "html");
        for (String f : formats) {
            if (!known.contains(f)) {
                throw new ConfigException(step.functionName() + ": parameter 'format': unknown format '" + f
                        + "' (allowed: html, json, junit, md, sarif)");
            }
        }
        if (!formats.contains("json")) {
            // the step's result and the build action are read from the JSON report
            List<String> withJson = new ArrayList<>(formats);
            withJson.add(0, "json");
            return withJson;
        }
        return formats;
    }

    private static Shard shard(GateStep step, Object value) {
        try {
            return Shard.parse(String.valueOf(value));
        } catch (ConfigException e) {
            throw new ConfigException(step.functionName() + ": parameter 'shard': " + e.getMessage().replace("--shard ", ""));
        }
    }

    private static FailOn failOn(GateStep step, Object value) {
        try {
            return FailOn.parse(String.valueOf(value));
        } catch (ConfigException e) {
            throw new ConfigException(step.functionName() + ": parameter 'failOn' must be error, warning or new, got '" + value + "'");
        }
    }

    private static Path path(GateStep step, Map<String, Object> given, String name, Path workspace) {
        String text = string(step, given, name);
        if (text == null || text.isBlank()) {
            return null;
        }
        return workspace.resolve(text).normalize();
    }

    private static String string(GateStep step, Map<String, Object> given, String name) {
        Object value = given.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof CharSequence || value instanceof Number) {
            return value.toString();
        }
        throw typeError(step, name, "a string", value);
    }

    private static boolean bool(GateStep step, Map<String, Object> given, String name, boolean fallback) {
        Object value = given.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof CharSequence text && Set.of("true", "false").contains(text.toString().strip())) {
            return Boolean.parseBoolean(text.toString().strip());
        }
        throw typeError(step, name, "true or false", value);
    }

    private static int integer(GateStep step, Map<String, Object> given, String name, int fallback) {
        Object value = given.get(name);
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
            throw typeError(step, name, "a whole number >= 0", value);
        }
    }

    private static ConfigException typeError(GateStep step, String name, String expected, Object value) {
        return new ConfigException(step.functionName() + ": parameter '" + name + "' must be " + expected
                + ", got " + describe(value));
    }

    private static String describe(Object value) {
        if (value instanceof CharSequence) {
            return "'" + value + "'";
        } else if (value instanceof Collection<?>) {
            return "a list";
        } else if (value instanceof Map<?, ?>) {
            return "a map";
        } else if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        return "a " + value.getClass().getSimpleName();
    }
}
