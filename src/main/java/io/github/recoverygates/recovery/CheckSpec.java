package io.github.recoverygates.recovery;

import io.github.recoverygates.core.JsonPath;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One entry of {@code recovery.checks}.
 *
 * @param name            unique name, used by {@code dependsOn} and in every message
 * @param type            http, tcp, redis, postgres, websocket or command
 * @param url             http(s)://, ws(s)://, redis(s)://, postgres(ql):// or jdbc:postgresql://, tcp://host:port
 * @param host            tcp: host (alternative to url)
 * @param port            tcp: port (alternative to url)
 * @param timeout         deadline of one attempt (default 5s)
 * @param critical        false: failing makes the system degraded (WARN), not failed (default true)
 * @param dependsOn       checks that must be up before this one is tried
 * @param expect          what counts as up
 * @param headers         http/websocket: request headers
 * @param caFile          https/wss/rediss: PEM file of the CA to trust, relative to the root
 * @param followRedirects http: follow redirects (default false: a redirect is what the server answered)
 * @param command         command: the program and its arguments; a single string with spaces runs through sh -c
 */
public record CheckSpec(String name, CheckType type, String url, String host, Integer port, Duration timeout,
                        Boolean critical, List<String> dependsOn, Expect expect, Map<String, String> headers,
                        String caFile, Boolean followRedirects, List<String> command) {

    public CheckSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("every check needs a name");
        }
        if (type == null) {
            throw new IllegalArgumentException("check '" + name + "' needs a type (http, tcp, redis, postgres, websocket, command)");
        }
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("check '" + name + "': timeout must be positive");
        }
        critical = critical == null ? Boolean.TRUE : critical;
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        expect = expect == null ? new Expect(null, null, null, null, null, null, null, null) : expect;
        headers = headers == null ? Map.of() : new TreeMap<>(headers);
        followRedirects = followRedirects == null ? Boolean.FALSE : followRedirects;
        command = command == null ? List.of() : List.copyOf(command);
        switch (type) {
            case HTTP, WEBSOCKET, REDIS, POSTGRES -> {
                if (url == null) {
                    throw new IllegalArgumentException("check '" + name + "' (" + type + ") needs a url");
                }
            }
            case TCP -> {
                if (url == null && (host == null || port == null)) {
                    throw new IllegalArgumentException("check '" + name + "' (tcp) needs a url tcp://host:port or host and port");
                }
            }
            case COMMAND -> {
                if (command.isEmpty()) {
                    throw new IllegalArgumentException("check '" + name + "' (command) needs a command");
                }
            }
        }
    }

    /**
     * What an answer must look like.
     *
     * @param status       http: accepted status codes (default any 2xx)
     * @param bodyContains http: text the body must contain
     * @param jsonPath     http: a path such as {@code $.status} or {@code $.checks[0].state} into a JSON body
     * @param equalTo      http: the value at {@code jsonPath} (key {@code equals}); without it the path must exist
     * @param health       http: a JSON body's values by path ({@code status: healthy}, {@code checks.redis: ok};
     *                     a path without {@code $} is read from the body's top), every one must match
     * @param maxLatency   any type: an answer slower than this is a failure
     * @param exitCode     command: the expected exit code (default 0)
     * @param openFor      websocket: how long the socket must stay open after the upgrade (default 0: closed at once)
     */
    public record Expect(List<Integer> status, String bodyContains, String jsonPath,
                         @JsonProperty("equals") JsonNode equalTo, JsonNode health, Duration maxLatency,
                         Integer exitCode, Duration openFor) {
        public Expect {
            status = status == null ? List.of() : List.copyOf(status);
            exitCode = exitCode == null ? 0 : exitCode;
            if (jsonPath != null) {
                JsonPath.parse(jsonPath);
            }
            health = health == null || health.isNull() ? null : health;
            healthRules(health);
            openFor = openFor == null ? Duration.ZERO : openFor;
            if (openFor.isNegative()) {
                throw new IllegalArgumentException("expect.openFor must not be negative");
            }
        }

        /** One value a health answer must have: {@code checks.redis == ok}. */
        record HealthRule(String key, JsonPath path, JsonNode expected) {
            @Override
            public String toString() {
                return key + " == " + (expected.isTextual() ? expected.asText() : expected.toString());
            }
        }

        /** The {@code health} rules, in order. */
        List<HealthRule> healthRules() {
            return healthRules(health);
        }

        /**
         * {@code health} as a mapping ({@code {status: healthy, checks.redis: ok}}) or a list of
         * {@code "path == value"} strings; a path without {@code $} is read from the body's top.
         */
        private static List<HealthRule> healthRules(JsonNode health) {
            if (health == null) {
                return List.of();
            }
            List<HealthRule> rules = new java.util.ArrayList<>();
            if (health.isObject()) {
                health.fields().forEachRemaining(e -> rules.add(rule(e.getKey(), e.getValue())));
            } else if (health.isArray()) {
                for (JsonNode item : health) {
                    String text = item.asText("");
                    int eq = text.indexOf("==");
                    if (!item.isTextual() || eq <= 0) {
                        throw new IllegalArgumentException("expect.health: expected 'path == value', got " + item);
                    }
                    rules.add(rule(text.substring(0, eq).strip(),
                            com.fasterxml.jackson.databind.node.TextNode.valueOf(text.substring(eq + 2).strip())));
                }
            } else {
                throw new IllegalArgumentException("expect.health: expected a mapping of path: value, or a list of 'path == value'");
            }
            return List.copyOf(rules);
        }

        private static HealthRule rule(String key, JsonNode expected) {
            return new HealthRule(key, JsonPath.parse(key.startsWith("$") ? key : "$." + key), expected);
        }
    }
}
