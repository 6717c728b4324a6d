package io.github.recoverygates.cli;

import io.github.recoverygates.core.ConfigSchema;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code schema}: prints the JSON Schema of {@code .recovery-gates.yml}, generated from the config model. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Print the JSON Schema of .recovery-gates.yml (for editors: yaml-language-server, IntelliJ).",
        footer = {"", "Examples:", "  recovery-gates schema > .recovery-gates.schema.json"})
public class SchemaCommand implements Callable<Integer> {

    private final PrintStream out;

    public SchemaCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        out.print(ConfigSchema.json());
        out.flush();
        return 0;
    }
}
