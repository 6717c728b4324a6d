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
        Path root = request.root().toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new ConfigException("--root " + request.root() + " is not a directory");
        }
        SecretMasker masker = new SecretMasker();
        Config config = loadConfig(request, root, masker);
        Path out = request.out().toAbsolutePath().normalize();
        Workspace workspace = new Workspace(root, config.excludes(), out.startsWith(root) ? out : null);
        Set<String> changed = request.changedFrom() == null ? null : ChangedFiles.since(root, request.changedFrom());
        Baseline baseline = request.baseline() == null ? null : Baseline.load(request.baseline(), gate.name());
        GateContext context = new GateContext(root, config, workspace, request.shard(), changed,
                request.cache() == null ? null : request.cache().toAbsolutePath().normalize(),
                progress, masker, request.environment(), request.workers());
        GateResult result = new GateRunner().run(gate, context, request.failOn(), baseline);
        Map<String, Path> reports;
        try {
            Files.createDirectories(out);
            reports = Reports.write(result, request.formats().isEmpty() ? Reports.FORMATS : request.formats(), out, masker);
        } catch (IOException e) {
            throw new ConfigException("cannot write reports to --out " + out + ": " + e.getMessage(), e);
        }
        return new RunResult(result, reports, result.verdict().exitCode(), masker);
    }
}
