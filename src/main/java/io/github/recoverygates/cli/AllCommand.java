package io.github.recoverygates.cli;

import io.github.recoverygates.api.Engine;
import io.github.recoverygates.api.RunRequest;
import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Gates;
import io.github.recoverygates.core.Progress;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.Verdict;
import io.github.recoverygates.render.ConsoleText;
import io.github.recoverygates.render.Dashboard;
import io.github.recoverygates.render.GitHubActions;
import io.github.recoverygates.render.History;
import io.github.recoverygates.render.Links;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** {@code all}: every gate the config enables, in the seeds' order, then summary.md and dashboard.html. */
@Command(name = "all", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run every gate the config enables (recovery, syntax, ssot, golden path), then write summary.md and dashboard.html.",
        footer = {"", "Examples:",
                "  java -jar recovery-gates.jar all --root . --history .recovery-gates/history",
                "  java -jar recovery-gates.jar all --github --link-base https://github.com/o/r/blob/main"})
public class AllCommand implements Callable<Integer> {

    private final PrintStream out;
    private final PrintStream err;

    @Spec
    CommandSpec spec;

    @Option(names = "--history", paramLabel = "DIR",
            description = "Keep this run's metrics in DIR and draw trend lines from the earlier runs there.")
    Path history;

    @Option(names = "--link-base", paramLabel = "URL",
            description = "Base URL of file links in the dashboard, an http(s) blob URL such as https://github.com/o/r/blob/main "
                    + "(default: the commit's blob URL on GitHub Actions, else none).")
    String linkBase;

    public AllCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        ParseResult parsed = spec.commandLine().getParseResult();
        RunRequest request = GateCommand.request("all", parsed);
        if (linkBase != null && !Links.isWeb(linkBase)) {
            throw new ConfigException("--link-base must be an http(s) URL, got '" + linkBase + "'");
        }
        boolean quiet = RunOptionsCli.flag(parsed, RunOptionsCli.QUIET);
        Instant started = Instant.now();
        List<RunResult> runs = new Engine(quiet ? Progress.SILENT : Progress.forStderr(err)).runAll(request);
        List<History.Run> trend = new java.util.ArrayList<>(History.read(history));
        History.Run now = History.of(runs.stream().map(RunResult::result).toList(), started);
        trend.add(now);
        GitHubActions github = RunOptionsCli.flag(parsed, RunOptionsCli.GITHUB)
                ? new GitHubActions(System.getenv(), out, request.root()).filter(request.filterMode()) : null;
        Links links = linkBase != null ? new Links(linkBase, "") : github != null ? github.links() : Links.NONE;
        Output output = new Output(out, github, quiet, RunOptionsCli.flag(parsed, RunOptionsCli.VERBOSE));
        Verdict verdict = publish(runs, trend, Engine.reportDir(request), links, output, github, "all");
        if (history != null) {
            History.append(history, now);
        }
        return verdict.exitCode();
    }

    /**
     * What {@code all} and {@code demo} do after the gates ran: the dashboard and summary, each
     * gate's console summary and GitHub annotations (outputs named per gate), and the combined verdict.
     */
    static Verdict publish(List<RunResult> runs, List<History.Run> trend, Path outDir, Links links,
                           Output output, GitHubActions github, String command) throws java.io.IOException {
        List<GateResult> results = runs.stream().map(RunResult::result).toList();
        SecretMasker masker = runs.isEmpty() ? new SecretMasker() : runs.get(0).masker();
        Map<String, Path> pages = new Dashboard(links, Gates.all()).write(results, trend, outDir, masker);
        for (RunResult run : runs) {
            output.summary(run);
            if (github != null) {
                github.publish(run.result(), run.reports(), run.masker(), run.result().gate() + "-");
            }
        }
        for (io.github.recoverygates.core.Gate g : Gates.all()) {
            if (results.stream().noneMatch(r -> r.gate().equals(g.name()))) {
                output.line(g.name() + ": not configured — add a " + g.configKey() + ": section to run it (see "
                        + g.docs() + ")");
            }
        }
        Verdict verdict = Dashboard.overall(results);
        if (github != null) {
            Map<String, String> outputs = new LinkedHashMap<>();
            outputs.put("verdict", verdict.name());
            outputs.put("errors", Long.toString(results.stream().mapToLong(r -> r.count(Severity.ERROR)).sum()));
            outputs.put("warnings", Long.toString(results.stream().mapToLong(r -> r.count(Severity.WARNING)).sum()));
            outputs.put("report-dir", outDir.toAbsolutePath().toString());
            outputs.put("dashboard", pages.get("dashboard").toAbsolutePath().toString());
            github.writeOutputs(outputs, masker);
        }
        output.line(command + ": " + verdict);
        pages.forEach((k, p) -> output.line("  " + k + ": " + ConsoleText.safe(p.toAbsolutePath().toString())));
        return verdict;
    }
}
