package io.github.recoverygates.goldenpath;

import io.github.recoverygates.api.Engine;
import io.github.recoverygates.api.RunRequest;
import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.Progress;
import io.github.recoverygates.core.Threshold;
import io.github.recoverygates.demo.ReferenceServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the gate end to end (config file, engine, reports) against a reference server. */
final class GoldenPathHarness {

    static final String SECRET = "reference-jwt-secret-for-tests-0123456789";
    static final String PASSWORD = "e2e-password-never-printed";

    private GoldenPathHarness() {
    }

    static ReferenceServer.Options healthy() {
        return ReferenceServer.Options.healthy(SECRET, PASSWORD);
    }

    /**
     * A config for the reference server: http login, subprotocol auth; {@code extra} is appended. The deadlines
     * are generous because CI machines (and this one) can be heavily loaded; tests that want a timeout shorten them.
     */
    static String config(ReferenceServer server, int users, int iterations, String extra) {
        return """
                goldenPath:
                  login:
                    http: {url: "%s", body: {email: "e2e-{user}@example.com", password: "${E2E_PASSWORD}"}, tokenPath: "$.access_token"}
                  websocket:
                    url: "%s"
                    auth: subprotocol
                    subprotocols: ["jwt-auth", "jwt.{token}"]
                  send: {type: user_message, payload: {content: "Summarise our Q3 costs", thread_id: "{uuid}"}}
                  expect:
                    timeout: 30s
                    firstEventWithin: 15s
                  load: {users: %d, iterations: %d, rampUp: 0s}
                """.formatted(server.loginUrl(), server.webSocketUrl(), users, iterations) + extra;
    }

    static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("E2E_PASSWORD", PASSWORD);
        env.put("JWT_SECRET_KEY", SECRET);
        return env;
    }

    static RunResult run(Path dir, String yaml, Map<String, String> env) throws IOException, InterruptedException {
        Path root = Files.createDirectories(dir.resolve("repo"));
        Path file = dir.resolve("gates.yml");
        Files.writeString(file, yaml);
        RunRequest request = RunRequest.builder("golden-path", root, dir.resolve("out")).config(file).environment(env).build();
        return new Engine(Progress.SILENT).run(request);
    }

    static RunResult run(Path dir, String yaml) throws IOException, InterruptedException {
        return run(dir, yaml, environment());
    }

    static Threshold threshold(RunResult run, String name) {
        return run.result().thresholds().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no threshold " + name + " in " + run.result().thresholds()));
    }

    static List<Finding> findings(RunResult run, String ruleId) {
        return run.result().findings().stream().filter(f -> f.ruleId().equals(ruleId)).toList();
    }

    static String allReports(RunResult run) throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path report : run.reports().values()) {
            all.append(Files.readString(report)).append('\n');
        }
        return all.toString();
    }
}
