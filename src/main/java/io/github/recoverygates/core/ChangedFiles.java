package io.github.recoverygates.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/** The files changed since a git ref (committed, staged, unstaged and untracked), relative to the root. */
public final class ChangedFiles {
    private ChangedFiles() {
    }

    public static Set<String> since(Path root, String ref) {
        return since(root, ref, System.getenv());
    }

    /** As {@link #since(Path, String)}, git started with {@code environment} ({@link ChildProcess}). */
    public static Set<String> since(Path root, String ref, Map<String, String> environment) {
        Set<String> changed = new TreeSet<>();
        changed.addAll(git(root, environment, "diff", "--name-only", "--relative", "--no-renames", ref, "--"));
        changed.addAll(git(root, environment, "ls-files", "--others", "--exclude-standard"));
        return changed;
    }

    private static List<String> git(Path root, Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", root.toString(), "-c", "core.quotepath=off"));
        command.addAll(List.of(args));
        try {
            Process p = ChildProcess.builder(command, environment).redirectErrorStream(false).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new ConfigException("--changed-from: git " + String.join(" ", args) + " failed: " + err);
            }
            return new String(out, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new ConfigException("--changed-from needs git on the PATH: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("--changed-from: interrupted");
        }
    }
}
