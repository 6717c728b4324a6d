package io.github.recoverygates.recovery;

import java.time.Duration;

/** One attempt at one check. Implementations honour {@code timeout}; the runner enforces it anyway. */
interface Probe {

    /**
     * Tries once. Returns a short description of the healthy answer, or throws
     * {@link ProbeFailure} whose message is the cause as a person would say it.
     */
    String attempt(Duration timeout) throws ProbeFailure, InterruptedException;

    /** A failed attempt; the message names the cause ("connection refused on 127.0.0.1:5432"). */
    final class ProbeFailure extends Exception {
        ProbeFailure(String message) {
            super(message);
        }

        ProbeFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
