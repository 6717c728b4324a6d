package io.github.recoverygates.recovery;

import java.time.Duration;

/** One attempt at one check. Implementations honour {@code timeout}; the runner enforces it anyway. */
interface Probe {

    /**
     * Tries once. Returns a short description of the healthy answer, or throws
     * {@link ProbeFailure} whose message is the cause as a person would say it.
     */
    String attempt(Duration timeout) throws ProbeFailure, InterruptedException;

    /**
     * A failed attempt; the message names the cause ("connection refused on 127.0.0.1:5432").
     * {@code expected} and {@code actual} say, when the service answered, what the check wanted and
     * what it got ("HTTP 2xx" / "HTTP 502 in 4 ms: Bad Gateway"); null when there was no answer to show.
     * Both are already masked and cut by the probe.
     */
    final class ProbeFailure extends Exception {
        private final String expected;
        private final String actual;

        ProbeFailure(String message) {
            this(message, null, null, null);
        }

        ProbeFailure(String message, Throwable cause) {
            this(message, null, null, cause);
        }

        ProbeFailure(String message, String expected, String actual) {
            this(message, expected, actual, null);
        }

        ProbeFailure(String message, String expected, String actual, Throwable cause) {
            super(message, cause);
            this.expected = expected;
            this.actual = actual;
        }

        String expected() {
            return expected;
        }

        String actual() {
            return actual;
        }
    }
}
