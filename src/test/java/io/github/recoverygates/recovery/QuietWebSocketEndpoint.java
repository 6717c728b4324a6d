package io.github.recoverygates.recovery;

import org.eclipse.jetty.websocket.api.Session;

/** The server side of the test WebSocket: accepts the upgrade and reads what comes. Public because Jetty invokes it through public method handles. */
public class QuietWebSocketEndpoint extends Session.Listener.AbstractAutoDemanding {
}
