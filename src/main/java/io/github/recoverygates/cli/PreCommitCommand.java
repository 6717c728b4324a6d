package io.github.recoverygates.cli;

import io.github.recoverygates.api.Engine;
import io.github.recoverygates.api.RunRequest;
import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.ConfigLoader;
import io.github.recoverygates.core.Progress;
import io.github.recoverygates.init.StagedTree;
import io.github.recoverygates.render.ConsoleText;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pre-commit}: the gates on exactly what the commit records. The index's files are written to
 * a private throw-away tree ({@link StagedTree}) and each gate runs there with {@code --changed-from
 * HEAD}, so untracked files and unstaged edits neither block nor pass a commit.
 */
@Command(name = "pre-commit", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run gates on the staged content only (what `git commit` would record), for a pre-commit hook.",
        footer = {"", "Examples:", "  recovery-gates pre-commit", "  recovery-gates pre-commit --gates syntax",
                "  RECOVERY_GATES_JAR=~/tools/recovery-gates.jar git commit   (through the hook init --hooks writes)"})
public class PreCommitCommand implements Callable<Integer> {

    static final Set<String> GATES = Set.of("syntax", "ssot");

    private final PrintStream out;
    private final PrintStream err;

    @Option(names = "--root", paramLabel = "DIR", description = "A directory in the repository (default: the current one).")
    Path root = Path.of(".");

    @Option(names = "--gates", split = ",", paramLabel = "LIST", description = "Gates to run: syntax, ssot (default: both).")
    List<String> gates = List.of("syntax", "ssot");

    @Option(names = "--config", paramLabel = "FILE",
            description = "Config (default: the staged .recovery-gates.yml, else the work tree's, else built-in defaults).")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", description = "Reports (default: <git dir>/recovery-gates/report).")
    Path outDir;

    @Option(names = "--cache", paramLabel = "DIR", description = "Content cache (default: <git dir>/recovery-gates/cache).")
    Path cache;

    @Option(names = "--quiet", description = "Only each gate's verdict line.")
    boolean quiet;

    public PreCommitCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        for (String gate : gates) {
            if (!GATES.contains(gate)) {
                throw new ConfigException("--gates: '" + ConsoleText.safe(gate) + "' is not a gate that reads staged files"
                        + " (allowed: ssot, syntax)");
            }
        }
        Output output = new Output(out, null, quiet, false);
        try (StagedTree tree = StagedTree.of(root.toAbsolutePath().normalize(), System.getenv())) {
            if (tree.staged().isEmpty()) {
                output.line("pre-commit: nothing staged to check");
                return 0;
            }
            output.line("pre-commit: checking the staged content of " + tree.staged().size() + " file"
                    + (tree.staged().size() == 1 ? "" : "s") + " (untracked files and unstaged edits are not looked at)");
            Path reports = outDir != null ? outDir : tree.gitDir().resolve("recovery-gates").resolve("report");
            Path cacheDir = cache != null ? cache : tree.gitDir().resolve("recovery-gates").resolve("cache");
            Path chosen = config != null ? config.toAbsolutePath() : configFile(tree);
            int exit = 0;
            for (String gate : gates) {
                RunRequest request = RunRequest.builder(gate, tree.root(), reports).config(chosen)
                        .formats(List.of("json", "md")).cache(cacheDir).changedFrom(tree.head() == null ? null : "HEAD")
                        .environment(tree.environment()).build();
                RunResult run = new Engine(quiet ? Progress.SILENT : Progress.forStderr(err)).run(request);
                output.summary(run);
                exit = Math.max(exit, run.exitCode());
            }
            if (exit != 0) {
                output.line("pre-commit: commit refused; fix the staged files (and `git add` them), or skip once with "
                        + "`git commit --no-verify`");
            }
            return exit;
        }
    }

    /** The staged config; else the one in the work tree (an untracked config still applies); else none. */
    private static Path configFile(StagedTree tree) {
        Path staged = tree.root().resolve(ConfigLoader.DEFAULT_FILE);
        if (Files.isRegularFile(staged)) {
            return staged;
        }
        Path workTree = tree.topLevel().resolve(ConfigLoader.DEFAULT_FILE);
        return Files.isRegularFile(workTree) ? workTree : null;
    }
}
