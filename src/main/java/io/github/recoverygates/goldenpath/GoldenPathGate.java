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
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.FailOn;
import io.github.recoverygates.core.Shard;
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
    /** Built on first use, not when the service loader instantiates every gate. */
    private static final class Mapper {
        static final ObjectMapper JSON = JsonMapper.builder().build();
    }
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
    public Class<?> configType() {
        return GoldenPathConfig.class;
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
                new Metric("latency.journey.p95", "p95", io.github.recoverygates.core.Unit.MILLISECONDS));
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
        Shard shard = context.shard();
        if (settings.load().users() < shard.count()) {
            throw new ConfigException("--shard " + shard + ": " + KEY + ".load.users is " + settings.load().users()
                    + ", fewer than the " + shard.count() + " shards: every shard needs at least one virtual user");
        }
        Map<String, String> env = config.environment(KEY);
        List<Steps.Step> steps = Steps.of(settings);

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
            Journey.Plan plan = new Journey.Plan(client, timers, Mapper.JSON, tokens, settings.websocket(), steps,
                    settings.expect(), JsonPath.parse(settings.expect().eventType()), settings.trace(), context.masker());
            long t0 = System.nanoTime();
            List<JourneyRecord> records = runLoad(settings, plan, timers, context);
            long wallMs = (System.nanoTime() - t0) / 1_000_000;
            JourneyJudge.Rules rules = JourneyJudge.Rules.of(settings.expect(), Steps.waitedTypes(steps));
            JourneyFacts.Compiled compiled = JourneyFacts.Compiled.of(settings.expect());
            Map<String, JourneyRecord> byLabel = new java.util.HashMap<>();
            List<JourneyFacts> facts = new ArrayList<>(records.size());
            for (JourneyRecord r : records) {
                byLabel.put(r.label(), r);
                facts.add(JourneyFacts.of(r, settings.expect(), compiled, context.masker()));
            }
            List<JourneyJudge.Judged> judged = new JourneyJudge(rules).judge(facts);
            List<JourneyRecord.TraceLine> trace = records.stream().map(JourneyRecord::trace).filter(t -> !t.isEmpty())
                    .findFirst().orElse(List.of());
            GoldenPathReport.Plan reportPlan = new GoldenPathReport.Plan(settings.load().users(),
                    settings.load().iterations(), shard.index(), shard.count(), digest(config), rules,
                    rttTypes(rules), settings.thresholds());
            GoldenPathReport report = new GoldenPathReport(reportPlan, context.masker(),
                    f -> GoldenPathReport.transcript(byLabel.get(f.label()), context.masker()));
            return report.outcome(judged, wallMs, trace, shard.count() > 1);
        } finally {
            timers.shutdownNow();
            io.shutdownNow();
        }
    }

    /** The message types whose round trips are reported: the expected events and the ones a step waits for. */
    private static List<String> rttTypes(JourneyJudge.Rules rules) {
        java.util.LinkedHashSet<String> types = new java.util.LinkedHashSet<>(rules.events());
        types.addAll(rules.waited());
        return List.copyOf(types);
    }

    /** A digest of the section as written (variables unresolved): equal in every shard of one run. */
    private static String digest(Config config) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(
                    Mapper.JSON.writeValueAsBytes(config.rawSection(KEY)));
            return java.util.HexFormat.of().formatHex(d, 0, 8);
        } catch (java.security.NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts user u after u/users of the ramp-up; each user runs its iterations one after another; a shard runs its users only. */
    private static List<JourneyRecord> runLoad(GoldenPathConfig settings, Journey.Plan plan,
                                               ScheduledExecutorService timers, GateContext context)
            throws GateException, InterruptedException {
        GoldenPathConfig.Load load = settings.load();
        int users = load.users();
        int iterations = load.iterations();
        Shard shard = context.shard();
        List<Integer> mine = new ArrayList<>();
        for (int u = 1; u <= users; u++) {
            if (ownedBy(shard, u)) {
                mine.add(u);
            }
        }
        List<JourneyRecord> records = Collections.synchronizedList(new ArrayList<>(Math.min(mine.size() * iterations, 4096)));
        context.progress().start("golden path journeys", (long) mine.size() * iterations);
        AtomicInteger done = new AtomicInteger();
        List<CompletableFuture<Void>> userChains = new ArrayList<>(mine.size());
        long rampMillis = load.rampUp().toMillis();
        for (int u : mine) {
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
            throw new GateException("only " + done.get() + " of " + (mine.size() * iterations)
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

    /** Shard I of N runs the virtual users I, I+N, I+2N, …: each user keeps its number (and so its e-mail, its JWT subject). */
    static boolean ownedBy(Shard shard, int user) {
        return (user - 1) % shard.count() == shard.index() - 1;
    }

    /**
     * Judges every journey of the run again from the shards' facts — isolation across shards included —
     * and rebuilds the report and verdict as one run would have made them, with exact percentiles.
     */
    @Override
    public GateResult afterMerge(GateResult merged, List<GateResult> shards, FailOn failOn) {
        return ShardReports.merge(merged, shards, failOn);
    }

    private static TokenSource tokenSource(GoldenPathConfig settings, Config config, Map<String, String> env,
                                           HttpClient client, GateContext context) {
        GoldenPathConfig.Login login = settings.login();
        if (login.http() != null) {
            return new TokenSource.Http(client, login.http(), context.masker(), Mapper.JSON);
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
                return new TokenSource.Jwt(login.jwt(), secret, context.masker(), Mapper.JSON);
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
        validateSteps(s, config);
        if (s.trace() != null && s.trace().enabled()) {
            if (s.trace().user() > load.users() || s.trace().iteration() < 1 || s.trace().iteration() > load.iterations()) {
                fail(config, p + "/trace", "trace", "user " + s.trace().user() + " iteration " + s.trace().iteration()
                        + " is not a journey of this load (" + load.users() + " users × " + load.iterations() + ")");
            }
        }
        java.util.Set<String> measured = new java.util.LinkedHashSet<>(expect.events());
        Steps.waitedTypes(Steps.of(s)).forEach(measured::add);
        s.thresholds().events().forEach((type, limits) -> {
            String at = p + "/thresholds/events/" + type;
            if (!measured.contains(type)) {
                fail(config, at, "thresholds.events." + type, "round trips are measured for the expected and waited-for"
                        + " messages only: " + String.join(", ", measured));
            }
            if (limits == null || limits.p50() == null && limits.p95() == null && limits.p99() == null && limits.max() == null) {
                fail(config, at, "thresholds.events." + type, "give at least one of p50, p95, p99, max");
            }
            for (Duration d : java.util.Arrays.asList(limits.p50(), limits.p95(), limits.p99(), limits.max())) {
                if (d != null) {
                    positive(config, at, "thresholds.events." + type, d);
                }
            }
        });
        s.thresholds().counts().forEach((metric, limit) -> {
            String at = p + "/thresholds/counts/" + metric;
            if (!COUNTS.contains(metric) && COUNT_FAMILIES.stream().noneMatch(f -> metric.startsWith(f) && metric.length() > f.length())) {
                fail(config, at, "thresholds.counts." + metric, "not a count of this gate (one of " + String.join(", ", COUNTS)
                        + ", or failures.<class>, messages.<type>)");
            }
            if (metric.startsWith("messages.") && !measured.contains(metric.substring("messages.".length()))) {
                fail(config, at, "thresholds.counts." + metric, "messages are counted for the expected and waited-for"
                        + " types only: " + String.join(", ", measured));
            }
            if (limit == null || limit.min() == null && limit.max() == null) {
                fail(config, at, "thresholds.counts." + metric, "give min, max or both");
            }
            if (limit.min() != null && limit.min() < 0 || limit.max() != null && limit.max() < 0) {
                fail(config, at, "thresholds.counts." + metric, "limits are counts: 0 or more");
            }
        });
        percent(config, p + "/thresholds/successRate", "thresholds.successRate", s.thresholds().successRate());
        percent(config, p + "/thresholds/connectRate", "thresholds.connectRate", s.thresholds().connectRate());
        positive(config, p + "/thresholds/p95", "thresholds.p95", s.thresholds().p95());
    }

    /** The count metrics a threshold may name, and the families of the open-ended ones. */
    private static final List<String> COUNTS = List.of("journeys.total", "journeys.passed", "journeys.failed",
            "upgrades.attempted", "upgrades.ok", "isolation.leakedEvents", "isolation.journeys", "events.unexpected");
    private static final List<String> COUNT_FAMILIES = List.of("failures.", "messages.");

    private static void validateSteps(GoldenPathConfig s, Config config) {
        String p = "/" + KEY;
        com.fasterxml.jackson.databind.JsonNode raw = config.rawSection(KEY);
        if (raw != null && raw.has("steps") && raw.has("send")) {
            fail(config, p + "/steps", "steps", "give either send (one message, then wait for the final event) or steps");
        }
        if (raw != null && raw.has("steps") && s.steps().isEmpty()) {
            fail(config, p + "/steps", "steps", "list at least one step");
        }
        boolean correlated = false;
        for (int i = 0; i < s.steps().size(); i++) {
            GoldenPathConfig.Step step = s.steps().get(i);
            String at = p + "/steps/" + i;
            String key = "steps." + i;
            if (step == null || (step.send() == null) == (step.waitFor() == null)) {
                fail(config, at, key, "a step is exactly one of send: <message> or wait: {event, where, matches, correlate, within}");
            }
            if (step.send() != null) {
                if (!step.send().isObject() && !step.send().isTextual()) {
                    fail(config, at + "/send", key + ".send", "expected the message as a mapping (sent as JSON) or a string");
                }
                correlated |= Template.usesCorrelation(step.send());
                continue;
            }
            GoldenPathConfig.Wait w = step.waitFor();
            if (w.within() != null) {
                positive(config, at + "/wait/within", key + ".wait.within", w.within());
            }
            w.where().keySet().forEach(path -> path(config, at + "/wait/where", key + ".wait.where", path));
            w.matches().forEach((path, regex) -> {
                path(config, at + "/wait/matches", key + ".wait.matches", path);
                try {
                    java.util.regex.Pattern.compile(regex);
                } catch (java.util.regex.PatternSyntaxException e) {
                    fail(config, at + "/wait/matches", key + ".wait.matches", "'" + regex + "' is not a regular expression: "
                            + e.getDescription());
                }
            });
            if (w.correlate() != null) {
                path(config, at + "/wait/correlate", key + ".wait.correlate", w.correlate());
                if (!correlated) {
                    fail(config, at + "/wait/correlate", key + ".wait.correlate", "no send before this step carries "
                            + "{correlation}, so there is no id to correlate with");
                }
            }
        }
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
