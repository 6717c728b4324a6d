package io.github.recoverygates.api;

import io.github.recoverygates.core.Baseline;
import io.github.recoverygates.core.ChangedFiles;
import io.github.recoverygates.core.ChangedLines;
import io.github.recoverygates.core.FilterMode;
import io.github.recoverygates.core.RunPolicy;
import io.github.recoverygates.core.Config;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.ConfigLoader;
import io.github.recoverygates.core.Gate;
import io.github.recoverygates.core.GateContext;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.GateRunner;
import io.github.recoverygates.core.Gates;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.Progress;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.ShardMerge;
import io.github.recoverygates.core.Workspace;
import io.github.recoverygates.render.Reports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The programmatic entry to the gates, shared by the CLI and the CI steps: load the config,
 * walk the workspace, run the gate, write the reports. Gates are found through the {@link Gate} SPI.
 */
public final class Engine {

    private final Progress progress;

    public Engine(Progress progress) {
        this.progress = progress == null ? Progress.SILENT : progress;
    }

    /** Every installed gate, in the seeds' order (recovery, syntax, ssot, golden path). */
    public static List<Gate> gates() {
        return Gates.all();
    }

    public static Gate gate(String name) {
        return Gates.named(name);
    }

    public static Set<String> sectionKeys() {
        return gates().stream().map(Gate::configKey).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Loads the config a request names (or finds), with its overrides applied and checked exactly as
     * the file's own values are: an unknown key or a wrong type is a usage error naming the override.
     */
    public static Config loadConfig(RunRequest request, Path root, SecretMasker masker) {
        Path configFile = request.config() == null ? null : request.config().toAbsolutePath().normalize();
        Config config = ConfigLoader.load(configFile, root, request.environment(), masker, sectionKeys());
        Set<String> allowed = new TreeSet<>(ConfigLoader.TOP_LEVEL);
        allowed.addAll(sectionKeys());
        Set<Gate> touched = new java.util.LinkedHashSet<>();
        for (Map.Entry<String, Object> e : request.overrides().entrySet()) {
            String top = e.getKey().split("\\.", 2)[0];
            if (!allowed.contains(top)) {
                throw new ConfigException(request.origin(e.getKey()) + ": unknown key '" + top + "'"
                        + io.github.recoverygates.core.Suggest.didYouMean(top, allowed)
                        + " (allowed: " + String.join(", ", allowed) + ")");
            }
            config = config.with(e.getKey(), Json.REPORT.valueToTree(e.getValue()), request.origin(e.getKey()));
            gates().stream().filter(g -> g.configKey().equals(top)).forEach(touched::add);
        }
        for (Gate g : touched) {
            g.validate(config);
        }
        config.excludes(); // checks the globs of exclude and extendExclude, wherever they came from
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
        List<RunResult> results = new ArrayList<>();
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

    /** The report directory a request writes to: its own {@code out}, else {@link ReportDir#choose}. */
    public static Path reportDir(RunRequest request) {
        return request.out() != null ? request.out().toAbsolutePath().normalize()
                : ReportDir.choose(request.environment());
    }

    /** Joins shard reports of one gate ({@code --shard I/N} runs) into one report, written like a run's. */
    public RunResult merge(List<Path> shardReports, RunRequest request) {
        List<GateResult> shards = new ArrayList<>();
        for (Path p : shardReports) {
            try {
                shards.add(Reports.read(p));
            } catch (IOException e) {
                throw new ConfigException("merge: cannot read report " + p + ": " + e.getMessage(), e);
            }
        }
        GateResult generic = ShardMerge.merge(shards, request.failOn());
        GateResult merged = Gates.find(shards.get(0).gate()).map(g -> g.afterMerge(generic, shards, request.failOn())).orElse(generic);
        SecretMasker masker = new SecretMasker();
        Path out = reportDir(request);
        return new RunResult(merged, writeReports(merged, request, out, masker, null), merged.verdict().exitCode(),
                masker, out);
    }

    private record Prepared(Path root, Config config, Workspace workspace, Set<String> changed, SecretMasker masker,
                            Path out, ChangedLines changes) {
    }

    private Prepared prepare(RunRequest request) {
        Path root = request.root().toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new ConfigException("--root " + request.root() + " is not a directory");
        }
        SecretMasker masker = new SecretMasker();
        Config config = loadConfig(request, root, masker);
        Set<String> changed = request.changedFrom() == null ? null
                : ChangedFiles.since(root, request.changedFrom(), request.environment());
        Path out = reportDir(request);
        Workspace workspace = new Workspace(root, config.excludes(), out.startsWith(root) ? out : null);
        return new Prepared(root, config, workspace, changed, masker, out, changes(request, root));
    }

    /**
     * The change under review: against {@code --changed-from}, else the pull request's base. An explicit
     * filter mode needs it (a missing base is a usage error); otherwise a base the clone lacks is no diff.
     */
    private static ChangedLines changes(RunRequest request, Path root) {
        String base = ChangedLines.base(request.changedFrom(), request.environment());
        boolean needed = request.filterMode() != null && request.filterMode() != FilterMode.NOFILTER;
        if (base == null) {
            if (needed) {
                throw new ConfigException("--filter-mode " + request.filterMode().id() + " needs the change's base: give "
                        + "--changed-from REF (on a pull request, GITHUB_BASE_REF or CHANGE_TARGET gives it)");
            }
            return null;
        }
        try {
            return ChangedLines.against(root, base, request.environment(), needed ? "--filter-mode" : "the pull request's base");
        } catch (ConfigException e) {
            if (needed) {
                throw e;
            }
            return null;
        }
    }

    private RunResult runPrepared(Gate gate, RunRequest request, Prepared prepared, Path baselineFile)
            throws InterruptedException {
        Baseline baseline = baselineFile == null ? null : Baseline.load(baselineFile, gate.name());
        GateContext context = new GateContext(prepared.root(), prepared.config(), prepared.workspace(),
                request.shard(), prepared.changed(),
                request.cache() == null ? null : request.cache().toAbsolutePath().normalize(),
                progress, prepared.masker(), request.environment(), request.workers(), null, prepared.changes());
        GateResult result = new GateRunner().run(gate, context,
                new RunPolicy(request.failOn(), baseline, request.filterMode(), request.strictBaseline()));
        return new RunResult(result, writeReports(result, request, prepared.out(), prepared.masker(), prepared.root()),
                result.verdict().exitCode(), prepared.masker(), prepared.out());
    }

    private static Map<String, Path> writeReports(GateResult result, RunRequest request, Path out, SecretMasker masker,
                                                  Path root) {
        try {
            ReportDir.create(out);
            return Reports.write(result, request.formats().isEmpty() ? Reports.FORMATS : request.formats(), out, masker, root);
        } catch (IOException e) {
            throw new ConfigException("cannot write reports to " + out + ": " + e.getMessage(), e);
        }
    }
}
