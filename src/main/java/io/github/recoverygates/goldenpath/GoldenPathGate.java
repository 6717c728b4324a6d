package io.github.recoverygates.goldenpath;

import io.github.recoverygates.core.ParameterType;
import io.github.recoverygates.core.Metric;
import io.github.recoverygates.core.GateParameter;
import io.github.recoverygates.core.JsonPath;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.nimbusds.jose.JOSEException;
import io.github.recoverygates.core.Config;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.Gate;
import io.github.recoverygates.core.GateContext;
import io.github.recoverygates.core.GateException;
import io.github.recoverygates.core.GateOutcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * goldenPathGate: the seeds' one journey — log in, open the WebSocket with the token, send a
 * message, watch the agent's events until a real answer — for {@code users} virtual users at
 * once, {@code iterations} times each. Thresholds on the success rate, the upgrade success rate,
 * the journey p95 and isolation decide the verdict; each failure class becomes one finding.
 */
public final class GoldenPathGate implements Gate {

    static final String KEY = "goldenPath";
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Set<String> MAC_ALGORITHMS = Set.of("HS256", "HS384", "HS512");

    @Override
    public String name() {
        return "golden-path";
    }

    @Override
    public String configKey() {
        return KEY;
    }

    @Override
    public String description() {
        return "Runs the user journey (login, WebSocket, agent events, answer) for many users at once.";
    }

    @Override
    public int order() {
        return 4;
    }

    @Override
    public void validate(Config config) {
        validate(config.section(KEY, GoldenPathConfig.class), config);
    }

    @Override
    public List<GateParameter> parameters() {
        return List.of(
                new GateParameter("users", "goldenPath.load.users", ParameterType.INTEGER, "Virtual users at once."),
                new GateParameter("iterations", "goldenPath.load.iterations", ParameterType.INTEGER,
                        "Journeys per virtual user."),
                new GateParameter("rampUp", "goldenPath.load.rampUp", ParameterType.DURATION,
                        "How long it takes until every user has started (e.g. 10s)."),
                new GateParameter("successRate", "goldenPath.thresholds.successRate", ParameterType.NUMBER,
                        "Minimum share of journeys that pass, in percent."),
                new GateParameter("connectRate", "goldenPath.thresholds.connectRate", ParameterType.NUMBER,
                        "Minimum share of WebSocket upgrades that succeed, in percent."),
                new GateParameter("p95", "goldenPath.thresholds.p95", ParameterType.DURATION,
                        "Maximum 95th percentile of the whole journey (e.g. 30s)."),
                new GateParameter("isolation", "goldenPath.thresholds.isolation", ParameterType.BOOLEAN,
                        "Whether any event delivered to another user fails the gate."));
    }

    @Override
    public List<Metric> keyMetrics() {
        return List.of(Metric.count("journeys.total", "journeys"), Metric.count("journeys.passed", "passed"),
                new Metric("latency.p95", "p95", io.github.recoverygates.core.Unit.MILLISECONDS));
    }

    @Override
    public String trendLabel() {
        return "success rate";
    }

    @Override
    public boolean readsFiles() {
        return false;
    }

    @Override
    public GateOutcome run(GateContext context) throws GateException, InterruptedException {
        Config config = context.config();
        if (!config.hasSection(KEY)) {
            throw new io.github.recoverygates.core.ConfigException(config.source() + ": no " + KEY
                    + ": section, so there is no journey to run: add one with the login, the WebSocket URL and the "
                    + "events to expect (see " + docs() + "; `init` writes a starter, `serve-reference` a server to try it on)");
        }
        GoldenPathConfig settings = config.section(KEY, GoldenPathConfig.class);
        validate(settings, config);
        Map<String, String> env = config.environment(KEY);

        int threads = Math.max(2, Math.min(4, context.workers()));
        ExecutorService io = Executors.newFixedThreadPool(threads, daemon("golden-path-io"));
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("golden-path-timer"));
        try {
            HttpClient client = HttpClient.newBuilder()
                    .executor(io)
                    .connectTimeout(settings.websocket().connectTimeout())
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
            TokenSource tokens = tokenSource(settings, config, env, client, context);
            Journey.Plan plan = new Journey.Plan(client, timers, JSON, tokens, settings.websocket(), settings.send(),
                    settings.expect(), JsonPath.parse(settings.expect().eventType()));
            long t0 = System.nanoTime();
            List<JourneyRecord> records = runLoad(settings, plan, timers, context);
            long wallMs = (System.nanoTime() - t0) / 1_000_000;
            List<JourneyJudge.Judged> judged = new JourneyJudge(settings.expect()).judge(records);
            return new GoldenPathReport(settings, context.masker()).outcome(judged, wallMs);
        } finally {
            timers.shutdownNow();
            io.shutdownNow();
        }
    }

    /** Starts user u after u/users of the ramp-up; each user runs its iterations one after another. */
    private static List<JourneyRecord> runLoad(GoldenPathConfig settings, Journey.Plan plan,
                                               ScheduledExecutorService timers, GateContext context)
            throws GateException, InterruptedException {
        GoldenPathConfig.Load load = settings.load();
        int users = load.users();
        int iterations = load.iterations();
        List<JourneyRecord> records = Collections.synchronizedList(new ArrayList<>(Math.min(users * iterations, 4096)));
        context.progress().start("golden path journeys", (long) users * iterations);
        AtomicInteger done = new AtomicInteger();
        List<CompletableFuture<Void>> userChains = new ArrayList<>(users);
        long rampMillis = load.rampUp().toMillis();
        for (int u = 1; u <= users; u++) {
            int user = u;
            long delay = users <= 1 ? 0 : rampMillis * (u - 1) / users;
            CompletableFuture<Void> chain = new CompletableFuture<>();
            timers.schedule(() -> chain.complete(null), delay, TimeUnit.MILLISECONDS);
            CompletableFuture<Void> tail = chain;
            for (int i = 1; i <= iterations; i++) {
                int iteration = i;
                tail = tail.thenCompose(ignored -> new Journey(plan,
                        new Template(user, iteration, UUID.randomUUID().toString(), null)).run())
                        .thenAccept(record -> {
                            records.add(record);
                            context.progress().advance(1);
                            done.incrementAndGet();
                        });
            }
            userChains.add(tail);
        }
        Duration perJourney = settings.expect().timeout().plus(settings.websocket().connectTimeout())
                .plus(settings.login().http() == null ? Duration.ZERO : settings.login().http().timeout())
                .plusSeconds(5);
        long budget = rampMillis + perJourney.toMillis() * iterations;
        try {
            CompletableFuture.allOf(userChains.toArray(CompletableFuture[]::new)).get(budget, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new GateException("only " + done.get() + " of " + (users * iterations)
                    + " journeys finished within " + budget + " ms; the run was stopped");
        } catch (ExecutionException e) {
            throw new GateException("a journey failed inside the gate: " + Causes.describe(e));
        } finally {
            context.progress().finish();
        }
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    private static TokenSource tokenSource(GoldenPathConfig settings, Config config, Map<String, String> env,
                                           HttpClient client, GateContext context) {
        GoldenPathConfig.Login login = settings.login();
        if (login.http() != null) {
            return new TokenSource.Http(client, login.http(), context.masker(), JSON);
        }
        if (login.jwt() != null) {
            String name = login.jwt().secretEnv();
            String secret = env.get(name);
            if (secret == null || secret.isEmpty()) {
                throw new ConfigException(config.where("/" + KEY + "/login/jwt/secretEnv") + ": " + KEY
                        + ".login.jwt.secretEnv: environment variable " + name + " is not set");
            }
            context.masker().register(secret);
            try {
                return new TokenSource.Jwt(login.jwt(), secret, context.masker(), JSON);
            } catch (JOSEException e) {
                throw new ConfigException(config.where("/" + KEY + "/login/jwt") + ": " + KEY
                        + ".login.jwt: the secret in " + name + " cannot sign " + login.jwt().algorithm()
                        + " (" + e.getMessage().replace(secret, "***") + ")");
            }
        }
        if (login.tokenEnv() != null) {
            String token = env.get(login.tokenEnv());
            if (token == null || token.isEmpty()) {
                throw new ConfigException(config.where("/" + KEY + "/login/tokenEnv") + ": " + KEY
                        + ".login.tokenEnv: environment variable " + login.tokenEnv() + " is not set");
            }
            context.masker().register(token);
            return new TokenSource.Fixed(token);
        }
        return TokenSource.none();
    }

    /** Mistakes binding cannot see: they become config errors naming the file, line and key. */
    static void validate(GoldenPathConfig s, Config config) {
        String p = "/" + KEY;
        GoldenPathConfig.Login login = s.login();
        int ways = (login.http() != null ? 1 : 0) + (login.jwt() != null ? 1 : 0) + (login.tokenEnv() != null ? 1 : 0);
        if (ways > 1 || ways == 0 && s.websocket().auth() != GoldenPathConfig.Auth.NONE) {
            fail(config, p + "/login", "login", "give exactly one of http, jwt, tokenEnv"
                    + (ways == 0 ? " (or websocket.auth: none)" : ""));
        }
        if (login.http() != null) {
            if (login.http().url() == null || !login.http().url().matches("(?i)https?://.+")) {
                fail(config, p + "/login/http/url", "login.http.url", "an http:// or https:// URL is required");
            }
            path(config, p + "/login/http/tokenPath", "login.http.tokenPath", login.http().tokenPath());
            positive(config, p + "/login/http/timeout", "login.http.timeout", login.http().timeout());
        }
        if (login.jwt() != null) {
            if (!MAC_ALGORITHMS.contains(login.jwt().algorithm().toUpperCase(java.util.Locale.ROOT))) {
                fail(config, p + "/login/jwt/algorithm", "login.jwt.algorithm", "'" + login.jwt().algorithm()
                        + "' is not supported (allowed: HS256, HS384, HS512)");
            }
            if (!login.jwt().claims().isObject()) {
                fail(config, p + "/login/jwt/claims", "login.jwt.claims", "expected a mapping of claims");
            }
            positive(config, p + "/login/jwt/ttl", "login.jwt.ttl", login.jwt().ttl());
        }
        GoldenPathConfig.WebSocketSection ws = s.websocket();
        if (ws.url() == null || ws.url().isBlank()) {
            fail(config, p + "/websocket", "websocket.url", "the WebSocket URL is required, e.g. ws://127.0.0.1:8000/ws");
        }
        try {
            URI uri = URI.create(ws.url().replace("{", "%7B").replace("}", "%7D"));
            if (!"ws".equalsIgnoreCase(uri.getScheme()) && !"wss".equalsIgnoreCase(uri.getScheme())) {
                fail(config, p + "/websocket/url", "websocket.url", "'" + ws.url() + "' is not a ws:// or wss:// URL");
            }
        } catch (IllegalArgumentException e) {
            fail(config, p + "/websocket/url", "websocket.url", "'" + ws.url() + "' is not a URL: " + e.getMessage());
        }
        if (ws.auth() == GoldenPathConfig.Auth.SUBPROTOCOL && ws.subprotocols().isEmpty()) {
            fail(config, p + "/websocket/subprotocols", "websocket.subprotocols", "auth: subprotocol needs at least one subprotocol");
        }
        positive(config, p + "/websocket/connectTimeout", "websocket.connectTimeout", ws.connectTimeout());
        if (!s.send().isObject() && !s.send().isTextual()) {
            fail(config, p + "/send", "send", "expected the message as a mapping (sent as JSON) or a string");
        }
        GoldenPathConfig.Expect expect = s.expect();
        if (expect.events().isEmpty()) {
            fail(config, p + "/expect/events", "expect.events", "list at least one event");
        }
        path(config, p + "/expect/eventType", "expect.eventType", expect.eventType());
        expect.fields().forEach((event, paths) -> paths.forEach(path ->
                path(config, p + "/expect/fields/" + event, "expect.fields." + event, path)));
        expect.identity().forEach(path -> path(config, p + "/expect/identity", "expect.identity", path));
        path(config, p + "/expect/answer/path", "expect.answer.path", expect.answer().path());
        if (expect.answer().minLength() < 0) {
            fail(config, p + "/expect/answer/minLength", "expect.answer.minLength", "must be 0 or more");
        }
        positive(config, p + "/expect/timeout", "expect.timeout", expect.timeout());
        positive(config, p + "/expect/firstEventWithin", "expect.firstEventWithin", expect.firstEventWithin());
        GoldenPathConfig.Load load = s.load();
        if (load.users() < 1 || load.users() > 10_000) {
            fail(config, p + "/load/users", "load.users", "must be 1..10000, not " + load.users());
        }
        if (load.iterations() < 1 || load.iterations() > 100_000) {
            fail(config, p + "/load/iterations", "load.iterations", "must be 1..100000, not " + load.iterations());
        }
        if ((long) load.users() * load.iterations() > 1_000_000) {
            fail(config, p + "/load", "load", "users × iterations must not exceed 1000000 journeys");
        }
        if (load.rampUp().isNegative()) {
            fail(config, p + "/load/rampUp", "load.rampUp", "must not be negative");
        }
        percent(config, p + "/thresholds/successRate", "thresholds.successRate", s.thresholds().successRate());
        percent(config, p + "/thresholds/connectRate", "thresholds.connectRate", s.thresholds().connectRate());
        positive(config, p + "/thresholds/p95", "thresholds.p95", s.thresholds().p95());
    }

    private static void path(Config config, String pointer, String key, String path) {
        try {
            JsonPath.parse(path);
        } catch (IllegalArgumentException e) {
            fail(config, pointer, key, e.getMessage());
        }
    }

    private static void positive(Config config, String pointer, String key, Duration d) {
        if (d.isZero() || d.isNegative()) {
            fail(config, pointer, key, "must be a positive duration, e.g. 10s");
        }
    }

    private static void percent(Config config, String pointer, String key, double value) {
        if (value < 0 || value > 100) {
            fail(config, pointer, key, "a percentage 0..100, not " + value);
        }
    }

    private static void fail(Config config, String pointer, String key, String message) {
        throw new ConfigException(config.where(pointer) + ": " + KEY + "." + key + ": " + message);
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
