package io.github.recoverygates.core;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The files changed since a git ref (committed, staged, unstaged and untracked), relative to the root. */
public final class ChangedFiles {
    private ChangedFiles() {
    }

    public static Set<String> since(Path root, String ref, Map<String, String> environment) {
        Git git = new Git(root, environment);
        String commit = git.commit(ref, "--changed-from");
        Set<String> changed = new TreeSet<>();
        changed.addAll(git.lines("--changed-from", "diff", "--name-only", "--relative", "--no-renames", commit, "--"));
        changed.addAll(git.lines("--changed-from", "ls-files", "--others", "--exclude-standard"));
        return changed;
    }
}
