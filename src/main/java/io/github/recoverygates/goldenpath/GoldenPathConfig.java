package io.github.recoverygates.goldenpath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code goldenPath} section of {@code .recovery-gates.yml}. Every field is optional except
 * {@code login} (exactly one of {@code http}, {@code jwt}, {@code tokenEnv}) and {@code websocket.url};
 * the compact constructors fill the defaults documented in {@code docs/golden-path.md}.
 */
public record GoldenPathConfig(Login login, WebSocketSection websocket, JsonNode send, List<Step> steps, Expect expect,
                               Load load, Thresholds thresholds, Trace trace, List<String> envFiles) {

    static final List<String> FIVE_EVENTS =
            List.of("agent_started", "agent_thinking", "tool_executing", "tool_completed", "agent_completed");

    public GoldenPathConfig {
        login = login == null ? new Login(null, null, null) : login;
        websocket = websocket == null ? new WebSocketSection(null, null, null, null, null, null) : websocket;
        if (send == null || send.isNull()) {
            ObjectNode message = JsonNodeFactory.instance.objectNode().put("type", "user_message");
            message.putObject("payload").put("content", "Summarise our Q3 costs").put("thread_id", "{uuid}");
            send = message;
        }
        steps = steps == null ? List.of() : List.copyOf(steps);
        expect = expect == null ? new Expect(null, null, null, null, null, null, null, null) : expect;
        load = load == null ? new Load(null, null, null, null) : load;
        thresholds = thresholds == null ? new Thresholds(null, null, null, null, null, null) : thresholds;
        envFiles = envFiles == null ? List.of() : envFiles;
    }

    /** How a virtual user gets its token: exactly one of the three. */
    public record Login(HttpLogin http, JwtLogin jwt, String tokenEnv) {
    }

    /** {@code POST url} with a JSON body; the token is read from the answer at {@code tokenPath}. */
    public record HttpLogin(String url, JsonNode body, String tokenPath, Map<String, String> headers, Duration timeout) {
        public HttpLogin {
            tokenPath = tokenPath == null ? "$.access_token" : tokenPath;
            headers = headers == null ? Map.of() : headers;
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
            body = body == null ? JsonNodeFactory.instance.objectNode() : body;
        }
    }

    /** A token minted here, signed with the secret in the environment variable {@code secretEnv}. */
    public record JwtLogin(String secretEnv, String algorithm, JsonNode claims, Duration ttl) {
        public JwtLogin {
            secretEnv = secretEnv == null ? "JWT_SECRET_KEY" : secretEnv;
            algorithm = algorithm == null ? "HS256" : algorithm;
            if (claims == null || claims.isNull()) {
                claims = JsonNodeFactory.instance.objectNode().put("sub", "e2e-{user}");
            }
            ttl = ttl == null ? Duration.ofMinutes(15) : ttl;
        }
    }

    /** How the token travels on the upgrade. */
    public enum Auth { SUBPROTOCOL, HEADER, QUERY, NONE }

    /** A header sent on the upgrade; {@code {token}} in its value is replaced. */
    public record Header(String name, String value) {
        public Header {
            name = name == null ? "Authorization" : name;
            value = value == null ? "Bearer {token}" : value;
        }
    }

    public record WebSocketSection(String url, Auth auth, List<String> subprotocols, Header header,
                                   String queryParam, Duration connectTimeout) {
        public WebSocketSection {
            auth = auth == null ? Auth.SUBPROTOCOL : auth;
            subprotocols = subprotocols == null ? List.of("jwt-auth", "jwt.{token}") : List.copyOf(subprotocols);
            header = header == null ? new Header(null, null) : header;
            queryParam = queryParam == null ? "token" : queryParam;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        }
    }

    public enum Order { STRICT, RELAXED }

    /** What the answer event must carry. {@code event} defaults to the last expected event. */
    public record Answer(String event, String path, Integer minLength, List<String> mustNotContain) {
        public Answer {
            path = path == null ? "$.payload.result.response" : path;
            minLength = minLength == null ? 50 : minLength;
            mustNotContain = mustNotContain == null ? List.of("error", "exception") : List.copyOf(mustNotContain);
        }
    }

    public record Expect(String eventType, List<String> events, Order order, Map<String, List<String>> fields,
                         Answer answer, Duration timeout, Duration firstEventWithin, List<String> identity) {
        public Expect {
            eventType = eventType == null ? "$.type" : eventType;
            events = events == null ? FIVE_EVENTS : List.copyOf(events);
            order = order == null ? Order.STRICT : order;
            if (fields == null) {
                Map<String, List<String>> defaults = new LinkedHashMap<>();
                defaults.put("tool_executing", List.of("$.payload.tool_name"));
                defaults.put("tool_completed", List.of("$.payload.tool_name", "$.payload.results"));
                fields = defaults;
            }
            answer = answer == null ? new Answer(null, null, null, null) : answer;
            timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
            firstEventWithin = firstEventWithin == null ? Duration.ofSeconds(10) : firstEventWithin;
            identity = identity == null ? List.of("$.payload.thread_id", "$.payload.user_id", "$.run_id")
                    : List.copyOf(identity);
        }

        /** The event that ends a journey and carries the answer. */
        String finalEvent() {
            return answer.event() != null ? answer.event() : events.get(events.size() - 1);
        }
    }

    /**
     * One step of the conversation once the socket is open: exactly one of {@code send} (a mapping sent as
     * JSON, a string as is; {@code {correlation}} in it is a fresh id per send) and {@code wait}.
     */
    public record Step(JsonNode send, @com.fasterxml.jackson.annotation.JsonProperty("wait") Wait waitFor) {
    }

    /**
     * Wait for a message: of type {@code event} (any type when absent), whose values at the {@code where}
     * paths equal the given ones (placeholders allowed), whose values at the {@code matches} paths match
     * the regular expressions, and whose value at {@code correlate} is the correlation id of the last send
     * that had one; within {@code within} of the step's start (default {@code expect.timeout}). A message
     * that arrived before the step (since the send before it) counts.
     */
    public record Wait(String event, Map<String, JsonNode> where, Map<String, String> matches, String correlate,
                       Duration within) {
        public Wait {
            where = where == null ? Map.of() : new LinkedHashMap<>(where);
            matches = matches == null ? Map.of() : new LinkedHashMap<>(matches);
        }
    }

    /** Which journey {@code trace} records frame by frame: {@code trace: true} is user 1's first. */
    public record Trace(Integer user, Integer iteration) {
        public Trace {
            user = user == null ? 1 : user;
            iteration = iteration == null ? 1 : iteration;
        }

        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.PROPERTIES)
        static Trace of(@com.fasterxml.jackson.annotation.JsonProperty("user") Integer user,
                        @com.fasterxml.jackson.annotation.JsonProperty("iteration") Integer iteration) {
            return new Trace(user, iteration);
        }

        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
        static Trace on(boolean on) {
            return on ? new Trace(1, 1) : new Trace(0, 0);
        }

        boolean enabled() {
            return user > 0;
        }
    }

    /**
     * What one login and one socket serve: {@code journey} (each journey logs in and opens its own socket) or
     * {@code user} (a virtual user logs in once and runs its iterations on one socket, one after another).
     */
    public enum SessionScope { JOURNEY, USER }

    public record Load(Integer users, Integer iterations, Duration rampUp, SessionScope session) {
        public Load {
            users = users == null ? 10 : users;
            iterations = iterations == null ? 1 : iterations;
            rampUp = rampUp == null ? Duration.ZERO : rampUp;
            session = session == null ? SessionScope.JOURNEY : session;
        }
    }

    /** Limits on one message type's round-trip time (from the send it answers); absent ones are not checked. */
    public record Percentiles(Duration p50, Duration p95, Duration p99, Duration max) {
    }

    /** Limits on a count metric ({@code failures.closed-1011}, {@code journeys.passed}, {@code messages.pong}). */
    public record CountLimit(Long min, Long max) {
    }

    /**
     * Percentages, a latency bound and whether a single cross-user event fails the gate; per message type
     * round-trip percentiles ({@code events}) and limits on counts ({@code counts}).
     */
    public record Thresholds(Double successRate, Double connectRate, Duration p95, Boolean isolation,
                             Map<String, Percentiles> events, Map<String, CountLimit> counts) {
        public Thresholds {
            successRate = successRate == null ? 95.0 : successRate;
            connectRate = connectRate == null ? 99.0 : connectRate;
            p95 = p95 == null ? Duration.ofSeconds(30) : p95;
            isolation = isolation == null ? Boolean.TRUE : isolation;
            events = events == null ? Map.of() : new java.util.TreeMap<>(events);
            counts = counts == null ? Map.of() : new java.util.TreeMap<>(counts);
        }
    }
}
