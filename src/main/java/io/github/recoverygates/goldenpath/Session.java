package io.github.recoverygates.goldenpath;

import java.net.http.WebSocket;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;

/**
 * One virtual user under {@code load.session: user}: it logs in once and opens one socket, and runs its
 * journeys on it one after another — the next message is sent only after the journey before has ended, so
 * every message on the socket belongs to the journey running then. Each journey is judged on its own
 * events, as under {@code session: journey}. A journey that fails drops the socket (events of its run may
 * still be on the way); so does a socket the server closed: the next journey logs in and opens a new one.
 * Not thread-safe: the user's journeys run one at a time.
 */
final class Session {

    private final Journey.Plan plan;
    private final int user;
    /** The socket the next journey runs on, or null: the next journey logs in and opens one. */
    private Connection open;

    Session(Journey.Plan plan, int user) {
        this.plan = plan;
        this.user = user;
    }

    /** Runs the user's journey {@code iteration}, on the open socket when there is one. */
    CompletableFuture<JourneyRecord> journey(int iteration) {
        Template template = new Template(user, iteration, UUID.randomUUID().toString(), null);
        Connection connection = open != null && open.usable() ? open : null;
        CompletableFuture<JourneyRecord> run;
        if (connection != null) {
            Journey journey = new Journey(plan, template, connection, true);
            connection.journey = journey;
            run = journey.runOn(connection.socket, connection.token, connection.login, connection.login.iteration());
        } else {
            connection = new Connection(template);
            Journey journey = new Journey(plan, template, connection, true);
            connection.journey = journey;
            run = journey.run();
        }
        Connection used = connection;
        return run.thenApply(record -> {
            open = record.completed() && used.usable() ? used : null;
            return record;
        });
    }

    /** The user's journeys are done: closes the open socket politely. */
    void close() {
        Connection connection = open;
        open = null;
        if (connection != null && connection.usable()) {
            connection.closeTimer = Journey.close(connection.socket, plan.timers(), "session complete");
        }
    }

    /** One socket of the session: hands its events on to the journey running on it. */
    private static final class Connection implements WebSocket.Listener {
        /** The template of the journey that logged in and opened it. */
        final Template login;
        volatile Journey journey;
        volatile WebSocket socket;
        volatile String token;
        volatile boolean closed;
        volatile ScheduledFuture<?> closeTimer;

        Connection(Template login) {
            this.login = login;
        }

        boolean usable() {
            WebSocket ws = socket;
            return ws != null && !closed && !ws.isInputClosed() && !ws.isOutputClosed();
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            Journey j = journey;
            socket = webSocket;
            token = j.token();
            j.onOpen(webSocket);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            return journey.onText(webSocket, data, last);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = true;
            ScheduledFuture<?> t = closeTimer;
            if (t != null) {
                t.cancel(false);
            }
            return journey.onClose(webSocket, statusCode, reason);
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed = true;
            journey.onError(webSocket, error);
        }
    }
}
