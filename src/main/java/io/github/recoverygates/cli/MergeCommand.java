package io.github.recoverygates.cli;

import io.github.recoverygates.api.Engine;
import io.github.recoverygates.api.RunRequest;
import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.FailOn;
import io.github.recoverygates.core.Progress;
import io.github.recoverygates.render.GitHubActions;
import io.github.recoverygates.render.Reports;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code merge DIR…}: joins the shard reports of one gate into one report and verdict. */
@Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Join the <gate>.json reports of --shard runs (files or directories) into one report and verdict.")
public class MergeCommand implements Callable<Integer> {

    private final PrintStream out;

    @Parameters(arity = "1..*", paramLabel = "REPORT|DIR", description = "Shard reports, or directories holding them.")
    List<Path> inputs;

    @Option(names = "--gate", paramLabel = "NAME", description = "Which gate's reports to take from directories (default: the only one there).")
    String gate;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where the merged reports go (default: $RUNNER_TEMP or $WORKSPACE_TMP when set, else a new private directory).")
    Path outDir;

    @Option(names = "--format", paramLabel = "LIST", split = ",", description = "Report formats (default: all).")
    List<String> formats = new ArrayList<>();

    @Option(names = "--fail-on", paramLabel = "LEVEL", description = "error (default) | warning | new.")
    String failOn = "error";

    @Option(names = "--github", description = "Also speak GitHub Actions: annotations, step summary, outputs.")
    boolean github;

    public MergeCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        List<Path> reports = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                reports.addAll(reportsIn(input));
            } else if (Files.isRegularFile(input)) {
                reports.add(input);
            } else {
                throw new ConfigException("merge: " + input + " does not exist");
            }
        }
        RunRequest request = RunRequest.builder(gate == null ? "merge" : gate, Path.of("."), outDir)
                .formats(Reports.checkFormats(formats)).failOn(FailOn.parse(failOn)).environment(System.getenv()).build();
        RunResult run = new Engine(Progress.SILENT).merge(reports, request);
        GitHubActions actions = github ? new GitHubActions(System.getenv(), out) : null;
        new Output(out, actions, false, false).summary(run);
        if (actions != null) {
            actions.publish(run.result(), run.reports(), run.masker(), "");
        }
        return run.exitCode();
    }

    private List<Path> reportsIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> json = files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> gate == null || p.getFileName().toString().equals(gate + ".json"))
                    .sorted().toList();
            if (json.isEmpty()) {
                throw new ConfigException("merge: no " + (gate == null ? "" : gate) + ".json report in " + dir);
            }
            if (json.size() > 1) {
                throw new ConfigException("merge: " + dir + " holds several reports (" + json.size() + "); say which with --gate");
            }
            return json;
        }
    }
}
