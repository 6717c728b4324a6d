package io.github.recoverygates.cli;

import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.render.ConsoleText;
import io.github.recoverygates.render.GitHubApi;
import io.github.recoverygates.render.Masked;
import io.github.recoverygates.render.Reports;
import io.github.recoverygates.render.StickyComment;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code comment DIR…}: the one sticky pull-request comment with each gate's new and fixed findings. */
@Command(name = "comment", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Create or update the pull request's one Recovery Gates comment from the <gate>.json reports in DIR "
                + "(GitHub Actions: GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_EVENT_PATH, GITHUB_API_URL).",
        footer = {"", "Example (a workflow step after the gates):",
                "  GITHUB_TOKEN=${{ github.token }} java -jar recovery-gates.jar comment \"$RUNNER_TEMP/recovery-gates-report\""})
public class CommentCommand implements Callable<Integer> {

    private final PrintStream out;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Report directories (a <gate>.json in each, or below).")
    List<Path> dirs;

    public CommentCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        List<GateResult> results = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                throw new ConfigException("comment: " + dir + " is not a directory");
            }
            try (Stream<Path> files = Files.walk(dir, 2)) {
                for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                    try {
                        results.add(Reports.read(f));
                    } catch (IOException e) {
                        // not a gate report (demo-config, history): not part of the comment
                    }
                }
            }
        }
        if (results.isEmpty()) {
            throw new ConfigException("comment: no <gate>.json report in " + dirs);
        }
        SecretMasker masker = new SecretMasker();
        String body = StickyComment.body(results.stream().map(r -> Masked.of(r, masker)).toList());
        try {
            out.println("comment: " + StickyComment.publish(GitHubApi.fromEnvironment(System.getenv()), body));
            return 0;
        } catch (GitHubApi.GitHubError e) {
            out.println(ConsoleText.line("comment: not posted: " + ConsoleText.safe(e.getMessage())));
            return 0; // feedback on the pull request never fails the build
        }
    }
}
