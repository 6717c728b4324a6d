package io.github.recoverygates.recovery;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One try of one check.
 *
 * @param number    1-based
 * @param atMs      when it started, in ms since the gate started
 * @param latencyMs how long it took
 * @param up        whether it passed
 * @param detail    the healthy answer, or the cause of the failure
 * @param expected  what the check wanted, when the service answered something else (else null)
 * @param actual    what the service answered instead (else null)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Attempt(int number, long atMs, long latencyMs, boolean up, String detail, String expected,
                      String actual) {
}
