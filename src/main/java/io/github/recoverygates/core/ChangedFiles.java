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
        // -z: a file name may hold a newline
        changed.addAll(split(git.output("--changed-from", "diff", "--name-only", "-z", "--relative", "--no-renames", commit, "--")));
        changed.addAll(split(git.output("--changed-from", "ls-files", "-z", "--others", "--exclude-standard")));
        return changed;
    }

    private static java.util.List<String> split(String nulSeparated) {
        return java.util.Arrays.stream(nulSeparated.split("\0")).filter(s -> !s.isEmpty()).toList();
    }
}
