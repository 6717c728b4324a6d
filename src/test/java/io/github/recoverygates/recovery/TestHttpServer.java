package io.github.recoverygates.recovery;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A real Jetty server on 127.0.0.1 with the answers the seeds' services gave:
 * {@code /health} (JSON healthy), {@code /degraded} (JSON degraded), {@code /bad-gateway} (502),
 * {@code /slow?ms=N}, {@code /redirect} (302 to /health), {@code /redirect-to?location=URL} (302 there), {@code /needs-token} (401 without
 * {@code X-Token: letmein}), {@code /health-deep} (a JSON health answer with per-dependency checks,
 * redis down), and WebSocket endpoints at {@code /ws} (quiet), {@code /ws-1011} (closes with 1011 right
 * after the upgrade) and {@code /ws-1011-late} (closes with 1011 after 300 ms).
 */
final class TestHttpServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;

    private TestHttpServer(int port) throws Exception {
        this(port, null, null);
    }

    private TestHttpServer(int port, Path keyStore, String password) throws Exception {
        server = new Server();
        if (keyStore == null) {
            connector = new ServerConnector(server);
        } else {
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStorePath(keyStore.toString());
            tls.setKeyStorePassword(password);
            tls.setKeyStoreType("PKCS12");
            connector = new ServerConnector(server, tls);
        }
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
            container.addMapping("/ws", (request, response, callback) -> new QuietWebSocketEndpoint());
            container.addMapping("/ws-1011", (request, response, callback) -> new ClosingWebSocketEndpoint(0));
            container.addMapping("/ws-1011-late", (request, response, callback) -> new ClosingWebSocketEndpoint(300));
        });
        ws.setHandler(new Routes());
        server.setHandler(ws);
        server.start();
    }

    static TestHttpServer start() throws Exception {
        return new TestHttpServer(0);
    }

    /** An HTTPS server whose certificate is in a PKCS12 key store. */
    static TestHttpServer startTls(Path keyStore, String password) throws Exception {
        return new TestHttpServer(0, keyStore, password);
    }

    /** Starts on a given port, for a service that comes up late on the port the config names. */
    static TestHttpServer startOn(int port) throws Exception {
        return new TestHttpServer(port);
    }

    int port() {
        return connector.getLocalPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    String httpsUrl(String path) {
        return "https://127.0.0.1:" + port() + path;
    }

    String wsUrl(String path) {
        return "ws://127.0.0.1:" + port() + path;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private static final class Routes extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            switch (path) {
                case "/health" -> json(response, callback, 200, "{\"status\":\"healthy\",\"checks\":[{\"name\":\"db\",\"ok\":true}]}");
                case "/degraded" -> json(response, callback, 200, "{\"status\":\"degraded\"}");
                case "/health-deep" -> json(response, callback, 200,
                        "{\"status\":\"degraded\",\"checks\":{\"db\":\"ok\",\"redis\":\"down\"}}");
                case "/bad-gateway" -> text(response, callback, 502, "Bad Gateway");
                case "/slow" -> {
                    Fields query = Request.extractQueryParameters(request);
                    long ms = Long.parseLong(query.getValue("ms"));
                    // answer later without holding a thread, as a slow service would
                    request.getComponents().getScheduler().schedule(
                            () -> json(response, callback, 200, "{\"status\":\"healthy\"}"), ms, TimeUnit.MILLISECONDS);
                }
                case "/redirect" -> {
                    response.setStatus(302);
                    response.getHeaders().put(HttpHeader.LOCATION, "/health");
                    response.write(true, null, callback);
                }
                case "/redirect-to" -> {
                    response.setStatus(302);
                    response.getHeaders().put(HttpHeader.LOCATION, Request.extractQueryParameters(request).getValue("location"));
                    response.write(true, null, callback);
                }
                case "/echo-header" -> text(response, callback, 500,
                        "e".repeat(115) + request.getHeaders().get("X-Echo")); // a server that echoes what it got
                case "/needs-token" -> {
                    boolean ok = "letmein".equals(request.getHeaders().get("X-Token"));
                    text(response, callback, ok ? 200 : 401, ok ? "ok" : "missing token");
                }
                default -> text(response, callback, 404, "not found");
            }
            return true;
        }

        private static void json(Response response, Callback callback, int status, String body) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            Content.Sink.write(response, true, body, callback);
        }

        private static void text(Response response, Callback callback, int status, String body) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.write(true, java.nio.ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        }
    }
}
