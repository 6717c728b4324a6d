package io.github.recoverygates.goldenpath;

import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A journey's WebSocket upgrade: the request that carries its token (in a subprotocol, a header or the
 * query), and — when the upgrade fails — why, as a failure class and one line.
 */
final class Upgrade {

    private Upgrade() {
    }

    /**
     * The upgrade request of one journey.
     *
     * @param url     the URL to open, the token in its query when {@code auth: query}
     * @param offered the header that offers the token, as traced ("" when none)
     * @param builder the socket's builder, its subprotocols or header set
     */
    record Request(String url, String offered, WebSocket.Builder builder) {
    }

    /** The request for the journey whose placeholders are {@code withToken} (its token {@code token}). */
    static Request request(HttpClient client, GoldenPathConfig.WebSocketSection ws, Template withToken, String token) {
        String url = withToken.apply(ws.url());
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(ws.connectTimeout());
        String offered = "";
        switch (ws.auth()) {
            case SUBPROTOCOL -> {
                List<String> protocols = ws.subprotocols().stream().map(withToken::apply).toList();
                builder.subprotocols(protocols.get(0), protocols.subList(1, protocols.size()).toArray(String[]::new));
                offered = "Sec-WebSocket-Protocol: " + String.join(", ", protocols);
            }
            case HEADER -> {
                builder.header(ws.header().name(), withToken.apply(ws.header().value()));
                offered = ws.header().name() + ": " + withToken.apply(ws.header().value());
            }
            case QUERY -> url = url + (url.contains("?") ? "&" : "?") + URLEncoder.encode(ws.queryParam(), StandardCharsets.UTF_8)
                    + "=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
            case NONE -> { }
        }
        return new Request(url, offered, builder);
    }

    /** The header that carries the token on the upgrade, for the handshake diagnosis. */
    static String authHeader(GoldenPathConfig.WebSocketSection ws) {
        return switch (ws.auth()) {
            case SUBPROTOCOL -> "Sec-WebSocket-Protocol";
            case HEADER -> ws.header().name();
            case QUERY, NONE -> null;
        };
    }

    /** The URL with its query cut (it may carry the token). */
    static String masked(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?…";
    }

    /**
     * Why the upgrade to {@code uri} failed with {@code error}; {@code mask} masks what the server sent,
     * {@code response} is told the refusing answer's status and headers (for the trace).
     */
    static Handshake.Diagnosis failure(URI uri, Throwable error, GoldenPathConfig.WebSocketSection ws,
                                       UnaryOperator<String> mask, Consumer<String> response) {
        String where = masked(uri.toString());
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof WebSocketHandshakeException h) {
                var answer = h.getResponse();
                Object body = answer.body();
                Handshake.Diagnosis d = Handshake.refused(where, answer.statusCode(), answer.headers(),
                        body instanceof String text ? text : body instanceof byte[] bytes
                                ? new String(bytes, StandardCharsets.UTF_8) : null,
                        authHeader(ws), mask);
                response.accept("HTTP " + answer.statusCode() + " " + answer.headers().map());
                return d;
            }
            if (t instanceof HttpTimeoutException) {
                return new Handshake.Diagnosis("timeout-before-connect", "the upgrade to " + where
                        + " did not complete within " + ws.connectTimeout().toMillis() + " ms");
            }
            if (t instanceof ConnectException) {
                return new Handshake.Diagnosis("connect-refused", "cannot connect to " + uri.getHost() + ":"
                        + uri.getPort() + ": connection refused");
            }
            String message = t.getMessage();
            if (message != null && message.contains("subprotocol")) {
                return new Handshake.Diagnosis("subprotocol-mismatch",
                        "the server chose a subprotocol the client did not offer (" + message + ")");
            }
        }
        return new Handshake.Diagnosis("connect-error", "the upgrade to " + where + " failed: " + Causes.describe(error));
    }
}
