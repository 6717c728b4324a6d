package io.github.recoverygates.jenkins;

import hudson.util.FormValidation;
import io.github.recoverygates.api.ci.StepParameters;
import io.github.recoverygates.core.Gate;
import io.github.recoverygates.api.ci.StepParameters;
import io.github.recoverygates.render.Links;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.Durations;
import io.github.recoverygates.core.Glob;
import io.github.recoverygates.core.Shard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The form checks of the steps' parameters. Each asks the engine's own parser (durations, globs,
 * shards, settings, formats), so the form accepts exactly what the step will; FormValidation escapes
 * the message.
 */
final class Validation {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,79}");

    private Validation() {
    }

    static FormValidation duration(String value) {
        if (value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        try {
            Durations.parse(value.strip());
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    static FormValidation percent(String value) {
        return number(value, 0, 100, "a percentage from 0 to 100");
    }

    static FormValidation wholeNumber(String value, long min) {
        if (value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        try {
            long n = Long.parseLong(value.strip());
            return n >= min ? FormValidation.ok() : FormValidation.error("must be at least " + min);
        } catch (NumberFormatException e) {
            return FormValidation.error("not a whole number: " + value);
        }
    }

    static FormValidation number(String value, double min, double max, String what) {
        if (value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        try {
            double d = Double.parseDouble(value.strip());
            return d >= min && d <= max ? FormValidation.ok() : FormValidation.error("must be " + what);
        } catch (NumberFormatException e) {
            return FormValidation.error("not a number: " + value);
        }
    }

    static FormValidation globs(String value) {
        for (String glob : entries(value, true)) {
            try {
                Glob.of(glob);
            } catch (RuntimeException e) {
                return FormValidation.error("not a glob: " + glob + " (" + e.getMessage() + ")");
            }
        }
        return FormValidation.ok();
    }

    static FormValidation shard(String value) {
        if (value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        try {
            Shard.parse(value.strip());
            return FormValidation.ok();
        } catch (ConfigException e) {
            return FormValidation.error(e.getMessage().replace("--shard", "shard"));
        }
    }

    static FormValidation formats(String value) {
        return engine(StepParameters.gate("syntaxGate"), "format", entries(value, true));
    }

    static FormValidation settings(String value, Gate step) {
        return engine(step, "settings", entries(value, false));
    }

    static FormValidation id(String value) {
        if (value == null || value.isBlank() || ID.matcher(value.strip()).matches()) {
            return FormValidation.ok();
        }
        return FormValidation.error("letters, digits, '_', '.' and '-' only, starting with a letter or digit, at most 80");
    }

    static FormValidation sourceLink(String value) {
        if (value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        return new Links(value.strip(), "").to("a/b.py", 1).isPresent() ? FormValidation.ok()
                : FormValidation.error("an http(s) URL template with {file} and {line}");
    }

    /** The engine's mapping of one parameter, run for its errors only. */
    private static FormValidation engine(Gate step, String name, List<String> value) {
        if (value.isEmpty()) {
            return FormValidation.ok();
        }
        try {
            StepParameters.map(step, Map.of(name, value), Path.of(".").toAbsolutePath(), Map.of());
            return FormValidation.ok();
        } catch (ConfigException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    static List<String> entries(String value, boolean commas) {
        List<String> out = new ArrayList<>();
        if (value != null) {
            for (String s : value.split(commas ? "[\\r\\n,]+" : "\\R")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }
}
