package io.github.recoverygates.recovery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code type: websocket}: a real opening handshake; a refused upgrade reports the HTTP status the server gave. */
final class WebSocketProbe implements Probe {

    private final CheckSpec spec;
    private final URI uri;
    private final HttpClient client;

    WebSocketProbe(CheckSpec spec, HttpClient client) {
        this.spec = spec;
        this.uri = URI.create(spec.url());
        if (uri.getScheme() == null || !uri.getScheme().matches("(?i)wss?") || uri.getHost() == null) {
            throw new IllegalArgumentException("a websocket check needs a ws:// or wss:// url with a host");
        }
        this.client = client;
    }

    @Override
    public String attempt(Duration timeout) throws ProbeFailure, InterruptedException {
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(timeout);
        spec.headers().forEach(builder::header);
        CompletableFuture<WebSocket> future = builder.buildAsync(uri, new WebSocket.Listener() {
        });
        WebSocket socket;
        try {
            socket = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ProbeFailure("no WebSocket handshake within " + Causes.format(timeout) + " from " + target());
        } catch (ExecutionException e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof WebSocketHandshakeException h) {
                    int status = h.getResponse() == null ? -1 : h.getResponse().statusCode();
                    throw new ProbeFailure("WebSocket upgrade refused by " + uri + ": HTTP " + status, h);
                }
            }
            throw new ProbeFailure(Causes.describe(e.getCause(), target(), timeout), e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
        // a polite close; abort in any case so that no connection outlives the attempt
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "recovery gate check")
                .orTimeout(1, TimeUnit.SECONDS)
                .whenComplete((ws, error) -> socket.abort());
        return "WebSocket upgraded (HTTP 101)";
    }

    private String target() {
        int port = uri.getPort() > 0 ? uri.getPort() : "wss".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }
}
