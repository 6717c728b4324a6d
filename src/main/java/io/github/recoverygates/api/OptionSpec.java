package io.github.recoverygates.api;

import io.github.recoverygates.core.ParameterType;

/**
 * What declares an option of a CI step or a run: its name (the Pipeline parameter), its type, its
 * default as text for help (null when the default is "not set") and its help text. The run options
 * ({@link RunOption}) and the wrappers' own options ({@code api.ci.CiOption}) are tables of these.
 */
public record OptionSpec(String parameter, ParameterType type, String defaultValue, String help) {

    /** An option declared by an {@link OptionSpec}; its accessors read the spec. */
    public interface Declared {

        OptionSpec spec();

        /** The Pipeline parameter name, such as {@code changedFrom}. */
        default String parameter() {
            return spec().parameter();
        }

        default ParameterType type() {
            return spec().type();
        }

        /** The default as text for help, or null when the default is "not set". */
        default String defaultValue() {
            return spec().defaultValue();
        }

        default String help() {
            return spec().help();
        }
    }
}
