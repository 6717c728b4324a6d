package io.github.recoverygates.cli;

import io.github.recoverygates.api.Engine;
import io.github.recoverygates.api.RunRequest;
import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.core.Gate;
import io.github.recoverygates.core.Progress;
import io.github.recoverygates.github.GitHubActions;
import io.github.recoverygates.report.Reports;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code <gate> [options]}: runs one gate, writes its reports, prints the summary, exits with the verdict's code. */
@Command(mixinStandardHelpOptions = true, sortOptions = false)
public class GateCommand implements Callable<Integer> {

    private final Gate gate;
    private final PrintStream out;
    private final PrintStream err;

    @Mixin
    CommonOptions options = new CommonOptions();

    public GateCommand(Gate gate, PrintStream out, PrintStream err) {
        this.gate = gate;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        RunRequest request = options.toRequest(gate.name());
        RunResult run = new Engine(Progress.forStderr(err)).run(request);
        out.println(Reports.consoleSummary(run.result(), run.reports(), run.masker()));
        if (options.github) {
            new GitHubActions(System.getenv(), out, request.root()).publish(run.result(), run.reports(), run.masker());
        }
        return run.exitCode();
    }
}
