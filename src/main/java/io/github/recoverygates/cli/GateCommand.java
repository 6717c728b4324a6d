package io.github.recoverygates.cli;

import io.github.recoverygates.api.Engine;
import io.github.recoverygates.api.RunOptions;
import io.github.recoverygates.api.RunRequest;
import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.core.Gate;
import io.github.recoverygates.core.Progress;
import io.github.recoverygates.render.GitHubActions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** {@code <gate> [options]}: runs one gate, writes its reports, prints the summary, exits with the verdict's code. */
@Command(mixinStandardHelpOptions = true, sortOptions = false)
public class GateCommand implements Callable<Integer> {

    private final Gate gate;
    private final PrintStream out;
    private final PrintStream err;

    @Spec
    CommandSpec spec;

    public GateCommand(Gate gate, PrintStream out, PrintStream err) {
        this.gate = gate;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        ParseResult parsed = spec.commandLine().getParseResult();
        RunRequest request = request(gate.name(), parsed);
        boolean quiet = RunOptionsCli.flag(parsed, RunOptionsCli.QUIET);
        RunResult run = new Engine(quiet ? Progress.SILENT : Progress.forStderr(err)).run(request);
        GitHubActions github = RunOptionsCli.flag(parsed, RunOptionsCli.GITHUB)
                ? new GitHubActions(System.getenv(), out, request.root()).filter(request.filterMode()) : null;
        new Output(out, github, quiet, RunOptionsCli.flag(parsed, RunOptionsCli.VERBOSE)).summary(run);
        if (github != null) {
            github.publish(run.result(), run.reports(), run.masker(), "");
        }
        return run.exitCode();
    }

    /** The request the run options on the command line describe. */
    static RunRequest request(String gate, ParseResult parsed) {
        return RunOptions.commandLine().apply(RunOptionsCli.values(parsed),
                RunRequest.builder(gate, Path.of("."), null).environment(System.getenv()), new LinkedHashMap<>()).build();
    }
}
