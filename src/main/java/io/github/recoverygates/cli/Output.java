package io.github.recoverygates.cli;

import io.github.recoverygates.api.RunResult;
import io.github.recoverygates.render.ConsoleReport;
import io.github.recoverygates.render.ConsoleText;
import io.github.recoverygates.render.GitHubActions;
import io.github.recoverygates.render.Masked;
import java.io.PrintStream;

/**
 * What the CLI prints on stdout: each gate's console summary (only its first line with
 * {@code --quiet}, everything with {@code --verbose}, the verdict coloured on a terminal unless
 * {@code NO_COLOR} is set) and, in GitHub mode, inside a {@code ::stop-commands::} block so that
 * nothing from the run can become a workflow command.
 */
final class Output {

    private final PrintStream out;
    private final GitHubActions github;
    private final ConsoleReport.Style style;

    Output(PrintStream out, GitHubActions github, boolean quiet, boolean verbose) {
        this.out = out;
        this.github = github;
        boolean colour = github == null && System.console() != null && System.getenv("NO_COLOR") == null
                && !"dumb".equals(System.getenv("TERM"));
        this.style = new ConsoleReport.Style(quiet, verbose, colour);
    }

    /** The run's summary, after the secrets are registered with the runner's log masking. */
    void summary(RunResult run) {
        if (github != null) {
            github.addMasks(run.masker());
        }
        String text = ConsoleReport.render(Masked.of(run.result(), run.masker()), run.reports(), style);
        print(text);
    }

    /** A line of our own words (untrusted parts already passed through {@link ConsoleText#safe}). */
    void line(String text) {
        print(text);
    }

    private void print(String text) {
        if (github != null) {
            github.printVerbatim(ConsoleText.lines(text));
        } else {
            out.println(ConsoleText.lines(text));
        }
    }
}
