package io.github.recoverygates.core;

import java.util.Locale;

/** What makes a gate fail: any error (default), any warning too, or only findings new against the baseline. */
public enum FailOn {
    ERROR, WARNING, NEW;

    public static FailOn parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--fail-on must be error, warning or new, got '" + text + "'");
        }
    }
}
