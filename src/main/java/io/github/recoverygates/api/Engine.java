package io.github.recoverygates.api;

import io.github.recoverygates.core.Baseline;
import io.github.recoverygates.core.ChangedFiles;
import io.github.recoverygates.core.Config;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.ConfigLoader;
import io.github.recoverygates.core.Gate;
import io.github.recoverygates.core.GateContext;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.GateRunner;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.Progress;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.ShardMerge;
import io.github.recoverygates.core.Workspace;
import io.github.recoverygates.report.Reports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The programmatic entry to the gates, shared by the CLI and the Jenkins steps: load the config,
 * walk the workspace, run the gate, write the reports. Gates are found through the {@link Gate} SPI.
 */
public final class Engine {

    private final Progress progress;

    public Engine(Progress progress) {
        this.progress = progress == null ? Progress.SILENT : progress;
    }

    /** Every installed gate, in the seeds' order (recovery, syntax, ssot, golden path). */
    public static List<Gate> gates() {
        return ServiceLoader.load(Gate.class, Engine.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparingInt(Gate::order))
                .toList();
    }

    public static Gate gate(String name) {
        return gates().stream().filter(g -> g.name().equals(name)).findFirst()
                .orElseThrow(() -> new ConfigException("unknown gate '" + name + "' (installed: "
                        + gates().stream().map(Gate::name).collect(Collectors.joining(", ")) + ")"));
    }

    public static Set<String> sectionKeys() {
        return gates().stream().map(Gate::configKey).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Loads the config a request names (or finds), with its overrides applied. */
    public static Config loadConfig(RunRequest request, Path root, SecretMasker masker) {
        Path configFile = request.config() == null ? null : request.config().toAbsolutePath().normalize();
        Config config = ConfigLoader.load(configFile, root, request.environment(), masker, sectionKeys());
        for (Map.Entry<String, Object> e : request.overrides().entrySet()) {
            config = config.with(e.getKey(), Json.REPORT.valueToTree(e.getValue()));
        }
        return config;
    }

    /**
     * Runs one gate. User mistakes (a bad config, a missing root or baseline) throw
     * {@link ConfigException}; a gate that cannot run gives an ERROR result with exit code 3.
     */
    public RunResult run(RunRequest request) throws InterruptedException {
        Gate gate = gate(request.gate());
        Prepared prepared = prepare(request);
        return runPrepared(gate, request, prepared, request.baseline());
    }

    /**
     * Runs every gate the config enables, in the seeds' order (recovery, syntax, ssot, golden path),
     * sharing one config load and one workspace walk. {@code request.baseline()} may name a directory
     * of earlier reports ({@code <gate>.json} in it) or nothing.
     */
    public List<RunResult> runAll(RunRequest request) throws InterruptedException {
        Prepared prepared = prepare(request);
        List<RunResult> results = new java.util.ArrayList<>();
        for (Gate gate : gates()) {
            if (!gate.enabledBy(prepared.config())) {
                continue;
            }
            Path baseline = request.baseline();
            if (baseline != null && Files.isDirectory(baseline)) {
                baseline = baseline.resolve(gate.name() + ".json");
                baseline = Files.exists(baseline) ? baseline : null;
            }
            results.add(runPrepared(gate, request, prepared, baseline));
        }
        return results;
    }

    /** Joins shard reports of one gate ({@code --shard I/N} runs) into one report, written like a run's. */
    public RunResult merge(List<Path> shardReports, RunRequest request) {
        List<GateResult> shards = new java.util.ArrayList<>();
        for (Path p : shardReports) {
            try {
                shards.add(Json.REPORT.readValue(p.toFile(), GateResult.class));
            } catch (IOException e) {
                throw new ConfigException("merge: cannot read report " + p + ": " + e.getMessage(), e);
            }
        }
        GateResult generic = ShardMerge.merge(shards, request.failOn());
        GateResult merged = gates().stream().filter(g -> g.name().equals(shards.get(0).gate())).findFirst()
                .map(g -> g.afterMerge(generic, shards)).orElse(generic);
        SecretMasker masker = new SecretMasker();
        return new RunResult(merged, writeReports(merged, request, masker, null), merged.verdict().exitCode(), masker);
    }

    private record Prepared(Path root, Config config, Workspace workspace, Set<String> changed, SecretMasker masker) {
    }

    private Prepared prepare(RunRequest request) {
        Path root = request.root().toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new ConfigException("--root " + request.root() + " is not a directory");
        }
        SecretMasker masker = new SecretMasker();
        Config config = loadConfig(request, root, masker);
        Path out = request.out().toAbsolutePath().normalize();
        Workspace workspace = new Workspace(root, config.excludes(), out.startsWith(root) ? out : null);
        Set<String> changed = request.changedFrom() == null ? null : ChangedFiles.since(root, request.changedFrom(), request.environment());
        return new Prepared(root, config, workspace, changed, masker);
    }

    private RunResult runPrepared(Gate gate, RunRequest request, Prepared prepared, Path baselineFile)
            throws InterruptedException {
        Baseline baseline = baselineFile == null ? null : Baseline.load(baselineFile, gate.name());
        GateContext context = new GateContext(prepared.root(), prepared.config(), prepared.workspace(),
                request.shard(), prepared.changed(),
                request.cache() == null ? null : request.cache().toAbsolutePath().normalize(),
                progress, prepared.masker(), request.environment(), request.workers());
        GateResult result = new GateRunner().run(gate, context, request.failOn(), baseline);
        return new RunResult(result, writeReports(result, request, prepared.masker(), prepared.root()),
                result.verdict().exitCode(), prepared.masker());
    }

    private static Map<String, Path> writeReports(GateResult result, RunRequest request, SecretMasker masker, Path root) {
        Path out = request.out().toAbsolutePath().normalize();
        try {
            Files.createDirectories(out);
            return Reports.write(result, request.formats().isEmpty() ? Reports.FORMATS : request.formats(), out, masker, root);
        } catch (IOException e) {
            throw new ConfigException("cannot write reports to --out " + out + ": " + e.getMessage(), e);
        }
    }
}
