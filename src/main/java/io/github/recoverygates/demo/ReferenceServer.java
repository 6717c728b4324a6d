package io.github.recoverygates.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A small, real stand-in for the seeds' system: an auth service ({@code POST /auth/login} issuing
 * HS256 JWTs, {@code GET /health}) and a backend ({@code /ws}) whose fake agent answers a
 * {@code user_message} with {@code agent_started}, {@code agent_thinking}, {@code tool_executing},
 * {@code tool_completed} and {@code agent_completed}. Both run on one Jetty server on 127.0.0.1.
 * A {@link Fault} makes a share of the requests fail the way production did.
 *
 * <p>The socket accepts the token as the subprotocol pair {@code jwt-auth} + {@code jwt.<token>},
 * as {@code Authorization: Bearer <token>} or as the query parameter {@code token}.
 *
 * <p>{@code GET /stats} counts what the server saw: {@code {"sockets": opened, "logins": answered,
 * "tokens": distinct tokens on upgrades, "runs": agent runs}} — for a test or a benchmark to see how many
 * sockets and logins a load took.
 */
public final class ReferenceServer implements AutoCloseable {

    /** The subprotocol that announces a token in the next subprotocol, {@code jwt.<token>}. */
    public static final String AUTH_SUBPROTOCOL = "jwt-auth";

    /** The header of a refused upgrade that lists the request header names the server received. */
    public static final String RECEIVED_HEADERS = "X-Received-Headers";

    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How the server behaves.
     *
     * @param jwtSecret the HS256 key, at least 32 bytes
     * @param password the password every {@code e2e-*} user logs in with
     * @param fault the failure to inject
     * @param faultPercent the share of logins, upgrades or runs (by the fault's stage) that fail, 0–100
     * @param eventDelay the agent's pause between two events
     * @param slowDelay the pause before the first event under {@link Fault#SLOW}
     * @param greeting whether a socket says {@code {"type":"connected","connection_id":…}} as soon as it opens,
     *                 before the client sends anything
     */
    public record Options(String jwtSecret, String password, Fault fault, int faultPercent,
                          Duration eventDelay, Duration slowDelay, boolean greeting) {
        public Options(String jwtSecret, String password, Fault fault, int faultPercent, Duration eventDelay,
                       Duration slowDelay) {
            this(jwtSecret, password, fault, faultPercent, eventDelay, slowDelay, false);
        }

        public Options {
            if (jwtSecret == null || jwtSecret.getBytes(StandardCharsets.UTF_8).length < 32) {
                throw new IllegalArgumentException("the JWT secret must be at least 32 bytes for HS256");
            }
            password = password == null ? "" : password;
            fault = fault == null ? Fault.NONE : fault;
            if (faultPercent < 0 || faultPercent > 100) {
                throw new IllegalArgumentException("faultPercent must be 0..100, not " + faultPercent);
            }
            eventDelay = eventDelay == null ? Duration.ofMillis(5) : eventDelay;
            slowDelay = slowDelay == null ? Duration.ofSeconds(30) : slowDelay;
        }

        public static Options healthy(String jwtSecret, String password) {
            return new Options(jwtSecret, password, Fault.NONE, 0, null, null);
        }

        /** The same options with {@code fault} failing {@code percent}% of its stage's requests. */
        public Options with(Fault newFault, int percent) {
            return new Options(jwtSecret, password, newFault, percent, eventDelay, slowDelay, greeting);
        }

        public Options withDelays(Duration newEventDelay, Duration newSlowDelay) {
            return new Options(jwtSecret, password, fault, faultPercent, newEventDelay, newSlowDelay, greeting);
        }

        /** The same options with a greeting on every socket. */
        public Options withGreeting() {
            return new Options(jwtSecret, password, fault, faultPercent, eventDelay, slowDelay, true);
        }
    }

    private final Options options;
    private final Server server;
    private final TokenService tokens;
    private final ScheduledExecutorService agentClock;
    private final Map<AgentSocket, String> openSockets = new ConcurrentHashMap<>();
    private final AtomicLong logins = new AtomicLong();
    private final AtomicLong upgrades = new AtomicLong();
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong leaked = new AtomicLong();
    private final AtomicLong socketsOpened = new AtomicLong();
    private final AtomicLong loginsAnswered = new AtomicLong();
    private final AtomicLong runsStarted = new AtomicLong();
    private final java.util.Set<String> tokensSeen = ConcurrentHashMap.newKeySet();
    private int port;

    private ReferenceServer(Options options) {
        this.options = options;
        this.tokens = new TokenService(options.jwtSecret());
        this.agentClock = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "reference-agent");
            t.setDaemon(true);
            return t;
        });
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("reference-server");
        threads.setDaemon(true);
        this.server = new Server(threads);
    }

    /** Starts the server on 127.0.0.1; {@code port} 0 picks a free port. */
    public static ReferenceServer start(Options options, int port) throws IOException {
        ReferenceServer reference = new ReferenceServer(options);
        reference.startOn(port);
        return reference;
    }

    private void startOn(int requestedPort) throws IOException {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(requestedPort);
        server.addConnector(connector);
        WebSocketUpgradeHandler upgrade = WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(Duration.ofMinutes(2));
            container.addMapping("/ws", this::upgrade);
        });
        upgrade.setHandler(new HttpRoutes());
        server.setHandler(upgrade);
        try {
            server.start();
        } catch (Exception e) {
            agentClock.shutdownNow();
            throw new IOException("reference server did not start on 127.0.0.1:" + requestedPort + ": " + e.getMessage(), e);
        }
        port = connector.getLocalPort();
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI httpUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public URI loginUrl() {
        return URI.create(httpUrl() + "/auth/login");
    }

    public URI healthUrl() {
        return URI.create(httpUrl() + "/health");
    }

    /** {@code ws://127.0.0.1:<port>/ws}. */
    public URI webSocketUrl() {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    public Options options() {
        return options;
    }

    /** A token for {@code subject}, as the login would issue it (for tests and the {@code tokenEnv} login). */
    public String issueToken(String subject) {
        return tokens.issue(subject);
    }

    /**
     * A {@code goldenPath:} config section (YAML) that runs the golden path against this server, for
     * the {@code demo} command; the password is read from {@code E2E_PASSWORD}, so the section can be
     * written next to the reports. The gate masks the password and every token in its reports.
     */
    public String goldenPathSection(int users, int iterations) {
        try {
            return "goldenPath:\n"
                    + "  login:\n"
                    + "    http: {url: \"" + loginUrl() + "\", body: {email: \"e2e-{user}@example.com\", password: "
                    + JSON.writeValueAsString("${E2E_PASSWORD}") + "}, tokenPath: \"$.access_token\"}\n"
                    + "  websocket: {url: \"" + webSocketUrl() + "\", auth: subprotocol, subprotocols: [\"jwt-auth\", \"jwt.{token}\"]}\n"
                    + "  send: {type: user_message, payload: {content: \"Summarise our Q3 costs\", thread_id: \"{uuid}\"}}\n"
                    + "  expect: {timeout: 30s, firstEventWithin: 15s}\n"
                    + "  load: {users: " + users + ", iterations: " + iterations + ", rampUp: 0s}\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        agentClock.shutdownNow();
        try {
            server.stop();
        } catch (Exception e) {
            // stopping a test server: nothing left to do with the failure
        }
    }

    /** Whether the n-th (0-based) request of the fault's stage fails: exactly p of every 100. */
    boolean faulty(Fault.Stage stage, AtomicLong counter) {
        if (options.fault().stage() != stage || options.faultPercent() == 0) {
            return false;
        }
        long n = counter.getAndIncrement();
        int p = options.faultPercent();
        return (n + 1) * p / 100 > n * p / 100;
    }

    private Object upgrade(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        boolean fail = faulty(Fault.Stage.UPGRADE, upgrades);
        if (fail && options.fault() == Fault.UPGRADE_502) {
            Response.writeError(request, response, callback, 502, "Bad Gateway");
            return null;
        }
        if (fail && options.fault() == Fault.WRONG_SUBPROTOCOL) {
            // a backend that expects another scheme: it understands none of the offered subprotocols
            return new AgentSocket(this, null, true);
        }
        String token = null;
        if (request.hasSubProtocol(AUTH_SUBPROTOCOL)) {
            for (String offered : request.getSubProtocols()) {
                if (offered.startsWith("jwt.")) {
                    token = offered.substring(4);
                }
            }
            response.setAcceptedSubProtocol(AUTH_SUBPROTOCOL);
        }
        String authorization = request.getHeaders().get("Authorization");
        if (token == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = authorization.substring(7).trim();
        }
        if (token == null) {
            Fields query = Request.extractQueryParameters(request);
            token = query.getValue("token");
        }
        if (token == null || token.isEmpty()) {
            reportReceived(request, response);
            Response.writeError(request, response, callback, 401, "missing token");
            return null;
        }
        String subject = tokens.verify(token);
        if (subject == null) {
            reportReceived(request, response);
            Response.writeError(request, response, callback, 403, "invalid or expired token");
            return null;
        }
        tokensSeen.add(token);
        return new AgentSocket(this, subject, false);
    }

    /**
     * What the server has seen so far: sockets opened, logins answered with a token, distinct tokens presented
     * on upgrades (a JWT minted by the client counts here, never at the login), agent runs started.
     */
    public record Stats(long sockets, long logins, long tokens, long runs) {
    }

    public Stats stats() {
        return new Stats(socketsOpened.get(), loginsAnswered.get(), tokensSeen.size(), runsStarted.get());
    }

    public URI statsUrl() {
        return URI.create(httpUrl() + "/stats");
    }

    /**
     * Tells a refused client which request headers arrived (names only, never values), so that it can tell
     * a header stripped on the way — by a proxy or load balancer — from a wrong token.
     */
    private static void reportReceived(ServerUpgradeRequest request, ServerUpgradeResponse response) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        request.getHeaders().forEach(field -> names.add(field.getName().toLowerCase(java.util.Locale.ROOT)));
        response.getHeaders().put(RECEIVED_HEADERS, String.join(", ", names));
    }

    void opened(AgentSocket socket, String user) {
        socketsOpened.incrementAndGet();
        openSockets.put(socket, user);
    }

    void closed(AgentSocket socket) {
        openSockets.remove(socket);
    }

    /** An open socket of a user other than {@code user}, to leak an event into; null when there is none. */
    AgentSocket otherUsersSocket(String user) {
        for (Map.Entry<AgentSocket, String> e : openSockets.entrySet()) {
            if (!e.getValue().equals(user)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** How many events {@link Fault#CROSS_USER_LEAK} delivered to another user's socket. */
    public long leakedEvents() {
        return leaked.get();
    }

    void leakDelivered() {
        leaked.incrementAndGet();
    }

    boolean nextRunFails() {
        runsStarted.incrementAndGet();
        return faulty(Fault.Stage.RUN, runs);
    }

    ScheduledExecutorService agentClock() {
        return agentClock;
    }

    /** {@code /health}, {@code /stats} and {@code /auth/login}; everything else is 404. */
    private final class HttpRoutes extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            if (path.equals("/health") && request.getMethod().equals("GET")) {
                ObjectNode body = JSON.createObjectNode().put("status", "healthy");
                write(response, callback, 200, body);
            } else if (path.equals("/stats") && request.getMethod().equals("GET")) {
                Stats stats = stats();
                write(response, callback, 200, JSON.createObjectNode().put("sockets", stats.sockets())
                        .put("logins", stats.logins()).put("tokens", stats.tokens()).put("runs", stats.runs()));
            } else if (path.equals("/auth/login") && request.getMethod().equals("POST")) {
                login(request, response, callback);
            } else {
                Response.writeError(request, response, callback, 404, "not found");
            }
            return true;
        }

        private void login(Request request, Response response, Callback callback) throws IOException {
            if (faulty(Fault.Stage.LOGIN, logins)) {
                Response.writeError(request, response, callback, 404, "not found");
                return;
            }
            JsonNode body;
            try {
                body = JSON.readTree(Content.Source.asString(request, StandardCharsets.UTF_8));
            } catch (IOException e) {
                write(response, callback, 400, JSON.createObjectNode().put("detail", "body is not JSON"));
                return;
            }
            String email = body == null ? "" : body.path("email").asText(body.path("username").asText(""));
            String password = body == null ? "" : body.path("password").asText("");
            if (email.isEmpty() || !password.equals(options.password())) {
                write(response, callback, 401, JSON.createObjectNode().put("detail", "invalid credentials"));
                return;
            }
            ObjectNode answer = JSON.createObjectNode()
                    .put("access_token", tokens.issue(email))
                    .put("token_type", "bearer")
                    .put("expires_in", TokenService.TTL.toSeconds());
            loginsAnswered.incrementAndGet();
            write(response, callback, 200, answer);
        }

        private void write(Response response, Callback callback, int status, JsonNode body) throws IOException {
            response.setStatus(status);
            response.getHeaders().put("Content-Type", "application/json");
            Content.Sink.write(response, true, JSON.writeValueAsString(body), callback);
        }
    }

    /** Blocks until the server is closed (by a shutdown hook): for {@code serve-reference}. */
    public void awaitClose() throws InterruptedException {
        agentClock.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
    }
}
