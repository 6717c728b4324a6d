package io.github.recoverygates.goldenpath;

import io.github.recoverygates.core.JsonPath;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One virtual user's journey: token, upgrade, message, events until the final one. Entirely
 * asynchronous on the JDK's WebSocket, so fifty users need a handful of threads; every stage has
 * a deadline (the login's request timeout, the upgrade's connect timeout, the first-event and
 * journey timers on a shared scheduler).
 */
final class Journey implements WebSocket.Listener {

    /** What every journey of a run shares. */
    record Plan(HttpClient client, ScheduledExecutorService timers, ObjectMapper json, TokenSource tokens,
                GoldenPathConfig.WebSocketSection websocket, JsonNode send, GoldenPathConfig.Expect expect,
                JsonPath eventType) {
    }

    private static final int MAX_MESSAGE_CHARS = 1 << 20;

    private final Plan plan;
    private final Template template;
    private final CompletableFuture<JourneyRecord> done = new CompletableFuture<>();
    private final List<JourneyRecord.Event> events = new ArrayList<>();
    private final Set<String> identity = new HashSet<>();
    private final StringBuilder partial = new StringBuilder();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();

    private long started;
    private long loginMs = -1;
    private long connectStarted;
    private long connectMs = -1;
    private long sentAt;
    private boolean upgraded;
    private boolean connected;
    private String subprotocol = "";
    private int closeCode;
    private String closeReason;
    private boolean finished;
    private WebSocket socket;
    private String pendingMessage;

    Journey(Plan plan, Template template) {
        this.plan = plan;
        this.template = template;
    }

    CompletableFuture<JourneyRecord> run() {
        started = System.nanoTime();
        identity.add(template.uuid());
        identity.addAll(plan.tokens().identityValues(template));
        CompletableFuture<String> token;
        try {
            token = plan.tokens().token(template);
        } catch (RuntimeException e) {
            token = CompletableFuture.failedFuture(e);
        }
        token.whenComplete((value, error) -> {
            if (error != null) {
                Throwable cause = Causes.unwrap(error);
                if (cause instanceof StageFailure f) {
                    stop(f.failureClass(), f.detail());
                } else {
                    stop("login-error", Causes.describe(cause));
                }
            } else {
                try {
                    connect(value);
                } catch (RuntimeException e) {
                    // a subprotocol or header the JDK refuses to send, a malformed URL
                    stop("connect-error", "cannot open the WebSocket: " + Causes.describe(e));
                }
            }
        });
        return done;
    }

    private void connect(String token) {
        Template withToken = template.withToken(token);
        JsonNode message = withToken.apply(plan.send());
        Template.strings(message, identity);
        identity.remove(token);
        String text;
        try {
            text = message.isTextual() ? message.asText() : plan.json().writeValueAsString(message);
        } catch (JsonProcessingException e) {
            stop("send-error", "cannot write the message: " + e.getOriginalMessage());
            return;
        }
        GoldenPathConfig.WebSocketSection ws = plan.websocket();
        String url = withToken.apply(ws.url());
        WebSocket.Builder builder = plan.client().newWebSocketBuilder().connectTimeout(ws.connectTimeout());
        switch (ws.auth()) {
            case SUBPROTOCOL -> {
                List<String> protocols = ws.subprotocols().stream().map(withToken::apply).toList();
                builder.subprotocols(protocols.get(0), protocols.subList(1, protocols.size()).toArray(String[]::new));
            }
            case HEADER -> builder.header(ws.header().name(), withToken.apply(ws.header().value()));
            case QUERY -> url = url + (url.contains("?") ? "&" : "?") + URLEncoder.encode(ws.queryParam(), StandardCharsets.UTF_8)
                    + "=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
            case NONE -> { }
        }
        synchronized (this) {
            loginMs = millisSince(started);
            upgraded = true;
            connectStarted = System.nanoTime();
            pendingMessage = text;
        }
        URI uri = URI.create(url);
        builder.buildAsync(uri, this).whenComplete((opened, error) -> {
            if (error != null) {
                connectFailed(uri, error);
            }
        });
    }

    private static String masked(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?…";
    }

    private void connectFailed(URI uri, Throwable error) {
        String where = masked(uri.toString());
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof WebSocketHandshakeException h) {
                int status = h.getResponse().statusCode();
                stop("http-" + status, "the upgrade to " + where + " answered HTTP " + status + describeStatus(status));
                return;
            }
            if (t instanceof HttpTimeoutException) {
                stop("timeout-before-connect", "the upgrade to " + where + " did not complete within "
                        + plan.websocket().connectTimeout().toMillis() + " ms");
                return;
            }
            if (t instanceof ConnectException) {
                stop("connect-refused", "cannot connect to " + uri.getHost() + ":" + uri.getPort() + ": connection refused");
                return;
            }
            String message = t.getMessage();
            if (message != null && message.contains("subprotocol")) {
                stop("subprotocol-mismatch", "the server chose a subprotocol the client did not offer (" + message + ")");
                return;
            }
        }
        stop("connect-error", "the upgrade to " + where + " failed: " + Causes.describe(error));
    }

    private static String describeStatus(int status) {
        return switch (status) {
            case 401 -> " (no or unreadable token)";
            case 403 -> " (token refused)";
            case 404 -> " (no WebSocket endpoint at this path)";
            case 502, 503, 504 -> " (the proxy found no healthy backend)";
            default -> "";
        };
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        String message;
        synchronized (this) {
            socket = webSocket;
            if (finished) {
                webSocket.abort();
                return;
            }
            connectMs = millisSince(connectStarted);
            subprotocol = webSocket.getSubprotocol() == null ? "" : webSocket.getSubprotocol();
            if (plan.websocket().auth() == GoldenPathConfig.Auth.SUBPROTOCOL && subprotocol.isEmpty()) {
                stop("subprotocol-mismatch", "the server accepted the upgrade without choosing any offered subprotocol ("
                        + plan.websocket().subprotocols().get(0) + " …), so a browser would drop the connection");
                return;
            }
            connected = true;
            sentAt = System.nanoTime();
            message = pendingMessage;
            GoldenPathConfig.Expect expect = plan.expect();
            timers.add(plan.timers().schedule(this::firstEventOverdue, expect.firstEventWithin().toMillis(), TimeUnit.MILLISECONDS));
            timers.add(plan.timers().schedule(this::journeyOverdue, expect.timeout().toMillis(), TimeUnit.MILLISECONDS));
        }
        webSocket.sendText(message, true).whenComplete((ws, error) -> {
            if (error != null) {
                stop("send-error", "cannot send the message: " + Causes.describe(error));
            }
        });
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        boolean finalEvent = false;
        synchronized (this) {
            if (finished) {
                return null;
            }
            if (partial.length() < MAX_MESSAGE_CHARS) {
                partial.append(data);
            }
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                JsonNode body;
                String type;
                try {
                    body = plan.json().readTree(text);
                    String t = plan.eventType().text(body);
                    type = t == null ? "(no type)" : t;
                } catch (JsonProcessingException e) {
                    body = TextNode.valueOf(text.length() > 200 ? text.substring(0, 200) + "…" : text);
                    type = "(not JSON)";
                }
                events.add(new JourneyRecord.Event(type, millisSince(sentAt), body));
                finalEvent = type.equals(plan.expect().finalEvent());
            }
        }
        if (finalEvent) {
            // close politely, and drop the connection if the server does not answer the close
            webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "journey complete").whenComplete((ws, e) -> { });
            try {
                plan.timers().schedule(webSocket::abort, 2, TimeUnit.SECONDS);
            } catch (RejectedExecutionException e) {
                webSocket.abort(); // the run is over
            }
            finish();
        } else {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        boolean noEvents;
        synchronized (this) {
            closeCode = statusCode;
            closeReason = reason;
            noEvents = events.isEmpty();
        }
        if (statusCode == 1008 && noEvents) {
            stop("auth-rejected", "the server closed the socket with 1008 (policy violation) before any event: " + reason);
        } else {
            stop("closed-" + statusCode, "the server closed the socket with " + statusCode
                    + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")") + " before " + plan.expect().finalEvent());
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        stop("connection-error", "the connection failed: " + Causes.describe(error));
    }

    private void firstEventOverdue() {
        boolean none;
        synchronized (this) {
            none = events.isEmpty();
        }
        if (none) {
            stop("timeout-before-" + plan.expect().events().get(0), "no event within "
                    + plan.expect().firstEventWithin().toMillis() + " ms of sending the message");
        }
    }

    private void journeyOverdue() {
        String next;
        synchronized (this) {
            Set<String> seen = new HashSet<>();
            events.forEach(e -> seen.add(e.type()));
            next = plan.expect().events().stream().filter(e -> !seen.contains(e)).findFirst()
                    .orElse(plan.expect().finalEvent());
        }
        stop("timeout-before-" + next, "no " + next + " within " + plan.expect().timeout().toMillis()
                + " ms of sending the message");
    }

    /** The final event arrived. */
    private void finish() {
        complete(null, null);
    }

    /** The journey ends without its final event. */
    private void stop(String failureClass, String detail) {
        WebSocket toAbort = complete(failureClass, detail);
        if (toAbort != null) {
            toAbort.abort();
        }
    }

    private WebSocket complete(String failureClass, String detail) {
        JourneyRecord record;
        synchronized (this) {
            if (finished) {
                return null;
            }
            finished = true;
            timers.forEach(t -> t.cancel(false));
            record = new JourneyRecord(template.user(), template.iteration(), Set.copyOf(identity), loginMs,
                    connectMs, upgraded, connected, subprotocol, List.copyOf(events), closeCode, closeReason,
                    failureClass, detail, millisSince(started), failureClass == null);
        }
        done.complete(record);
        return socket;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
