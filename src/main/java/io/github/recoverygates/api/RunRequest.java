package io.github.recoverygates.api;

import io.github.recoverygates.core.FailOn;
import io.github.recoverygates.core.Shard;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One gate run as the CLI, the Jenkins steps and tests ask for it.
 *
 * @param gate        the gate's name: syntax, ssot, recovery, golden-path
 * @param root        the repository to check
 * @param config      the YAML config, or null for {@code <root>/.recovery-gates.yml} when present, else defaults
 * @param out         where reports go
 * @param formats     report formats; empty means all
 * @param cache       the content-hash cache directory, or null
 * @param baseline    an earlier {@code <gate>.json}, or null
 * @param changedFrom a git ref: only files changed since it, or null
 * @param shard       the slice of files to check
 * @param failOn      what fails the gate
 * @param overrides   dotted config keys and values that replace the file's (step parameters, {@code --set})
 * @param environment the variables {@code ${NAME}} reads
 * @param workers     worker count; 0 means one per core
 */
public record RunRequest(String gate, Path root, Path config, Path out, List<String> formats, Path cache,
                         Path baseline, String changedFrom, Shard shard, FailOn failOn,
                         Map<String, Object> overrides, Map<String, String> environment, int workers) {

    public RunRequest {
        formats = formats == null ? List.of() : List.copyOf(formats);
        shard = shard == null ? Shard.ALL : shard;
        failOn = failOn == null ? FailOn.ERROR : failOn;
        overrides = overrides == null ? Map.of() : new LinkedHashMap<>(overrides);
        environment = environment == null ? System.getenv() : Map.copyOf(environment);
    }

    public static RunRequest of(String gate, Path root, Path out) {
        return new RunRequest(gate, root, null, out, List.of(), null, null, null, Shard.ALL, FailOn.ERROR,
                Map.of(), null, 0);
    }

    public RunRequest withConfig(Path file) {
        return new RunRequest(gate, root, file, out, formats, cache, baseline, changedFrom, shard, failOn, overrides, environment, workers);
    }

    public RunRequest withFormats(List<String> list) {
        return new RunRequest(gate, root, config, out, list, cache, baseline, changedFrom, shard, failOn, overrides, environment, workers);
    }

    public RunRequest withCache(Path dir) {
        return new RunRequest(gate, root, config, out, formats, dir, baseline, changedFrom, shard, failOn, overrides, environment, workers);
    }

    public RunRequest withBaseline(Path file) {
        return new RunRequest(gate, root, config, out, formats, cache, file, changedFrom, shard, failOn, overrides, environment, workers);
    }

    public RunRequest withChangedFrom(String ref) {
        return new RunRequest(gate, root, config, out, formats, cache, baseline, ref, shard, failOn, overrides, environment, workers);
    }

    public RunRequest withShard(Shard s) {
        return new RunRequest(gate, root, config, out, formats, cache, baseline, changedFrom, s, failOn, overrides, environment, workers);
    }

    public RunRequest withFailOn(FailOn policy) {
        return new RunRequest(gate, root, config, out, formats, cache, baseline, changedFrom, shard, policy, overrides, environment, workers);
    }

    public RunRequest withOverrides(Map<String, Object> values) {
        return new RunRequest(gate, root, config, out, formats, cache, baseline, changedFrom, shard, failOn, values, environment, workers);
    }

    public RunRequest withEnvironment(Map<String, String> env) {
        return new RunRequest(gate, root, config, out, formats, cache, baseline, changedFrom, shard, failOn, overrides, env, workers);
    }

    public RunRequest withWorkers(int count) {
        return new RunRequest(gate, root, config, out, formats, cache, baseline, changedFrom, shard, failOn, overrides, environment, count);
    }
}
