package io.github.recoverygates.cli;

import io.github.recoverygates.api.Engine;
import io.github.recoverygates.api.RunRequest;
import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.Progress;
import io.github.recoverygates.core.Verdict;
import io.github.recoverygates.dashboard.History;
import io.github.recoverygates.reference.Fault;
import io.github.recoverygates.reference.ReferenceServer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: every gate on the bundled example monorepo, with the recovery and golden-path
 * gates pointed at the built-in reference auth/agent server on an ephemeral port.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run every gate on examples/monorepo against the built-in reference server, then write the dashboard.")
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
        Path config = root.resolve(".recovery-gates.yml");
        if (!Files.isRegularFile(config)) {
            throw new ConfigException("demo: " + config + " not found; run it from the repository's root or pass --root");
        }
        SecureRandom random = new SecureRandom();
        String secret = HexFormat.of().formatHex(random.generateSeed(24));
        String password = HexFormat.of().formatHex(random.generateSeed(8));
        ReferenceServer.Options options = ReferenceServer.Options.healthy(secret, password)
                .with(fault, fault == Fault.NONE ? 0 : faultPercent);
        try (ReferenceServer server = ReferenceServer.start(options, 0)) {
            Path demoConfig = Files.createTempFile("recovery-gates-demo", ".yml");
            try {
                Files.writeString(demoConfig, Files.readString(config) + "\n" + recoverySection(server)
                        + server.goldenPathSection(users, 2));
                Map<String, String> env = new HashMap<>(System.getenv());
                env.put("JWT_SECRET_KEY", secret);
                env.put("E2E_PASSWORD", password);
                env.put("DEMO_AUTH_URL", server.httpUrl().toString());
                RunRequest request = RunRequest.of("all", root, outDir).withConfig(demoConfig).withEnvironment(env);
                out.println("demo: reference server on " + server.httpUrl() + (fault == Fault.NONE ? "" : " with fault " + fault));
                Instant started = Instant.now();
                List<RunResult> runs = new Engine(Progress.forStderr(err)).runAll(request);
                List<GateResult> results = runs.stream().map(RunResult::result).toList();
                AllCommand.publish(runs, List.of(History.of(results, started)), outDir, null, out, null, "demo");
                out.println("demo: the example plants syntax and ssot problems on purpose; see " + root.resolve("EXPECTED.md"));
                boolean ran = results.stream().noneMatch(r -> r.verdict() == Verdict.ERROR);
                return ran ? 0 : 3;
            } finally {
                Files.deleteIfExists(demoConfig);
            }
        }
    }

    private static String recoverySection(ReferenceServer server) {
        return "recovery:\n"
                + "  env:\n"
                + "    required: [JWT_SECRET_KEY, E2E_PASSWORD]\n"
                + "    secrets: {JWT_SECRET_KEY: {minLength: 32}}\n"
                + "  wait: {timeout: 20s, interval: 500ms}\n"
                + "  checks:\n"
                + "    - {name: auth, type: http, url: \"" + server.healthUrl() + "\", expect: {status: 200}}\n"
                + "    - {name: backend, type: tcp, url: \"tcp://127.0.0.1:" + server.port() + "\", dependsOn: [auth]}\n";
    }
}
