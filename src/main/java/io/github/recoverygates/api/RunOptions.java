package io.github.recoverygates.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.FailOn;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.Shard;
import io.github.recoverygates.core.Suggest;
import io.github.recoverygates.render.Reports;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the values of {@link RunOption}s — strings from the command line, typed values from a
 * Pipeline — into a {@link RunRequest}, with one set of rules and messages for both. A wrong value
 * is a {@link ConfigException} that names the option as its caller spells it ({@code --workers},
 * {@code syntaxGate: parameter 'workers'}) and what is allowed.
 */
public final class RunOptions {

    private static final Pattern DOTTED_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z_][A-Za-z0-9_-]*)*");

    private final Function<RunOption, String> name;
    private final Function<RunOption, String> origin;
    private final Path base;

    private RunOptions(Function<RunOption, String> name, Function<RunOption, String> origin, Path base) {
        this.name = name;
        this.origin = origin;
        this.base = base;
    }

    /** For the command line: options named by their flags, paths relative to the current directory. */
    public static RunOptions commandLine() {
        return new RunOptions(RunOption::flag, RunOption::flag, Path.of(""));
    }

    /** For the CI step {@code step}: options named as its parameters, paths relative to {@code workspace}. */
    public static RunOptions step(String step, Path workspace) {
        return new RunOptions(o -> step + ": parameter '" + o.parameter() + "'",
                o -> o == RunOption.SETTINGS ? "settings" : "parameter '" + o.parameter() + "'", workspace);
    }

    /**
     * Applies the given values to {@code request}; absent (null) values keep its defaults.
     * {@code overrides} collects the config values the options set, with their origin.
     */
    public RunRequest.Builder apply(Map<RunOption, ?> given, RunRequest.Builder request, Map<String, String> origins) {
        Map<String, Object> overrides = new LinkedHashMap<>();
        for (Map.Entry<RunOption, ?> e : given.entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            RunOption o = e.getKey();
            switch (o) {
                case ROOT -> request.root(path(o, v));
                case CONFIG -> request.config(path(o, v));
                case OUT -> request.out(path(o, v));
                case FORMAT -> request.formats(formats(o, v));
                case CACHE -> request.cache(path(o, v));
                case BASELINE -> request.baseline(path(o, v));
                case CHANGED_FROM -> request.changedFrom(text(o, v));
                case SHARD -> request.shard(shard(o, v));
                case FAIL_ON -> request.failOn(failOn(o, v));
                case WORKERS -> request.workers(workers(o, v));
                case FILTER_MODE -> request.filterMode(filterMode(o, v));
                case STRICT_BASELINE -> request.strictBaseline(bool(o, v));
                case SETTINGS -> settings(o, v).forEach((k, x) -> put(overrides, origins, k, x, setting(o, k)));
                case EXCLUDE -> put(overrides, origins, o.configKey(), list(o, v), origin.apply(o));
                default -> throw new IllegalStateException(o.name());
            }
        }
        return request.overrides(overrides).origins(origins);
    }

    private String setting(RunOption o, String key) {
        String who = origin.apply(o);
        return who.startsWith("--") ? who + " " + key : who + " '" + key + "'";
    }

    /** A dotted config key and its value, once: a key set twice or inside another is refused. */
    public static void put(Map<String, Object> overrides, Map<String, String> origins, String key, Object value,
                           String origin) {
        if (!DOTTED_KEY.matcher(key).matches()) {
            throw new ConfigException(origin + ": '" + key + "' is not a dotted config key such as ssot.threshold");
        }
        if (origins.containsKey(key)) {
            throw new ConfigException(key + " is set twice, by " + origins.get(key) + " and by " + origin);
        }
        for (String existing : origins.keySet()) {
            if (existing.startsWith(key + ".") || key.startsWith(existing + ".")) {
                throw new ConfigException(origin + " (" + key + ") overlaps " + origins.get(existing) + " (" + existing + ")");
            }
        }
        overrides.put(key, value);
        origins.put(key, origin);
    }

    /**
     * {@code settings}: a list of {@code key=value} lines (values read as YAML, like {@code --set}),
     * one string of such lines, or a map of dotted keys to values.
     */
    Map<String, Object> settings(RunOption o, Object value) {
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
            throw typeError(o, "a list of 'key=value' strings", value);
        }
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(name.apply(o) + ": '" + line + "' must look like section.key=value (e.g. ssot.threshold=90)");
            }
            String key = line.substring(0, eq).strip();
            out.put(key, yaml(o, key, line.substring(eq + 1).strip()));
        }
        return out;
    }

    private Object yaml(RunOption o, String key, String text) {
        if (text.isEmpty()) {
            return "";
        }
        try {
            Object value = Json.CONFIG.readValue(text, Object.class);
            return value == null ? text : value;
        } catch (JsonProcessingException e) {
            throw new ConfigException(name.apply(o) + " " + key + "=" + text + ": not a YAML value: " + e.getOriginalMessage());
        }
    }

    private Path path(RunOption o, Object v) {
        String text = text(o, v);
        return text.isBlank() ? null : base.resolve(text).normalize();
    }

    private String text(RunOption o, Object v) {
        if (v instanceof CharSequence || v instanceof Number) {
            return v.toString();
        }
        throw typeError(o, "a string", v);
    }

    /** A list, or a comma-separated string. */
    List<String> list(RunOption o, Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof Collection<?> c) {
            for (Object item : c) {
                if (item instanceof Collection<?> || item instanceof Map<?, ?>) {
                    throw typeError(o, "a list of strings", v);
                }
                out.addAll(split(String.valueOf(item)));
            }
        } else if (v instanceof CharSequence text) {
            out.addAll(split(text.toString()));
        } else {
            throw typeError(o, "a list of strings", v);
        }
        return out;
    }

    private static List<String> split(String text) {
        return java.util.Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private List<String> formats(RunOption o, Object v) {
        List<String> formats = list(o, v);
        for (String f : formats) {
            if (!Reports.FORMATS.contains(f)) {
                throw new ConfigException(name.apply(o) + ": unknown format '" + f + "'"
                        + Suggest.didYouMean(f, Reports.FORMATS) + " (allowed: " + String.join(", ", Reports.FORMATS) + ")");
            }
        }
        return formats;
    }

    private Shard shard(RunOption o, Object v) {
        try {
            return Shard.parse(text(o, v));
        } catch (ConfigException e) {
            throw new ConfigException(name.apply(o) + ": " + e.getMessage().replace("--shard ", ""));
        }
    }

    private FailOn failOn(RunOption o, Object v) {
        String text = text(o, v).strip();
        try {
            return FailOn.parse(text);
        } catch (ConfigException e) {
            throw new ConfigException(name.apply(o) + " must be error, warning or new, got '" + text + "'"
                    + Suggest.didYouMean(text, o.choices()));
        }
    }

    private io.github.recoverygates.core.FilterMode filterMode(RunOption o, Object v) {
        try {
            return io.github.recoverygates.core.FilterMode.parse(text(o, v));
        } catch (ConfigException e) {
            throw new ConfigException(name.apply(o) + ": " + e.getMessage().replace("--filter-mode ", ""));
        }
    }

    /** true or false; on the command line a flag given without a value is true. */
    private boolean bool(RunOption o, Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        String t = String.valueOf(v).strip();
        if (t.equals("true") || t.equals("false")) {
            return Boolean.parseBoolean(t);
        }
        throw typeError(o, "true or false", v);
    }

    /** At least 1; more than twice the cores is clamped by the gates (with a notice), never refused. */
    private int workers(RunOption o, Object v) {
        try {
            long n = v instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())
                    ? num.longValue() : Long.parseLong(String.valueOf(v).strip());
            if (n < 1) {
                throw new ConfigException(name.apply(o) + " must be at least 1, got " + n
                        + " (leave it out for one worker per core)");
            }
            return (int) Math.min(n, Integer.MAX_VALUE);
        } catch (NumberFormatException e) {
            throw typeError(o, "a whole number of at least 1", v);
        }
    }

    private ConfigException typeError(RunOption o, String expected, Object value) {
        return new ConfigException(name.apply(o) + " must be " + expected + ", got " + describe(value));
    }

    static String describe(Object value) {
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
