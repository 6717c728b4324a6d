package io.github.recoverygates.api.ci;

import io.github.recoverygates.api.OptionSpec;
import io.github.recoverygates.core.ParameterType;

/**
 * The parameters a CI step takes that never reach the engine: what the wrapper does with the
 * result. Declared once, like {@link io.github.recoverygates.api.RunOption}; the Jenkins steps are
 * checked against both tables. {@link #ID}, {@link #NAME} and {@link #ABORT_PIPELINE} are read by the
 * wrapper alone.
 */
public enum CiOption implements OptionSpec.Declared {
    UNSTABLE_ON_FAILURE("unstableOnFailure", ParameterType.BOOLEAN, "false",
            "A FAIL verdict marks the build UNSTABLE instead of FAILURE."),
    UNSTABLE_ON_DEGRADED("unstableOnDegraded", ParameterType.BOOLEAN, "true",
            "A WARN verdict (warnings, a non-critical check down) marks the build UNSTABLE; off leaves it SUCCESS."),
    PUBLISH_CHECKS("publishChecks", ParameterType.BOOLEAN, "true",
            "Publish a check run with line annotations when the Checks API plugin is installed."),
    ARCHIVE("archive", ParameterType.BOOLEAN, "true", "Archive the report files with the build."),
    CHECKS_NAME("checksName", ParameterType.STRING, null,
            "The check run's name (default: Recovery Gates / <gate>, with the root when it is not the workspace)."),
    SOURCE_LINK("sourceLink", ParameterType.STRING, null,
            "A link template for findings, with {file} and {line} (http or https only)."),
    MAX_ANNOTATIONS("maxAnnotations", ParameterType.INTEGER, "500", "At most this many line annotations (errors first)."),
    PROPAGATE("propagate", ParameterType.BOOLEAN, "true",
            "Apply the verdict to the build result; off leaves it to the script (read buildResult from the returned map)."),
    ID("id", ParameterType.STRING, null,
            "A stable id for this call (parallel branches): names its page, archive folder and trend."),
    NAME("name", ParameterType.STRING, null, "The name shown for this call and its check run."),
    ABORT_PIPELINE("abortPipeline", ParameterType.BOOLEAN, "false",
            "Throw when the gate fails, after everything is published, so the pipeline stops there.");

    private final OptionSpec spec;

    CiOption(String parameter, ParameterType type, String defaultValue, String help) {
        this.spec = new OptionSpec(parameter, type, defaultValue, help);
    }

    @Override
    public OptionSpec spec() {
        return spec;
    }
}
