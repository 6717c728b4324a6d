package io.github.recoverygates.cli;

import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.init.Inspection;
import io.github.recoverygates.init.Starter;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code init}: a commented starter config from what the repository holds, and optionally pre-commit hooks. */
@Command(name = "init", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Inspect a repository and write a starter .recovery-gates.yml (and, with --hooks, pre-commit hooks).")
public class InitCommand implements Callable<Integer> {

    private final PrintStream out;

    @Option(names = "--root", paramLabel = "DIR", description = "Repository to inspect (default: current directory).")
    Path root = Path.of(".");

    @Option(names = "--hooks", description = "Also write .git/hooks/pre-commit and .pre-commit-hooks.yaml (syntax + ssot on changed files).")
    boolean hooks;

    @Option(names = "--stdout", description = "Print the config instead of writing it.")
    boolean stdout;

    @Option(names = "--force", description = "Replace files that exist.")
    boolean force;

    @Option(names = "--jar", paramLabel = "FILE", description = "The jar the hooks run (default: this jar).")
    String jar;

    public InitCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(root)) {
            throw new ConfigException("--root " + root + " is not a directory");
        }
        String config = Starter.config(Inspection.of(root.toAbsolutePath().normalize()));
        if (stdout) {
            out.print(config);
        } else {
            Path file = root.resolve(".recovery-gates.yml");
            Starter.writeNew(file, config, force);
            out.println("wrote " + file);
        }
        if (hooks) {
            String jarPath = jar != null ? jar : thisJar();
            for (Path p : Starter.writeHooks(root, jarPath, force)) {
                out.println("wrote " + p);
            }
        }
        return 0;
    }

    private static String thisJar() {
        try {
            return Path.of(InitCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath().toString();
        } catch (Exception e) {
            return "recovery-gates.jar";
        }
    }
}
