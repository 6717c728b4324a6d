package io.github.recoverygates.cli;

import io.github.recoverygates.api.Engine;
import io.github.recoverygates.api.RunRequest;
import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Progress;
import io.github.recoverygates.core.Verdict;
import io.github.recoverygates.demo.Demo;
import io.github.recoverygates.demo.Fault;
import io.github.recoverygates.render.ConsoleText;
import io.github.recoverygates.render.History;
import io.github.recoverygates.render.Links;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: every gate on the bundled example monorepo, with the recovery and golden-path
 * gates pointed at the built-in reference auth/agent server on an ephemeral port.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run every gate on examples/monorepo against the built-in reference server, then write the dashboard.",
        footer = {"", "Examples:", "  java -jar recovery-gates.jar demo",
                "  java -jar recovery-gates.jar demo --fault DROP_EVENT --fault-percent 30"})
public class DemoCommand implements Callable<Integer> {

    private final PrintStream out;
    private final PrintStream err;

    @Option(names = "--root", paramLabel = "DIR", description = "The example repository (default: examples/monorepo).")
    Path root = Path.of("examples", "monorepo");

    @Option(names = "--out", paramLabel = "DIR", description = "Where reports go (default: ./recovery-gates-report/demo).")
    Path outDir = Path.of("recovery-gates-report", "demo");

    @Option(names = "--fault", paramLabel = "NAME",
            description = "Make the reference server misbehave: ${COMPLETION-CANDIDATES} (default: NONE).")
    Fault fault = Fault.NONE;

    @Option(names = "--fault-percent", paramLabel = "P", description = "Share of journeys the fault hits (default: 100).")
    int faultPercent = 100;

    @Option(names = "--users", paramLabel = "N", description = "Concurrent golden-path users (default: 20).")
    int users = 20;

    public DemoCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        try (Demo demo = Demo.start(root, outDir, fault, faultPercent, users)) {
            RunRequest request = RunRequest.builder("all", root, outDir).config(demo.config())
                    .environment(demo.environment()).build();
            Output output = new Output(out, null, false, false);
            output.line("demo: reference server on " + demo.server().httpUrl()
                    + (fault == Fault.NONE ? "" : " with fault " + fault));
            Instant started = Instant.now();
            List<RunResult> runs = new Engine(Progress.forStderr(err)).runAll(request);
            List<GateResult> results = runs.stream().map(RunResult::result).toList();
            AllCommand.publish(runs, List.of(History.of(results, started)), outDir, Links.NONE, output, null, "demo");
            output.line("demo: the config it ran: " + ConsoleText.safe(demo.config().toAbsolutePath().toString()));
            output.line("demo: the example plants syntax and ssot problems on purpose; see "
                    + ConsoleText.safe(root.resolve("EXPECTED.md").toString()));
            boolean ran = results.stream().noneMatch(r -> r.verdict() == Verdict.ERROR);
            return ran ? 0 : 3;
        }
    }
}
