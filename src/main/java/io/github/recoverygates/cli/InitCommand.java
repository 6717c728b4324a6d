package io.github.recoverygates.cli;

import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.ConfigSchema;
import io.github.recoverygates.init.Inspection;
import io.github.recoverygates.init.Starter;
import io.github.recoverygates.render.ConsoleText;
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

    @Option(names = "--hooks", arity = "0..1", fallbackValue = "pre-commit", paramLabel = "KIND",
            description = "Also set up the pre-commit hook (syntax + ssot on the staged content): pre-commit (default: "
                    + "a `repo: local` entry in .pre-commit-config.yaml, created or added to) or git (.git/hooks/pre-commit).")
    String hooks;

    @Option(names = "--stdout", description = "Print the config instead of writing it.")
    boolean stdout;

    @Option(names = "--schema-url", paramLabel = "URL",
            description = "Name this JSON Schema in the config's yaml-language-server line instead of writing "
                    + ".recovery-gates.schema.json beside it (http(s) URL or a path relative to the config).")
    String schemaUrl;

    @Option(names = "--force", description = "Replace files that exist.")
    boolean force;

    public InitCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(root)) {
            throw new ConfigException("--root " + root + " is not a directory");
        }
        if (hooks != null && !hooks.equals("pre-commit") && !hooks.equals("git")) {
            throw new ConfigException("--hooks: '" + ConsoleText.safe(hooks) + "' is not a hook kind (allowed: pre-commit, git)");
        }
        if (schemaUrl != null && (schemaUrl.isBlank() || schemaUrl.chars().anyMatch(Character::isISOControl))) {
            throw new ConfigException("--schema-url: give a URL or a relative path without control characters");
        }
        String config = Starter.config(Inspection.of(root.toAbsolutePath().normalize()),
                schemaUrl != null ? schemaUrl : Starter.SCHEMA_FILE);
        if (stdout) {
            out.print(config);
        } else {
            Path file = root.resolve(".recovery-gates.yml");
            boolean keep = hooks != null && !force && Files.exists(file);
            if (keep) {
                out.println("kept " + ConsoleText.safe(file.toString()) + " (it exists; --force replaces it)");
            } else {
                Starter.writeNew(file, config, force);
                out.println("wrote " + ConsoleText.safe(file.toString()));
            }
            if (schemaUrl == null && !keep) {
                Path schema = root.resolve(Starter.SCHEMA_FILE);
                String text = ConfigSchema.json();
                if (!Files.isRegularFile(schema) || !Files.readString(schema).equals(text)) {
                    Starter.writeNew(schema, text, force);
                }
                out.println("wrote " + ConsoleText.safe(schema.toString()) + " (the config's JSON Schema, for editors; "
                        + "`recovery-gates schema` prints the current one)");
            }
        }
        if (hooks != null) {
            for (String line : Starter.writeHooks(root.toAbsolutePath().normalize(), hooks, force, System.getenv())) {
                out.println(ConsoleText.lines(line));
            }
        }
        return 0;
    }
}
