package io.github.recoverygates.github;

import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.core.SecretMasker;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** GitHub Actions mode: workflow-command annotations, the step summary and step outputs. */
public final class GitHubActions {

    private final Map<String, String> env;
    private final PrintStream out;

    public GitHubActions(Map<String, String> env, PrintStream out) {
        this.env = env;
        this.out = out;
    }

    public void publish(GateResult result, Map<String, Path> reports, SecretMasker masker) {
        throw new UnsupportedOperationException("--github: not yet implemented");
    }
}
