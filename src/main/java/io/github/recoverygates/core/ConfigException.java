package io.github.recoverygates.core;

/** A usage or configuration mistake the user must fix: exit 2, with a message naming where. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
