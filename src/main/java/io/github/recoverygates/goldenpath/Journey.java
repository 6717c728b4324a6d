package io.github.recoverygates.goldenpath;

import io.github.recoverygates.core.JsonPath;
import io.github.recoverygates.core.SecretMasker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One virtual user's journey: token, upgrade, then its steps — send a message, wait for a message
 * that matches — until the last one is done. Entirely asynchronous on the JDK's WebSocket, so fifty
 * users need a handful of threads; every stage has a deadline (the login's request timeout, the
 * upgrade's connect timeout, each wait's own, the first-event and journey timers on a shared scheduler).
 * The messages both ways and their round trips are kept by its {@link Exchange}; the upgrade request and
 * its diagnosis are {@link Upgrade}'s. Under {@code load.session: user} a {@link Session} runs a user's
 * journeys on one socket: the first logs in and opens it ({@link #run}), the next ones run on it
 * ({@link #runOn}); such a journey leaves the socket open when it is done.
 */
final class Journey implements WebSocket.Listener {

    /** What every journey of a run shares; {@code trace} names the journey whose frames are recorded, or is null. */
    record Plan(HttpClient client, ScheduledExecutorService timers, ObjectMapper json, TokenSource tokens,
                GoldenPathConfig.WebSocketSection websocket, List<Steps.Step> steps, GoldenPathConfig.Expect expect,
                JsonPath eventType, GoldenPathConfig.Trace trace, SecretMasker masker) {
    }

    private static final int MAX_MESSAGE_CHARS = 1 << 20;

    private final Plan plan;
    private final Template template;
    /** Gets the socket's events: this journey, or the {@link Session} connection that hands them on to it. */
    private final WebSocket.Listener listener;
    /** Whether the socket stays open when the last step is done (the next journey of the session runs on it). */
    private final boolean keepOpen;
    private final CompletableFuture<JourneyRecord> done = new CompletableFuture<>();
    private final Exchange exchange = new Exchange();
    private final Set<String> identity = new HashSet<>();
    private final StringBuilder partial = new StringBuilder();
    private final Deadlines deadlines;
    private JourneyTrace trace;

    private long started;
    private long loginMs = -1;
    private long connectStarted;
    private long connectMs = -1;
    private long openedAt;
    private boolean upgraded;
    private boolean connected;
    private String subprotocol = "";
    private int closeCode;
    private String closeReason;
    private boolean finished;
    private WebSocket socket;
    private String token;
    private int stepIndex = -1;
    private Steps.Wait activeWait;
    private ScheduledFuture<?> waitTimer;
    /** Drops the connection when the server does not answer the journey's close; cancelled when it does. */
    private ScheduledFuture<?> closeTimer;

    Journey(Plan plan, Template template) {
        this(plan, template, null, false);
    }

    /** A journey whose socket's events {@code listener} receives (null: this journey), kept open when done if {@code keepOpen}. */
    Journey(Plan plan, Template template, WebSocket.Listener listener, boolean keepOpen) {
        this.plan = plan;
        this.template = template;
        this.listener = listener == null ? this : listener;
        this.keepOpen = keepOpen;
        this.deadlines = new Deadlines(plan.timers());
    }

    /**
     * Runs this journey on {@code ws}, the open socket of the same user's journey before, logged in with
     * {@code sessionToken} for {@code login}: no login and no upgrade of its own ({@code loginMs} and
     * {@code connectMs} are -1, {@code upgraded} false, {@code connected} true); its times count from now.
     */
    CompletableFuture<JourneyRecord> runOn(WebSocket ws, String sessionToken, Template login, int loginIteration) {
        synchronized (this) {
            started = System.nanoTime();
            trace = JourneyTrace.of(plan.trace(), template, started);
            identity.add(template.uuid());
            identity.addAll(plan.tokens().identityValues(login));
            identity.remove(sessionToken);
            token = sessionToken;
            socket = ws;
            subprotocol = ws.getSubprotocol() == null ? "" : ws.getSubprotocol();
            trace("·", "socket", "the socket iteration " + loginIteration + " opened, still open");
            opened();
        }
        ws.request(1);
        next();
        return done;
    }

    /** The token this journey logged in with, once it has one. */
    synchronized String token() {
        return token;
    }

    CompletableFuture<JourneyRecord> run() {
        started = System.nanoTime();
        trace = JourneyTrace.of(plan.trace(), template, started);
        identity.add(template.uuid());
        identity.addAll(plan.tokens().identityValues(template));
        CompletableFuture<String> tokenFuture;
        try {
            tokenFuture = plan.tokens().token(template);
        } catch (RuntimeException e) {
            tokenFuture = CompletableFuture.failedFuture(e);
        }
        tokenFuture.whenComplete((value, error) -> {
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

    private void connect(String newToken) {
        Upgrade.Request request = Upgrade.request(plan.client(), plan.websocket(), template.withToken(newToken), newToken);
        synchronized (this) {
            token = newToken;
            identity.remove(newToken);
            loginMs = millisSince(started);
            upgraded = true;
            connectStarted = System.nanoTime();
            trace("·", "login", "token in " + loginMs + " ms");
            trace("→", "upgrade", "GET " + Upgrade.masked(request.url())
                    + (request.offered().isEmpty() ? "" : ", " + request.offered()));
        }
        URI uri = URI.create(request.url());
        request.builder().buildAsync(uri, listener).whenComplete((opened, error) -> {
            if (error != null) {
                Handshake.Diagnosis d = Upgrade.failure(uri, error, plan.websocket(), this::mask, response -> {
                    synchronized (this) {
                        trace("←", "upgrade", response);
                    }
                });
                stop(d.failureClass(), d.detail());
            }
        });
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        synchronized (this) {
            socket = webSocket;
            if (finished) {
                webSocket.abort();
                return;
            }
            connectMs = millisSince(connectStarted);
            subprotocol = webSocket.getSubprotocol() == null ? "" : webSocket.getSubprotocol();
            trace("←", "upgrade", "HTTP 101" + (subprotocol.isEmpty() ? ", no subprotocol" : ", subprotocol " + subprotocol));
            if (plan.websocket().auth() == GoldenPathConfig.Auth.SUBPROTOCOL && subprotocol.isEmpty()) {
                stop("subprotocol-not-echoed", "the server accepted the upgrade without echoing any offered subprotocol ("
                        + plan.websocket().subprotocols().get(0) + " …), so a browser would drop the connection");
                return;
            }
            opened();
        }
        webSocket.request(1);
        next();
    }

    /** The socket is open for this journey: its deadlines start (lock held). */
    private void opened() {
        connected = true;
        openedAt = System.nanoTime();
        deadlines.after(plan.expect().timeout(), this::journeyOverdue);
        if (!plan.steps().isEmpty() && plan.steps().get(0) instanceof Steps.Wait) {
            // no send first: the first wait is the first event's deadline too
            deadlines.after(plan.expect().firstEventWithin(), this::firstEventOverdue);
        }
    }

    /** Runs the steps from the current one on, until one has to wait (a send to finish, a message to come). */
    private void next() {
        while (true) {
            Steps.Step step;
            String text;
            synchronized (this) {
                if (finished) {
                    return;
                }
                stepIndex++;
                if (stepIndex >= plan.steps().size()) {
                    break;
                }
                step = plan.steps().get(stepIndex);
                if (step instanceof Steps.Wait w) {
                    if (!startWait(w)) {
                        return; // waiting for a message
                    }
                    continue; // a message that came before already answers it
                }
                Steps.Send send = (Steps.Send) step;
                String correlation = send.correlated() ? "c-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) : null;
                try {
                    text = send.text(template.withToken(token).withCorrelation(correlation), plan.json(), identity);
                } catch (JsonProcessingException e) {
                    identity.remove(token);
                    stop("send-error", "cannot write the message: " + e.getOriginalMessage());
                    return;
                }
                if (exchange.nothingSent()) {
                    deadlines.after(plan.expect().firstEventWithin(), this::firstEventOverdue);
                }
                identity.remove(token);
                exchange.sent(stepIndex, System.nanoTime(), correlation);
                trace("→", "text", text);
            }
            WebSocket ws = socket;
            ws.sendText(text, true).whenComplete((w, error) -> {
                if (error != null) {
                    stop("send-error", "cannot send the message: " + Causes.describe(error));
                } else {
                    next();
                }
            });
            return; // the next step starts when this send is done
        }
        finish();
    }

    /**
     * Starts waiting for {@code w}; true when a message that arrived since the last send already answers it.
     * Called with this journey's lock held.
     */
    private boolean startWait(Steps.Wait w) {
        activeWait = w;
        Exchange.Received earlier = exchange.earlier(w, openedAt, template.withToken(token));
        if (earlier != null) {
            consume(earlier);
            return true;
        }
        waitTimer = deadlines.after(w.within(), () -> waitOverdue(w));
        return false;
    }

    /** {@code r} answers the active wait (lock held). */
    private void consume(Exchange.Received r) {
        exchange.consume(r, activeWait);
        activeWait = null;
        if (waitTimer != null) {
            waitTimer.cancel(false);
            waitTimer = null;
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        boolean advance = false;
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
                Exchange.Received r = Exchange.read(text, System.nanoTime(), plan.json(), plan.eventType(), this::mask);
                exchange.received(r);
                trace("←", "text", text);
                if (activeWait != null && exchange.matches(activeWait, r, template.withToken(token))) {
                    consume(r);
                    advance = true;
                }
            }
        }
        webSocket.request(1);
        if (advance) {
            next();
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        boolean noEvents;
        synchronized (this) {
            if (closeTimer != null) {
                closeTimer.cancel(false);
            }
            closeCode = statusCode;
            closeReason = reason;
            noEvents = exchange.nothingReceived();
            trace("←", "close", statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason));
        }
        String waiting = waitingFor();
        if (statusCode == 1008 && noEvents) {
            stop("auth-rejected", "the server closed the socket with 1008 (policy violation) before any event: " + reason);
        } else {
            stop("closed-" + statusCode, "the server closed the socket with " + statusCode
                    + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")") + " before " + waiting);
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        stop("connection-error", "the connection failed: " + Causes.describe(error));
    }

    /** What the journey waits for now: the active wait's message, else the final expected event. */
    private synchronized String waitingFor() {
        return activeWait != null && activeWait.event() != null ? activeWait.event() : plan.expect().finalEvent();
    }

    private void firstEventOverdue() {
        boolean none;
        String since;
        synchronized (this) {
            none = exchange.nothingReceived();
            since = !exchange.nothingSent() ? "sending the message"
                    : upgraded ? "opening the socket" : "starting on the open socket";
        }
        if (none) {
            stop("timeout-before-" + plan.expect().events().get(0), "no event within "
                    + plan.expect().firstEventWithin().toMillis() + " ms of " + since);
        }
    }

    private void journeyOverdue() {
        String next = nextExpected(plan.expect().finalEvent());
        boolean ownSocket;
        synchronized (this) {
            ownSocket = upgraded;
        }
        stop("timeout-before-" + next, "no " + next + " within " + plan.expect().timeout().toMillis()
                + (ownSocket ? " ms of opening the socket" : " ms of starting on the open socket"));
    }

    private void waitOverdue(Steps.Wait w) {
        String next;
        synchronized (this) {
            if (activeWait != w) {
                return;
            }
            next = w.event() == null ? "message" : nextExpected(w.event());
        }
        stop("timeout-before-" + next, "no " + w.describe() + " within " + w.within().toMillis() + " ms (step "
                + (stepIndex + 1) + " of " + plan.steps().size() + ")"
                + (next.equals(w.event()) || w.event() == null ? "" : "; " + next + " never came"));
    }

    /** The first expected event not seen yet, up to {@code target}: what a timeout is named after. */
    private synchronized String nextExpected(String target) {
        return exchange.nextExpected(plan.expect().events(), target);
    }

    /** Every step is done. */
    private void finish() {
        WebSocket ws;
        synchronized (this) {
            ws = socket;
        }
        if (ws != null && !keepOpen) {
            synchronized (this) {
                trace("→", "close", "1000 journey complete");
            }
            ScheduledFuture<?> abort = close(ws, plan.timers(), "journey complete");
            synchronized (this) {
                closeTimer = abort;
            }
        }
        complete(null, null);
    }

    /**
     * Closes {@code ws} politely and drops the connection if the server does not answer the close within 2 s;
     * the returned drop is cancelled when the answer comes (null: dropped at once, the run is over).
     */
    static ScheduledFuture<?> close(WebSocket ws, ScheduledExecutorService timers, String reason) {
        ws.sendClose(WebSocket.NORMAL_CLOSURE, reason).whenComplete((w, e) -> { });
        try {
            return timers.schedule(ws::abort, 2, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            ws.abort();
            return null;
        }
    }

    /** The journey ends without its last step. */
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
            deadlines.cancelAll();
            if (failureClass != null) {
                trace("·", "stop", failureClass + ": " + detail);
            }
            record = new JourneyRecord(template.user(), template.iteration(), Set.copyOf(identity), loginMs,
                    connectMs, upgraded, connected, subprotocol, exchange.events(openedAt), closeCode, closeReason,
                    failureClass, detail, millisSince(started), failureClass == null,
                    trace == null ? List.of() : trace.lines());
        }
        done.complete(record);
        return socket;
    }

    /** Records a frame of the traced journey (lock held); the text is masked with the run's secrets and the token. */
    private void trace(String direction, String frame, String data) {
        if (trace != null && trace.open()) {
            trace.add(direction, frame, mask(data));
        }
    }

    private String mask(String text) {
        String t = token != null && token.length() >= 4 ? text.replace(token, SecretMasker.MASK) : text;
        return plan.masker() == null ? t : plan.masker().mask(t);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
