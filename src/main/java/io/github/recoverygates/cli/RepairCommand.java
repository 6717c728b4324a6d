package io.github.recoverygates.cli;

import io.github.recoverygates.api.Engine;
import io.github.recoverygates.api.ReportDir;
import io.github.recoverygates.core.Config;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.ConfigLoader;
import io.github.recoverygates.core.GateException;
import io.github.recoverygates.core.Progress;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.render.ConsoleText;
import io.github.recoverygates.repair.Repair;
import io.github.recoverygates.repair.RepairFiles;
import io.github.recoverygates.repair.RepairReport;
import io.github.recoverygates.repair.ReviewSuggestions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code repair}: proven repairs of Python files that do not compile; writes nothing in the repository without --apply. */
@Command(name = "repair", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Repair Python syntax errors (and imports of moved modules) with edits the interpreter proves: "
                + "writes repair.patch, repair.sarif and repair.json; --apply writes the files.",
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
            description = "Where repair.patch, repair.sarif and repair.json go (default: as for the gates, outside --root).")
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
            throw new ConfigException("--root " + root + " is not a directory");
        }
        SecretMasker masker = new SecretMasker();
        Map<String, String> env = System.getenv();
        Config loaded = ConfigLoader.load(config == null ? null : config.toAbsolutePath().normalize(), checked, env, masker,
                Engine.sectionKeys());
        Path outDir = (reportDir != null ? reportDir : ReportDir.choose(env)).toAbsolutePath().normalize();
        Repair.Result result;
        try {
            result = new Repair(Progress.forStderr(err)).run(new Repair.Request(checked, priorities, changedFrom, apply, backupDir,
                    workers, env), loaded, outDir.startsWith(checked) ? outDir : null);
        } catch (GateException e) {
            err.println(ConsoleText.line("recovery-gates repair: " + ConsoleText.safe(masker.mask(e.getMessage()))));
            return 3;
        }
        ReportDir.create(outDir);
        Map<String, Path> files = RepairFiles.write(result, outDir, checked, version());
        print(result, files);
        if (suggest) {
            out.println(ConsoleText.line(ConsoleText.safe(ReviewSuggestions.fromEnvironment(env).post(result))));
        }
        return result.exitCode();
    }

    /** The summary: one line per file and import, what changed, what was left and why; repository text made safe. */
    private void print(Repair.Result result, Map<String, Path> files) {
        RepairReport r = result.report();
        RepairReport.Summary s = r.summary();
        line("repair: " + s.failing() + " Python files do not compile; " + (r.applied()
                ? s.applied() + " repaired and written" : s.proposed() + " with a proven repair") + ", "
                + s.needsHuman() + " need a human, " + s.noCandidate() + " without a candidate, " + s.partial()
                + " only partly repairable, " + s.refused() + " refused; missing modules: " + s.importsProposed() + " of "
                + s.importsMissing() + " with a proposal");
        for (RepairReport.FileRepair f : r.files()) {
            line("  " + f.status().id() + "  " + f.path() + (f.scope() == null ? "" : " [" + f.scope() + "]")
                    + (f.error() == null ? "" : "  line " + f.error().line() + " " + f.error().category()) + ": " + f.reason());
            f.steps().forEach(step -> line("      - " + step.description()));
            f.options().forEach(o -> line("      ? " + o.description()));
            f.backups().forEach(b -> line("      backup " + b.path() + (b.compiles() ? " compiles" : " does not compile") + ", "
                    + b.linesDiffering() + " lines differ"));
        }
        for (RepairReport.ImportRepair i : r.imports()) {
            line("  " + i.status().id() + "  " + i.path() + ":" + i.line() + " import " + i.module() + ": " + i.reason());
        }
        if (r.verification() != null) {
            line("syntax gate on the " + r.verification().filesChecked() + " written files: " + r.verification().verdict() + " ("
                    + r.verification().filesFailing() + " failing); previous versions in " + r.verification().backupDir());
        }
        files.forEach((k, p) -> line("repair " + k + ": " + p));
    }

    private void line(String text) {
        out.println(ConsoleText.line(ConsoleText.safe(text)));
    }

    private static String version() {
        String v = RepairCommand.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
