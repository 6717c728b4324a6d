package io.github.recoverygates.cli;

import io.github.recoverygates.api.RunOption;
import io.github.recoverygates.core.ParameterType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The run options of the gate commands and {@code all}, made from the {@link RunOption} table (so
 * the CLI cannot drift from the CI steps), plus the flags only a terminal has.
 */
final class RunOptionsCli {

    static final String GITHUB = "--github";
    static final String QUIET = "--quiet";
    static final String VERBOSE = "--verbose";

    private RunOptionsCli() {
    }

    static void addTo(CommandSpec spec) {
        for (RunOption o : RunOption.on(RunOption.Surface.CLI)) {
            OptionSpec.Builder b = OptionSpec.builder(o.flag()).paramLabel(label(o))
                    .description(o.help() + (o.choices().isEmpty() || o.type() == ParameterType.LIST ? ""
                            : " Allowed: " + String.join(", ", o.choices()) + "."));
            if (o.type() == ParameterType.LIST) {
                b.type(List.class).auxiliaryTypes(String.class);
                if (o != RunOption.SETTINGS) {
                    b.splitRegex(",");
                }
            } else if (o.type() == ParameterType.BOOLEAN) {
                b.type(String.class).arity("0..1").fallbackValue("true");
            } else {
                b.type(String.class);
            }
            spec.addOption(b.build());
        }
        spec.addOption(flag(GITHUB, "Also speak GitHub Actions: annotations, step summary, outputs."));
        spec.addOption(flag(QUIET, "Print only the verdict line of each gate (and errors)."));
        spec.addOption(flag(VERBOSE, "Print every finding and the metrics, not only the most important ones."));
    }

    private static OptionSpec flag(String name, String help) {
        return OptionSpec.builder(name).type(boolean.class).arity("0").description(help).build();
    }

    private static String label(RunOption o) {
        return switch (o.type()) {
            case PATH -> o == RunOption.ROOT || o == RunOption.OUT || o == RunOption.CACHE ? "DIR" : "FILE";
            case INTEGER -> "N";
            case LIST -> o == RunOption.SETTINGS ? "KEY=VALUE" : "LIST";
            case CHOICE -> "LEVEL";
            default -> o == RunOption.SHARD ? "I/N" : o == RunOption.CHANGED_FROM ? "REF" : "VALUE";
        };
    }

    /** The run options given on the command line. */
    static Map<RunOption, Object> values(ParseResult parsed) {
        Map<RunOption, Object> values = new EnumMap<>(RunOption.class);
        for (RunOption o : RunOption.on(RunOption.Surface.CLI)) {
            Object v = parsed.matchedOptionValue(o.flag(), null);
            if (v != null) {
                values.put(o, v);
            }
        }
        return values;
    }

    static boolean flag(ParseResult parsed, String name) {
        return parsed.matchedOptionValue(name, false);
    }
}
