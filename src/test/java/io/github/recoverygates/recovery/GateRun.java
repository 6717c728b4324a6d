package io.github.recoverygates.recovery;

import io.github.recoverygates.api.Engine;
import io.github.recoverygates.api.RunRequest;
import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs the recovery gate end to end through the engine, on a config written into a temporary directory. */
final class GateRun {

    final RunResult run;
    final String json;

    private GateRun(RunResult run, String json) {
        this.run = run;
        this.json = json;
    }

    static GateRun of(Path tmp, String yaml, Map<String, String> env) throws IOException, InterruptedException {
        Path root = Files.createDirectories(tmp.resolve("repo"));
        Path config = root.resolve(".recovery-gates.yml");
        Files.writeString(config, yaml, StandardCharsets.UTF_8);
        Path out = tmp.resolve("out");
        RunRequest request = RunRequest.builder("recovery", root, out).config(config).environment(env).formats(List.of("json")).build();
        RunResult result = new Engine(Progress.SILENT).run(request);
        return new GateRun(result, Files.readString(out.resolve("recovery.json"), StandardCharsets.UTF_8));
    }

    GateResult result() {
        return run.result();
    }

    List<Finding> findings(String ruleId) {
        return run.result().findings().stream().filter(f -> f.ruleId().equals(ruleId)).toList();
    }

    List<String> messages(String ruleId) {
        return findings(ruleId).stream().map(Finding::message).toList();
    }

    Number metric(String name) {
        return run.result().metrics().get(name);
    }

    /** The per-check results as the JSON report has them. */
    Map<String, Object> check(String name) throws IOException {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> checks = (List<Map<String, Object>>) ((Map<String, Object>) Json.REPORT
                .readValue(json, Map.class).get("details")).get("checks");
        return checks.stream().filter(c -> name.equals(c.get("name"))).findFirst().orElseThrow();
    }
}
