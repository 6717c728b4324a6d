package io.github.recoverygates.api;

import io.github.recoverygates.core.FailOn;
import io.github.recoverygates.core.FilterMode;
import io.github.recoverygates.core.Shard;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One gate run as the CLI, the CI steps and tests ask for it; made with {@link #builder}. Each
 * field is one of the {@link RunOption}s.
 *
 * @param gate        the gate's name: syntax, ssot, recovery, golden-path (or all)
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
 * @param environment the variables {@code ${NAME}} reads, and the environment of every child process
 * @param workers     worker count; 0 means one per core
 * @param origins     for each override, who set it ({@code --set ssot.threshold}, {@code parameter 'threshold'})
 * @param filterMode  which findings a "new only" gate counts against the change, or null (all; annotations
 *                    still put the change's lines first)
 * @param strictBaseline whether stale baseline entries fail the gate
 */
public record RunRequest(String gate, Path root, Path config, Path out, List<String> formats, Path cache,
                         Path baseline, String changedFrom, Shard shard, FailOn failOn,
                         Map<String, Object> overrides, Map<String, String> environment, int workers,
                         Map<String, String> origins, FilterMode filterMode, boolean strictBaseline) {

    public RunRequest {
        formats = formats == null ? List.of() : List.copyOf(formats);
        shard = shard == null ? Shard.ALL : shard;
        failOn = failOn == null ? FailOn.ERROR : failOn;
        overrides = overrides == null ? Map.of() : new LinkedHashMap<>(overrides);
        environment = environment == null ? System.getenv() : Map.copyOf(environment);
        origins = origins == null ? Map.of() : Map.copyOf(origins);
    }

    /** Who set the override {@code key}, for messages. */
    public String origin(String key) {
        return origins.getOrDefault(key, "--set " + key);
    }

    /** A run of {@code gate} on {@code root}, reports to {@code out}; everything else as the defaults. */
    public static Builder builder(String gate, Path root, Path out) {
        return new Builder(gate, root, out);
    }

    public Builder toBuilder() {
        return new Builder(gate, root, out).config(config).formats(formats).cache(cache).baseline(baseline)
                .changedFrom(changedFrom).shard(shard).failOn(failOn).overrides(overrides).environment(environment)
                .workers(workers).origins(origins).filterMode(filterMode).strictBaseline(strictBaseline);
    }

    /** Builds a {@link RunRequest}. */
    public static final class Builder {
        private String gate;
        private Path root;
        private Path out;
        private Path config;
        private List<String> formats = List.of();
        private Path cache;
        private Path baseline;
        private String changedFrom;
        private Shard shard = Shard.ALL;
        private FailOn failOn = FailOn.ERROR;
        private Map<String, Object> overrides = Map.of();
        private Map<String, String> environment;
        private int workers;
        private Map<String, String> origins = Map.of();
        private FilterMode filterMode;
        private boolean strictBaseline;

        private Builder(String gate, Path root, Path out) {
            this.gate = gate;
            this.root = root;
            this.out = out;
        }

        public Builder gate(String value) {
            gate = value;
            return this;
        }

        public Builder root(Path value) {
            root = value;
            return this;
        }

        public Builder out(Path value) {
            out = value;
            return this;
        }

        public Builder config(Path value) {
            config = value;
            return this;
        }

        public Builder formats(List<String> value) {
            formats = value;
            return this;
        }

        public Builder cache(Path value) {
            cache = value;
            return this;
        }

        public Builder baseline(Path value) {
            baseline = value;
            return this;
        }

        public Builder changedFrom(String value) {
            changedFrom = value;
            return this;
        }

        public Builder shard(Shard value) {
            shard = value;
            return this;
        }

        public Builder failOn(FailOn value) {
            failOn = value;
            return this;
        }

        public Builder overrides(Map<String, Object> value) {
            overrides = value;
            return this;
        }

        public Builder environment(Map<String, String> value) {
            environment = value;
            return this;
        }

        public Builder workers(int value) {
            workers = value;
            return this;
        }

        public Builder origins(Map<String, String> value) {
            origins = value;
            return this;
        }

        public Builder filterMode(FilterMode value) {
            filterMode = value;
            return this;
        }

        public Builder strictBaseline(boolean value) {
            strictBaseline = value;
            return this;
        }

        public RunRequest build() {
            return new RunRequest(gate, root, config, out, formats, cache, baseline, changedFrom, shard, failOn,
                    overrides, environment, workers, origins, filterMode, strictBaseline);
        }
    }
}
