package io.github.recoverygates.recovery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code type: websocket}: a real opening handshake, the socket kept open for {@code expect.openFor},
 * then a polite close. Up only when the upgrade succeeded and the server ended the conversation
 * normally: a server that closes with another code while the check runs (1011 right after the
 * upgrade, say) is down with that code. A refused upgrade reports the HTTP status the server gave.
 */
final class WebSocketProbe implements Probe {

    /** How long the probe waits for the server to answer its close before it takes the close as given. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(1);
    private static final String EXPECTED = "HTTP 101, then a normal close (1000)";

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

    /** Remembers how the server closed, if it did. */
    private static final class Listener implements WebSocket.Listener {
        final CompletableFuture<int[]> closed = new CompletableFuture<>();
        volatile String reason = "";

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String closeReason) {
            reason = closeReason == null ? "" : closeReason;
            closed.complete(new int[] {statusCode});
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new int[] {-1});
        }
    }

    @Override
    public String attempt(Duration timeout) throws ProbeFailure, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(timeout);
        spec.headers().forEach(builder::header);
        Listener listener = new Listener();
        CompletableFuture<WebSocket> future = builder.buildAsync(uri, listener);
        WebSocket socket;
        try {
            socket = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            String cause = "no WebSocket handshake within " + Causes.format(timeout) + " from " + target();
            throw new ProbeFailure(cause, EXPECTED, cause);
        } catch (ExecutionException e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof WebSocketHandshakeException h) {
                    int status = h.getResponse() == null ? -1 : h.getResponse().statusCode();
                    throw new ProbeFailure("WebSocket upgrade refused by " + uri + ": HTTP " + status, EXPECTED,
                            "HTTP " + status, h);
                }
            }
            String cause = Causes.describe(e.getCause(), target(), timeout);
            throw new ProbeFailure(cause, EXPECTED, cause, e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
        try {
            socket.request(Long.MAX_VALUE); // read (and drop) what the server sends, so its close reaches us
            Duration openFor = spec.expect().openFor();
            int[] early = openFor.isZero() ? null : waitFor(listener.closed, Math.min(openFor.toNanos(),
                    Math.max(0, deadline - System.nanoTime())));
            if (early != null) {
                throw closedBy(early[0], listener.reason, "while it had to stay open for " + Causes.format(openFor));
            }
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "recovery gate check");
            int[] code = waitFor(listener.closed, Math.min(CLOSE_WAIT.toNanos(), Math.max(0, deadline - System.nanoTime())));
            if (code != null && code[0] != WebSocket.NORMAL_CLOSURE && code[0] != 1005) {
                throw closedBy(code[0], listener.reason, "during the check");
            }
            return "WebSocket upgraded (HTTP 101)" + (code == null ? "" : ", closed normally");
        } finally {
            socket.abort(); // no connection outlives the attempt
        }
    }

    private ProbeFailure closedBy(int code, String reason, String when) {
        String how = code < 0 ? "the connection failed" : "the server closed the WebSocket with " + code
                + meaning(code) + (reason.isEmpty() ? "" : " '" + reason + "'");
        return new ProbeFailure(how + " " + when + " (" + uri + ")", EXPECTED,
                code < 0 ? "connection failed after HTTP 101" : "HTTP 101, then closed with " + code + meaning(code));
    }

    private static String meaning(int code) {
        return switch (code) {
            case 1001 -> " (going away)";
            case 1002 -> " (protocol error)";
            case 1003 -> " (unsupported data)";
            case 1006 -> " (abnormal closure)";
            case 1008 -> " (policy violation)";
            case 1009 -> " (message too big)";
            case 1011 -> " (internal error)";
            case 1012 -> " (service restart)";
            case 1013 -> " (try again later)";
            default -> "";
        };
    }

    /** The close code once the server closed, or null when it did not within {@code nanos}. */
    private static int[] waitFor(CompletableFuture<int[]> closed, long nanos) throws InterruptedException {
        try {
            return nanos <= 0 ? closed.getNow(null) : closed.get(nanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            return new int[] {-1};
        }
    }

    private String target() {
        int port = uri.getPort() > 0 ? uri.getPort() : "wss".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }
}
