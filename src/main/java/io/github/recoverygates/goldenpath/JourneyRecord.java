package io.github.recoverygates.goldenpath;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * What one journey saw, before it is judged.
 *
 * @param identity the string values this journey sent (its uuid, its login's user), to tell users apart
 * @param loginMs time to get a token, or -1 when the login failed
 * @param connectMs time from the upgrade request to the open socket, or -1
 * @param upgraded whether an upgrade was attempted (the login succeeded)
 * @param connected whether the upgrade succeeded (101 with an offered subprotocol when one is required)
 * @param events every message received, in arrival order, with its time since the message was sent
 * @param stopClass the failure class when the journey stopped before its final event, else null
 * @param stopDetail one line about that stop
 * @param totalMs time from the start of the login to the final event (or to the stop)
 * @param completed whether the final event arrived
 */
record JourneyRecord(int user, int iteration, Set<String> identity, long loginMs, long connectMs,
                     boolean upgraded, boolean connected, String subprotocol, List<Event> events,
                     int closeCode, String closeReason, String stopClass, String stopDetail, long totalMs,
                     boolean completed) {

    /** One received message: its type (by {@code expect.eventType}), time since the message was sent, body. */
    record Event(String type, long atMs, JsonNode body) {
    }

    String label() {
        return "user " + user + " iteration " + iteration;
    }
}
