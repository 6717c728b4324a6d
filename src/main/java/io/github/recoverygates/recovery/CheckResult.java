package io.github.recoverygates.recovery;

import java.util.List;

/**
 * How one check ended.
 *
 * @param name      the check
 * @param type      its type
 * @param critical  whether its failure fails the gate
 * @param state     up, down, degraded or blocked
 * @param attempts  every try, in order (empty when blocked)
 * @param cause     why it is not up (the last failure, or what blocked it), masked; null when up
 * @param blockedBy the dependency that blocked it, "environment" for a missing variable, else null
 * @param upAtMs    when it became up, in ms since the gate started, or null
 * @param latencyMs the latency of the last attempt, or null
 */
public record CheckResult(String name, CheckType type, boolean critical, CheckState state, List<Attempt> attempts,
                          String cause, String blockedBy, Long upAtMs, Long latencyMs) {

    public static final String ENVIRONMENT = "environment";

    public CheckResult {
        attempts = List.copyOf(attempts);
    }
}
