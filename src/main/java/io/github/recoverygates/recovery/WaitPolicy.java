package io.github.recoverygates.recovery;

import java.time.Duration;

/**
 * How long the gate waits for the system to come up.
 *
 * @param timeout  the total budget for all checks, measured from the gate's start (default 60s)
 * @param interval the pause between attempts of one check (default 2s)
 * @param jitter   the fraction of {@code interval} by which a pause is randomly shortened, so that
 *                 retries of many checks do not fall in step (default 0.1; a pause is never longer than interval)
 */
public record WaitPolicy(Duration timeout, Duration interval, Double jitter) {

    public WaitPolicy {
        timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
        interval = interval == null ? Duration.ofSeconds(2) : interval;
        jitter = jitter == null ? 0.1 : jitter;
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("wait.timeout must not be negative");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("wait.interval must be positive");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("wait.jitter must be between 0 and 1, not " + jitter);
        }
    }
}
