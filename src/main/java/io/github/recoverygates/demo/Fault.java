package io.github.recoverygates.demo;

/**
 * The ways the seeds' golden path broke, as switches on the reference server. A fault applies to
 * a share of the requests it concerns (logins, upgrades or agent runs), chosen deterministically
 * so that "10%" fails exactly 10 of every 100.
 */
public enum Fault {
    /** Everything works. */
    NONE,
    /** The WebSocket upgrade answers 502 Bad Gateway, as a proxy in front of a dead backend does. */
    UPGRADE_502,
    /** The agent starts, then the server closes the socket with 1011 (internal error). */
    CLOSE_1011,
    /** The backend expects another subprotocol scheme: it accepts none of the offered ones and closes with 1008. */
    WRONG_SUBPROTOCOL,
    /** {@code tool_completed} is never sent. */
    DROP_EVENT,
    /** {@code tool_executing} arrives before {@code agent_thinking}. */
    REORDER,
    /** {@code tool_executing} has no {@code payload.tool_name}. */
    MISSING_TOOL_NAME,
    /** {@code tool_completed} has no {@code payload.results}. */
    MISSING_RESULTS,
    /** {@code agent_completed} carries a short error text instead of an answer. */
    SHORT_ANSWER,
    /** One of the run's events is also sent to another user's open socket. */
    CROSS_USER_LEAK,
    /** The agent waits {@code slowDelay} before its first event (a slow model, or one that never answers). */
    SLOW,
    /** The login endpoint answers 404, as the seeds' "E2E auth bypass" endpoint did. */
    AUTH_BYPASS_404,
    /**
     * A socket serves one agent run: a second {@code user_message} on it is answered with close 1001 (going away),
     * as a backend that recycles its connections does.
     */
    ONE_RUN_PER_SOCKET;

    /** What the fault counts: a login, an upgrade or an agent run. */
    enum Stage { LOGIN, UPGRADE, RUN, NONE }

    Stage stage() {
        return switch (this) {
            case NONE -> Stage.NONE;
            case AUTH_BYPASS_404 -> Stage.LOGIN;
            case UPGRADE_502, WRONG_SUBPROTOCOL -> Stage.UPGRADE;
            default -> Stage.RUN;
        };
    }
}
