package io.github.recoverygates.recovery;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * A test WebSocket that accepts the upgrade and then closes with 1011 (server error), at once or after
 * {@code delayMs}: the seeds' backend that upgrades and dies. Public because Jetty invokes it through
 * public method handles.
 */
public class ClosingWebSocketEndpoint extends Session.Listener.AbstractAutoDemanding {

    private final long delayMs;

    public ClosingWebSocketEndpoint(long delayMs) {
        this.delayMs = delayMs;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        super.onWebSocketOpen(session);
        Runnable close = () -> session.close(StatusCode.SERVER_ERROR, "agent crashed", Callback.NOOP);
        if (delayMs <= 0) {
            close.run();
        } else {
            CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS).execute(close);
        }
    }
}
