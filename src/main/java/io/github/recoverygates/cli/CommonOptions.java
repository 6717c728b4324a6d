package io.github.recoverygates.cli;

import io.github.recoverygates.api.RunRequest;
import io.github.recoverygates.core.FailOn;
import io.github.recoverygates.core.Shard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every gate command shares; their descriptions are the CLI reference. */
public class CommonOptions {

    @Option(names = "--root", paramLabel = "DIR", description = "Repository to check (default: current directory).")
    Path root = Path.of(".");

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML config (default: <root>/.recovery-gates.yml when present, else built-in defaults).")
    Path config;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where reports go (default: ./recovery-gates-report, or a temporary directory when that would be inside --root).")
    Path out;

    @Option(names = "--format", paramLabel = "LIST", split = ",",
            description = "Report formats: json,sarif,junit,md,html (default: all).")
    List<String> formats = new ArrayList<>();

    @Option(names = "--cache", paramLabel = "DIR", description = "Content-hash cache for incremental runs.")
    Path cache;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "An earlier <gate>.json: report new / fixed / still failing findings.")
    Path baseline;

    @Option(names = "--changed-from", paramLabel = "REF", description = "Only files changed since a git ref (PR mode).")
    String changedFrom;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Check the I-th of N deterministic slices of the files (I from 1); `merge` joins shard reports.")
    String shard;

    @Option(names = "--github", description = "Also speak GitHub Actions: annotations, step summary, outputs.")
    boolean github;

    @Option(names = "--fail-on", paramLabel = "LEVEL",
            description = "error (default) | warning | new (only findings absent from --baseline fail).")
    String failOn = "error";

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a config value, e.g. --set ssot.threshold=90 (values are read as YAML).")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--workers", paramLabel = "N", description = "Worker threads/processes (default: one per core).")
    int workers;

    /** The report directory: the given one, or the default when it does not fall inside the checked root. */
    Path outDir(Path checkedRoot) {
        if (out != null) {
            return out;
        }
        Path fallback = Path.of("recovery-gates-report").toAbsolutePath().normalize();
        if (!fallback.startsWith(checkedRoot.toAbsolutePath().normalize())) {
            return fallback;
        }
        String name = checkedRoot.toAbsolutePath().normalize().getFileName() == null ? "root"
                : checkedRoot.toAbsolutePath().normalize().getFileName().toString();
        return Path.of(System.getProperty("java.io.tmpdir"), "recovery-gates-report", name);
    }

    RunRequest toRequest(String gate) {
        Map<String, Object> overrides = new LinkedHashMap<>();
        set.forEach((k, v) -> overrides.put(k, YamlValue.parse(k, v)));
        return new RunRequest(gate, root, config, outDir(root), formats, cache, baseline, changedFrom,
                shard == null ? Shard.ALL : Shard.parse(shard), FailOn.parse(failOn), overrides, System.getenv(), workers);
    }
}
