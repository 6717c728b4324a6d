package io.github.recoverygates.cli;

import io.github.recoverygates.api.Engine;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.Gate;
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
        return commandLine(out, err).execute(args);
    }

    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Main());
        for (Gate gate : Engine.gates()) {
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
        CommandLine all = new CommandLine(new AllCommand(out, err));
        RunOptionsCli.addTo(all.getCommandSpec());
        cli.addSubcommand("all", all);
        cli.addSubcommand("merge", new CommandLine(new MergeCommand(out)));
        cli.addSubcommand("init", new CommandLine(new InitCommand(out)));
        cli.addSubcommand("pre-commit", new CommandLine(new PreCommitCommand(out, err)));
        cli.addSubcommand("schema", new CommandLine(new SchemaCommand(out)));
        cli.addSubcommand("demo", new CommandLine(new DemoCommand(out, err)));
        cli.addSubcommand("serve-reference", new CommandLine(new ServeReferenceCommand(out)));
        cli.addSubcommand("comment", new CommandLine(new CommentCommand(out)));
        cli.addSubcommand("repair", new CommandLine(new RepairCommand(out, err)));
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

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{io.github.recoverygates.render.ToolVersion.NAME + " "
                    + io.github.recoverygates.render.ToolVersion.version()};
        }
    }
}
