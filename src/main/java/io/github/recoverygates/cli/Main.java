package io.github.recoverygates.cli;

import io.github.recoverygates.api.Engine;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.Gate;
import io.github.recoverygates.core.Json;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar recovery-gates.jar <command>}: the only place that reads argv or exits. */
@Command(name = "recovery-gates", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "CI/CD gates for a codebase in recovery: syntax, single source of truth, services, golden path.",
        footer = {"", "Exit codes: 0 pass (or warnings below --fail-on) · 1 gate failed · 2 usage or config error · 3 the gate could not run"})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(execute(args, out, err));
    }

    /** Runs the CLI and returns the exit code; tests call this instead of {@link #main}. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        warmUp(args.length > 0 ? args[0] : null);
        // start less: when the first argument names a command, only that command's model is built
        // (picocli introspects every registered command up front); help and anything else get the full set
        return commandLine(out, err, args.length > 0 ? args[0] : null).execute(args);
    }

    /**
     * Start less, side by side: while picocli reads its annotations on this thread, another makes
     * the Jackson mappers and the deserializer of the named gate's config section, the first things
     * a gate needs (each costs about a tenth of a second on first use). Only warms: a failure there is
     * met again, and reported, where the run needs the mapper.
     */
    private static void warmUp(String command) {
        Thread t = new Thread(() -> {
            Class<?> type = Engine.gates().stream().filter(g -> g.name().equals(command)).findFirst()
                    .map(Gate::configType).orElse(null);
            Json.REPORT.getFactory();
            if (type != null) {
                Json.CONFIG.readerFor(type);
            }
        }, "warm-up");
        t.setDaemon(true);
        t.setUncaughtExceptionHandler((thread, e) -> { });
        t.start();
    }

    static CommandLine commandLine(PrintStream out, PrintStream err) {
        return commandLine(out, err, null);
    }

    /** The CLI with every command, or only with the command named {@code first} when there is one. */
    static CommandLine commandLine(PrintStream out, PrintStream err, String first) {
        java.util.Map<String, java.util.function.Supplier<CommandLine>> others = otherCommands(out, err);
        String only = first != null && (others.containsKey(first)
                || Engine.gates().stream().anyMatch(g -> g.name().equals(first))) ? first : null;
        CommandLine cli = new CommandLine(new Main());
        for (Gate gate : Engine.gates()) {
            if (only != null && !only.equals(gate.name())) {
                continue;
            }
            CommandLine sub = new CommandLine(new GateCommand(gate, out, err));
            sub.getCommandSpec().usageMessage().description(gate.description())
                    .footer("", "Examples:",
                            "  java -jar recovery-gates.jar " + gate.name() + " --root .",
                            "  java -jar recovery-gates.jar " + gate.name() + " --changed-from origin/main --github",
                            "  java -jar recovery-gates.jar " + gate.name() + " --baseline last/" + gate.name()
                                    + ".json --fail-on new",
                            "", "The config section is documented in " + gate.docs() + ".");
            RunOptionsCli.addTo(sub.getCommandSpec());
            cli.addSubcommand(gate.name(), sub);
        }
        others.forEach((name, make) -> {
            if (only == null || only.equals(name)) {
                cli.addSubcommand(name, make.get());
            }
        });
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.getCommandSpec().exitCodeOnInvalidInput(2);
        cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().exitCodeOnInvalidInput(2));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException) {
                err.println(io.github.recoverygates.render.ConsoleText.line("recovery-gates: "
                        + io.github.recoverygates.render.ConsoleText.safe(e.getMessage())));
                return 2;
            }
            if (e instanceof InterruptedException) {
                err.println("recovery-gates: interrupted");
                return 3;
            }
            err.println(io.github.recoverygates.render.ConsoleText.line("recovery-gates: internal error: "
                    + io.github.recoverygates.render.ConsoleText.safe(String.valueOf(e))));
            return 3;
        });
        return cli;
    }

    /** The commands that are not gates, made only when registered. */
    private static java.util.Map<String, java.util.function.Supplier<CommandLine>> otherCommands(PrintStream out,
                                                                                              PrintStream err) {
        java.util.Map<String, java.util.function.Supplier<CommandLine>> others = new java.util.LinkedHashMap<>();
        others.put("all", () -> {
            CommandLine all = new CommandLine(new AllCommand(out, err));
            RunOptionsCli.addTo(all.getCommandSpec());
            return all;
        });
        others.put("merge", () -> new CommandLine(new MergeCommand(out)));
        others.put("init", () -> new CommandLine(new InitCommand(out)));
        others.put("pre-commit", () -> new CommandLine(new PreCommitCommand(out, err)));
        others.put("schema", () -> new CommandLine(new SchemaCommand(out)));
        others.put("demo", () -> new CommandLine(new DemoCommand(out, err)));
        others.put("serve-reference", () -> new CommandLine(new ServeReferenceCommand(out)));
        others.put("comment", () -> new CommandLine(new CommentCommand(out)));
        others.put("repair", () -> new CommandLine(new RepairCommand(out, err)));
        return others;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{io.github.recoverygates.render.ToolVersion.NAME + " "
                    + io.github.recoverygates.render.ToolVersion.version()};
        }
    }
}
