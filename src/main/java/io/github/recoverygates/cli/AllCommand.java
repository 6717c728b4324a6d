package io.github.recoverygates.cli;

import io.github.recoverygates.api.Engine;
import io.github.recoverygates.api.RunRequest;
import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Progress;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.dashboard.Dashboard;
import io.github.recoverygates.dashboard.History;
import io.github.recoverygates.github.GitHubActions;
import io.github.recoverygates.report.Reports;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code all}: every gate the config enables, in the seeds' order, then summary.md and dashboard.html. */
@Command(name = "all", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run every gate the config enables (recovery, syntax, ssot, golden path), then write summary.md and dashboard.html.")
public class AllCommand implements Callable<Integer> {

    private final PrintStream out;
    private final PrintStream err;

    @Mixin
    CommonOptions options = new CommonOptions();

    @Option(names = "--history", paramLabel = "DIR",
            description = "Keep this run's metrics in DIR and draw trend lines from the earlier runs there.")
    Path history;

    @Option(names = "--link-base", paramLabel = "URL",
            description = "Prefix of file links in the dashboard (default: the commit's blob URL on GitHub Actions, else none).")
    String linkBase;

    public AllCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        RunRequest request = options.toRequest("all");
        Instant started = Instant.now();
        List<RunResult> runs = new Engine(Progress.forStderr(err)).runAll(request);
        List<GateResult> results = runs.stream().map(RunResult::result).toList();
        SecretMasker masker = runs.isEmpty() ? new SecretMasker() : runs.get(0).masker();
        List<History.Run> earlier = History.read(history);
        History.Run now = History.of(results, started);
        List<History.Run> trend = new java.util.ArrayList<>(earlier);
        trend.add(now);
        Map<String, Path> pages = new Dashboard(linkBase()).write(results, trend, request.out(), masker);
        if (history != null) {
            History.append(history, now);
        }
        for (RunResult run : runs) {
            out.println(Reports.consoleSummary(run.result(), run.reports()));
            if (options.github) {
                new GitHubActions(System.getenv(), out).publish(run.result(), run.reports(), run.masker());
            }
        }
        if (runs.isEmpty()) {
            out.println("all: the config enables no gate (add a syntax:, ssot:, recovery: or goldenPath: section)");
        }
        out.println("all: " + Dashboard.overall(results));
        pages.forEach((k, p) -> out.println("  " + k + ": " + p));
        return Dashboard.overall(results).exitCode();
    }

    private String linkBase() {
        if (linkBase != null) {
            return linkBase;
        }
        Map<String, String> env = System.getenv();
        if (env.get("GITHUB_SERVER_URL") != null && env.get("GITHUB_REPOSITORY") != null && env.get("GITHUB_SHA") != null) {
            return env.get("GITHUB_SERVER_URL") + "/" + env.get("GITHUB_REPOSITORY") + "/blob/" + env.get("GITHUB_SHA") + "/";
        }
        return null;
    }
}
