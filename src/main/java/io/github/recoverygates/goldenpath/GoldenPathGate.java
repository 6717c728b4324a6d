package io.github.recoverygates.goldenpath;

import io.github.recoverygates.core.ParameterType;
import io.github.recoverygates.core.Metric;
import io.github.recoverygates.core.JsonPath;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.nimbusds.jose.JOSEException;
import io.github.recoverygates.core.Config;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.Gate;
import io.github.recoverygates.core.GateDescription;
import io.github.recoverygates.core.GateContext;
import io.github.recoverygates.core.GateException;
import io.github.recoverygates.core.GateOutcome;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.FailOn;
import io.github.recoverygates.core.Shard;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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
    private static final GateDescription DESCRIPTION = GateDescription.of("golden-path", KEY)
            .description("Runs the user journey (login, WebSocket, agent events, answer) for many users at once.")
            .order(4)
            .config(GoldenPathConfig.class)
            .parameter("users", "goldenPath.load.users", ParameterType.INTEGER, "Virtual users at once.")
            .parameter("iterations", "goldenPath.load.iterations", ParameterType.INTEGER, "Journeys per virtual user.")
            .parameter("rampUp", "goldenPath.load.rampUp", ParameterType.DURATION,
                    "How long it takes until every user has started (e.g. 10s).")
            .parameter("successRate", "goldenPath.thresholds.successRate", ParameterType.NUMBER,
                    "Minimum share of journeys that pass, in percent.")
            .parameter("connectRate", "goldenPath.thresholds.connectRate", ParameterType.NUMBER,
                    "Minimum share of WebSocket upgrades that succeed, in percent.")
            .parameter("p95", "goldenPath.thresholds.p95", ParameterType.DURATION,
                    "Maximum 95th percentile of the whole journey (e.g. 30s).")
            .parameter("isolation", "goldenPath.thresholds.isolation", ParameterType.BOOLEAN,
                    "Whether any event delivered to another user fails the gate.")
            .keyMetrics(Metric.count("journeys.total", "journeys"), Metric.count("journeys.passed", "passed"),
                    new Metric("latency.journey.p95", "p95", io.github.recoverygates.core.Unit.MILLISECONDS))
            .trend("success rate")
            .readsNoFiles()
            .build();
    /** Built on first use, not when the service loader instantiates every gate. */
    private static final class Mapper {
        static final ObjectMapper JSON = JsonMapper.builder().build();
    }






    @Override
    public GateDescription describe() {
        return DESCRIPTION;
    }

    @Override
    public void validate(Config config) {
        GoldenPathValidation.validate(config.section(KEY, GoldenPathConfig.class), config);
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
        GoldenPathValidation.validate(settings, config);
        Shard shard = context.shard();
        if (settings.load().users() < shard.count()) {
            throw new ConfigException("--shard " + shard + ": " + KEY + ".load.users is " + settings.load().users()
                    + ", fewer than the " + shard.count() + " shards: every shard needs at least one virtual user");
        }
        Map<String, String> env = config.environment(KEY);
        List<Steps.Step> steps = Steps.of(settings);

        int threads = Math.max(2, Math.min(4, context.workers()));
        commonPoolOfTwo();
        ExecutorService io = Executors.newFixedThreadPool(threads, daemon("golden-path-io"));
        // a journey cancels its deadlines when it ends: removed at once, they do not keep it (and its socket) alive
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, daemon("golden-path-timer"));
        timers.setRemoveOnCancelPolicy(true);
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
                    f -> Transcripts.transcript(byLabel.get(f.label()), context.masker()));
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
            // session: user runs the user's journeys on one login and one socket; session: journey each on its own
            Session session = load.session() == GoldenPathConfig.SessionScope.USER ? new Session(plan, user) : null;
            for (int i = 1; i <= iterations; i++) {
                int iteration = i;
                tail = tail.thenCompose(ignored -> session != null ? session.journey(iteration) : new Journey(plan,
                        new Template(user, iteration, UUID.randomUUID().toString(), null)).run())
                        .thenAccept(record -> {
                            records.add(record);
                            context.progress().advance(1);
                            done.incrementAndGet();
                        });
            }
            if (session != null) {
                tail = tail.whenComplete((ignored, error) -> session.close());
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


    /**
     * The JDK's HttpClient completes every {@code sendAsync} — the WebSocket's opening handshake too — on
     * {@code CompletableFuture}'s default executor; with a common pool of parallelism 1 (two CPUs) that
     * executor starts a new thread per task, one per journey. Two common-pool threads do it without the
     * thread churn; set before the pool exists (it is made with the first HttpClient), unless given.
     */
    private static void commonPoolOfTwo() {
        String key = "java.util.concurrent.ForkJoinPool.common.parallelism";
        if (System.getProperty(key) == null) {
            System.setProperty(key, Integer.toString(Math.max(2, Runtime.getRuntime().availableProcessors() - 1)));
        }
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
