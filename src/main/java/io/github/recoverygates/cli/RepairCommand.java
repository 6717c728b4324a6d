package io.github.recoverygates.cli;

import io.github.recoverygates.api.Engine;
import io.github.recoverygates.core.Config;
import io.github.recoverygates.core.ConfigLoader;
import io.github.recoverygates.core.GateException;
import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.Progress;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.repair.Console;
import io.github.recoverygates.repair.Repair;
import io.github.recoverygates.repair.RepairFiles;
import io.github.recoverygates.repair.ReviewSuggestions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code repair}: proven repairs of Python files that do not compile; writes nothing in the repository without --apply. */
@Command(name = "repair", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Repair Python syntax errors (and imports of moved modules) with edits the interpreter proves: "
                + "writes repair.patch and repair.sarif; --apply writes the files.",
        footer = {"", "Exit codes: 0 every failing file got a proven repair · 1 some are left (see the summary) · "
                + "2 usage or config error · 3 the interpreter could not run"})
public class RepairCommand implements Callable<Integer> {

    private final PrintStream out;
    private final PrintStream err;

    @Option(names = "--root", paramLabel = "DIR", description = "Repository to repair (default: current directory).")
    Path root = Path.of(".");

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML config (default: <root>/.recovery-gates.yml when present); syntax.python picks the interpreter.")
    Path config;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where repair.patch, repair.sarif and repair.json go (default as for the gates: never inside --root).")
    Path reportDir;

    @Option(names = "--priority", paramLabel = "SCOPE", split = ",",
            description = "Only these syntax scopes, in this order, e.g. mission_critical,integration,unit (default: every file, scopes first).")
    List<String> priorities = new ArrayList<>();

    @Option(names = "--changed-from", paramLabel = "REF", description = "Only files changed since a git ref (PR mode).")
    String changedFrom;

    @Option(names = "--apply", description = "Write the proven repairs into the files (each file's previous bytes are kept in --backup-dir).")
    boolean apply;

    @Option(names = "--backup-dir", paramLabel = "DIR",
            description = "Where --apply keeps the previous versions (default: a new directory under the system temp dir).")
    Path backupDir;

    @Option(names = "--suggest", description = "Post the repairs as review suggestions on the pull request "
            + "(GitHub Actions: needs GITHUB_TOKEN, GITHUB_REPOSITORY and a pull_request event).")
    boolean suggest;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config value, e.g. --set syntax.python.interpreter=python3.12.")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--workers", paramLabel = "N", description = "Interpreter processes (default: one per core).")
    int workers;

    public RepairCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        Path checked = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(checked)) {
            throw new io.github.recoverygates.core.ConfigException("--root " + root + " is not a directory");
        }
        SecretMasker masker = new SecretMasker();
        Map<String, String> env = System.getenv();
        Config loaded = ConfigLoader.load(config == null ? null : config.toAbsolutePath().normalize(), checked, env, masker,
                Engine.sectionKeys());
        for (Map.Entry<String, String> e : set.entrySet()) {
            loaded = loaded.with(e.getKey(), Json.REPORT.valueToTree(YamlValue.parse(e.getKey(), e.getValue())));
        }
        CommonOptions where = new CommonOptions();
        where.out = reportDir;
        Path outDir = where.outDir(checked).toAbsolutePath().normalize();
        Repair.Result result;
        try {
            result = new Repair(Progress.forStderr(err)).run(new Repair.Request(checked, priorities, changedFrom, apply, backupDir,
                    workers, env), loaded, outDir.startsWith(checked) ? outDir : null);
        } catch (GateException e) {
            err.println("recovery-gates repair: " + masker.mask(e.getMessage()));
            return 3;
        }
        Map<String, Path> files = RepairFiles.write(result, outDir, checked, version());
        Console.print(result, files, out);
        if (suggest) {
            out.println(Console.safe(ReviewSuggestions.fromEnvironment(env).post(result)));
        }
        return result.exitCode();
    }

    private static String version() {
        String v = RepairCommand.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
