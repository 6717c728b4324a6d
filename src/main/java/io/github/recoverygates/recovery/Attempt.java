package io.github.recoverygates.recovery;

/**
 * One try of one check.
 *
 * @param number    1-based
 * @param atMs      when it started, in ms since the gate started
 * @param latencyMs how long it took
 * @param up        whether it passed
 * @param detail    the healthy answer, or the cause of the failure
 */
public record Attempt(int number, long atMs, long latencyMs, boolean up, String detail) {
}
