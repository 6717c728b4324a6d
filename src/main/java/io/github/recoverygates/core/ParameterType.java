package io.github.recoverygates.core;

/** The type of a run option or gate parameter, shared by the CLI, the CI steps and the Action. */
public enum ParameterType {
    /** Free text. */
    STRING,
    /** A file or directory, relative to the workspace or the current directory. */
    PATH,
    /** A whole number. */
    INTEGER,
    /** A decimal number, such as a percentage. */
    NUMBER,
    /** true or false: a checkbox in a form, a flag on the command line. */
    BOOLEAN,
    /** A duration such as {@code 30s} or {@code 1.5s}. */
    DURATION,
    /** A list of strings: a list in a Pipeline, comma-separated on the command line. */
    LIST,
    /** One of a fixed set of words. */
    CHOICE
}
