package io.github.recoverygates.goldenpath;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * What one journey saw, before it is judged.
 *
 * @param identity the string values this journey sent (its uuid, its login's user, its correlation ids), to tell users apart
 * @param loginMs time to get a token, or -1 when the login failed
 * @param connectMs time from the upgrade request to the open socket, or -1
 * @param upgraded whether an upgrade was attempted (the login succeeded)
 * @param connected whether the upgrade succeeded (101 with an offered subprotocol when one is required); a
 *                  journey on the open socket of the user's journey before ({@code load.session: user}) is
 *                  connected without a login or upgrade of its own: loginMs and connectMs -1, upgraded false
 * @param events every message received, in arrival order, with its time since the socket opened
 * @param stopClass the failure class when the journey stopped before its last step, else null
 * @param stopDetail one line about that stop
 * @param totalMs time from the start of the login to the last step (or to the stop)
 * @param completed whether every step was done (the last wait got its message)
 * @param trace the frames of this journey when it is the traced one ({@code goldenPath.trace}), else empty
 */
record JourneyRecord(int user, int iteration, Set<String> identity, long loginMs, long connectMs,
                     boolean upgraded, boolean connected, String subprotocol, List<Event> events,
                     int closeCode, String closeReason, String stopClass, String stopDetail, long totalMs,
                     boolean completed, List<TraceLine> trace) {

    /**
     * One received message: its type (by {@code expect.eventType}), time since the socket opened, its
     * round-trip time (since the send it answers: the correlated one, else the last before it; null
     * before any send) and its body.
     */
    record Event(String type, long atMs, Long rttMs, JsonNode body) {
    }

    /** One frame or stage of a traced journey: ms since the journey started, → sent / ← received / · local. */
    record TraceLine(long atMs, String direction, String frame, String data) {
    }

    String label() {
        return label(user, iteration);
    }

    static String label(int user, int iteration) {
        return "user " + user + " iteration " + iteration;
    }
}
