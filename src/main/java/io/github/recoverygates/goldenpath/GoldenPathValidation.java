package io.github.recoverygates.goldenpath;

import io.github.recoverygates.core.Config;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.JsonPath;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The golden-path config mistakes binding cannot see: each becomes a config error naming the file, line and key. */
final class GoldenPathValidation {

    private static final String KEY = GoldenPathGate.KEY;
    private static final Set<String> MAC_ALGORITHMS = Set.of("HS256", "HS384", "HS512");

    private GoldenPathValidation() {
    }

    /** Mistakes binding cannot see: they become config errors naming the file, line and key. */
    static void validate(GoldenPathConfig s, Config config) {
        login(s, config);
        websocket(s, config);
        expect(s, config);
        load(s, config);
        validateSteps(s, config);
        trace(s, config);
        thresholds(s, config);
    }

    private static void login(GoldenPathConfig s, Config config) {
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
    }

    private static void websocket(GoldenPathConfig s, Config config) {
        String p = "/" + KEY;
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
    }

    private static void expect(GoldenPathConfig s, Config config) {
        String p = "/" + KEY;
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
    }

    private static void load(GoldenPathConfig s, Config config) {
        String p = "/" + KEY;
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
    }

    private static void trace(GoldenPathConfig s, Config config) {
        String p = "/" + KEY;
        GoldenPathConfig.Load load = s.load();
        if (s.trace() != null && s.trace().enabled()) {
            if (s.trace().user() > load.users() || s.trace().iteration() < 1 || s.trace().iteration() > load.iterations()) {
                fail(config, p + "/trace", "trace", "user " + s.trace().user() + " iteration " + s.trace().iteration()
                        + " is not a journey of this load (" + load.users() + " users × " + load.iterations() + ")");
            }
        }
    }

    private static void thresholds(GoldenPathConfig s, Config config) {
        String p = "/" + KEY;
        java.util.Set<String> measured = new java.util.LinkedHashSet<>(s.expect().events());
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
}
