package io.github.recoverygates.cli;

import io.github.recoverygates.api.Engine;
import io.github.recoverygates.api.RunRequest;
import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Progress;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Verdict;
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
        List<History.Run> trend = new java.util.ArrayList<>(History.read(history));
        History.Run now = History.of(runs.stream().map(RunResult::result).toList(), started);
        trend.add(now);
        GitHubActions github = options.github ? new GitHubActions(System.getenv(), out, request.root()) : null;
        Verdict verdict = publish(runs, trend, request.out(), linkBase(), out, github, "all");
        if (history != null) {
            History.append(history, now);
        }
        return verdict.exitCode();
    }

    /**
     * What {@code all} and {@code demo} do after the gates ran: the dashboard and summary, each
     * gate's console summary and GitHub annotations, and the combined verdict.
     */
    static Verdict publish(List<RunResult> runs, List<History.Run> trend, Path outDir, String linkBase,
                           PrintStream out, GitHubActions github, String command) throws java.io.IOException {
        List<GateResult> results = runs.stream().map(RunResult::result).toList();
        SecretMasker masker = runs.isEmpty() ? new SecretMasker() : runs.get(0).masker();
        Map<String, Path> pages = new Dashboard(linkBase).write(results, trend, outDir, masker);
        for (RunResult run : runs) {
            out.println(Reports.consoleSummary(run.result(), run.reports(), masker));
            if (github != null) {
                github.publish(run.result(), run.reports(), masker);
            }
        }
        if (runs.isEmpty()) {
            out.println(command + ": the config enables no gate (add a syntax:, ssot:, recovery: or goldenPath: section)");
        }
        Verdict verdict = Dashboard.overall(results);
        if (github != null) {
            github.writeOutputs(Map.of("verdict", verdict.name(),
                    "errors", Long.toString(results.stream().mapToLong(r -> r.count(Severity.ERROR)).sum()),
                    "warnings", Long.toString(results.stream().mapToLong(r -> r.count(Severity.WARNING)).sum()),
                    "report-dir", outDir.toAbsolutePath().toString(),
                    "dashboard", pages.get("dashboard").toAbsolutePath().toString()), masker);
        }
        out.println(command + ": " + verdict);
        pages.forEach((k, p) -> out.println("  " + k + ": " + p.toAbsolutePath()));
        return verdict;
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
