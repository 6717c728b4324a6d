package io.github.recoverygates.api;

import io.github.recoverygates.core.ParameterType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Every option of a gate run, declared once: its name (the Pipeline parameter), its command-line
 * flag, type, default, help text, the config key it sets (if any) and where it is offered. The
 * CLI's options are built from this table, the CI steps' parameters are read through it, and
 * tests check the Jenkins steps and the Action's inputs against it.
 */
public enum RunOption implements OptionSpec.Declared {
    ROOT("root", ParameterType.PATH, ".", "Repository to check (default: the current directory; on CI, the workspace).",
            null, Surface.ALL),
    CONFIG("config", ParameterType.PATH, null,
            "YAML config (default: <root>/.recovery-gates.yml when present, else built-in defaults).", null, Surface.ALL),
    OUT("out", ParameterType.PATH, null,
            "Where reports go (default: $RUNNER_TEMP or $WORKSPACE_TMP when set, else a new private directory; "
                    + "never inside --root unless given).", null, Surface.CLI_AND_STEP),
    FORMAT("format", ParameterType.LIST, "json,sarif,junit,md,html", "Report formats (default: all of them).",
            null, Surface.CLI_AND_STEP, "json", "sarif", "junit", "md", "html"),
    CACHE("cache", ParameterType.PATH, null, "Content-hash cache directory: unchanged files are not checked again.",
            null, Surface.CLI_AND_STEP),
    BASELINE("baseline", ParameterType.PATH, null,
            "An earlier <gate>.json (for `all`: a directory of them): findings are marked new / unchanged, fixed ones listed.",
            null, Surface.ALL),
    CHANGED_FROM("changedFrom", ParameterType.STRING, null,
            "Only files changed since this git ref, plus untracked files (PR mode).", null, Surface.CLI_AND_STEP),
    SHARD("shard", ParameterType.STRING, "1/1",
            "Check the I-th of N deterministic slices of the files (I from 1); `merge` joins the shard reports.",
            null, Surface.CLI_AND_STEP),
    FAIL_ON("failOn", ParameterType.CHOICE, "error",
            "What fails the gate: error | warning | new (only findings absent from the baseline).", null, Surface.ALL,
            "error", "warning", "new"),
    FILTER_MODE("filterMode", ParameterType.CHOICE, null,
            "Which findings a pull request's feedback is about: added (lines the change added) | diff_context | file | "
                    + "nofilter. Limits the annotations and what --fail-on new counts; without it, annotations put the "
                    + "change's lines first. Needs the base in the clone (fetch-depth: 0).", null, Surface.ALL,
            "added", "diff_context", "file", "nofilter"),
    STRICT_BASELINE("strictBaseline", ParameterType.BOOLEAN, "false",
            "Fail when the baseline lists findings this run no longer has (stale entries): keep the baseline current.",
            null, Surface.ALL),
    SETTINGS("settings", "--set", ParameterType.LIST, null,
            "Config values by dotted key, read as YAML: ssot.threshold=90 (repeatable; validated like the config file).",
            null, Surface.CLI_AND_STEP),
    EXCLUDE("exclude", ParameterType.LIST, null,
            "Globs to leave out, added to the built-in excludes (node_modules, virtualenvs, build outputs, backups).",
            "extendExclude", Surface.CLI_AND_STEP),
    WORKERS("workers", ParameterType.INTEGER, null,
            "Worker threads / interpreter processes (default: one per core; at most twice the cores).",
            null, Surface.CLI_AND_STEP);

    /** Where an option is offered. */
    public enum Surface {
        CLI, STEP, ACTION;

        static final Set<Surface> ALL = EnumSet.allOf(Surface.class);
        static final Set<Surface> CLI_AND_STEP = EnumSet.of(CLI, STEP);
    }

    private final OptionSpec spec;
    private final String flag;
    private final String configKey;
    private final Set<Surface> surfaces;
    private final List<String> choices;

    RunOption(String parameter, ParameterType type, String defaultValue, String help, String configKey,
              Set<Surface> surfaces, String... choices) {
        this(parameter, "--" + kebab(parameter), type, defaultValue, help, configKey, surfaces, choices);
    }

    RunOption(String parameter, String flag, ParameterType type, String defaultValue, String help, String configKey,
              Set<Surface> surfaces, String... choices) {
        this.spec = new OptionSpec(parameter, type, defaultValue, help);
        this.flag = flag;
        this.configKey = configKey;
        this.surfaces = Set.copyOf(surfaces);
        this.choices = List.of(choices);
    }

    @Override
    public OptionSpec spec() {
        return spec;
    }

    /** The command-line flag, such as {@code --changed-from}. */
    public String flag() {
        return flag;
    }

    /** The GitHub Action input, such as {@code changed-from}. */
    public String input() {
        return kebab(parameter());
    }

    /** The config key this option sets (such as {@code extendExclude}), or null. */
    public String configKey() {
        return configKey;
    }

    public boolean offeredOn(Surface surface) {
        return surfaces.contains(surface);
    }

    /** The allowed values of a choice or of a list's items; empty when free. */
    public List<String> choices() {
        return choices;
    }

    public static List<RunOption> on(Surface surface) {
        return Arrays.stream(values()).filter(o -> o.offeredOn(surface)).toList();
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
