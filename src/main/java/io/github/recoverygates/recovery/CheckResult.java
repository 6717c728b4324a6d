package io.github.recoverygates.recovery;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * How one check ended.
 *
 * @param name      the check
 * @param type      its type
 * @param critical  whether its failure fails the gate
 * @param state     up, down, degraded or skipped
 * @param attempts  every try, in order (empty when skipped)
 * @param cause     why it is not up (the last failure, or why it was skipped), masked; null when up
 * @param blockedBy the dependency whose failure skipped it, "environment" for a missing variable, else null
 * @param upAtMs    when it became up, in ms since the gate started, or null
 * @param latencyMs the latency of the last attempt, or null
 * @param expected  what the last attempt wanted, when the service answered something else, or null
 * @param actual    what the service answered instead, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckResult(String name, CheckType type, boolean critical, CheckState state, List<Attempt> attempts,
                          String cause, String blockedBy, Long upAtMs, Long latencyMs, String expected,
                          String actual) {

    public static final String ENVIRONMENT = "environment";

    public CheckResult {
        attempts = List.copyOf(attempts);
    }
}
