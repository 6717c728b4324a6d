package io.github.recoverygates.core;

/** The gate could not run (no interpreter, no git, an unreadable root): verdict ERROR, exit 3. */
public class GateException extends Exception {
    public GateException(String message) {
        super(message);
    }

    public GateException(String message, Throwable cause) {
        super(message, cause);
    }
}
