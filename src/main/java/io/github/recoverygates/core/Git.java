package io.github.recoverygates.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code git} in a work tree with the run's environment. A ref that came from a user is
 * resolved with {@code rev-parse --verify --end-of-options} before anything else sees it, so it can
 * never be read as an option ({@code --output=...}); a ref that names no commit is a usage error.
 */
public final class Git {

    private static final long TIMEOUT_SECONDS = 120;

    private final Path root;
    private final Map<String, String> environment;

    /** @param environment the variables git runs with (the CI step's) over this process's, or null */
    public Git(Path root, Map<String, String> environment) {
        this.root = root;
        this.environment = environment;
    }

    /** The commit {@code ref} names; {@code what} (an option name) starts the error when it names none. */
    public String commit(String ref, String what) {
        if (ref == null || ref.isBlank()) {
            throw new ConfigException(what + ": give a git ref (a branch, tag or commit)");
        }
        Result r = run("rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}");
        if (r.exit() != 0 || r.lines().isEmpty()) {
            throw new ConfigException(what + ": '" + ref + "' names no commit in " + root
                    + (r.error().isEmpty() ? "" : " (" + r.error() + ")"));
        }
        return r.lines().get(0);
    }

    /** The output lines of a git command that must succeed; {@code what} starts the error when it fails. */
    public List<String> lines(String what, String... args) {
        Result r = run(args);
        if (r.exit() != 0) {
            throw new ConfigException(what + ": git " + String.join(" ", args) + " failed: " + r.error());
        }
        return r.lines();
    }

    /** The raw output of a git command (for {@code -z} listings), or a {@link ConfigException}. */
    public String output(String what, String... args) {
        Result r = run(args);
        if (r.exit() != 0) {
            throw new ConfigException(what + ": git " + String.join(" ", args) + " failed: " + r.error());
        }
        return r.out();
    }

    /** What git printed and its exit code. */
    public record Result(int exit, String out, String error) {
        public List<String> lines() {
            return out.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    public Result run(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", root.toString(), "-c", "core.quotepath=off"));
        command.addAll(List.of(args));
        ProcessBuilder pb = ChildProcess.builder(command, environment).redirectInput(ChildProcess.noInput());
        try {
            Process p = pb.start();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                Processes.kill(p);
                return new Result(-1, "", "timed out after " + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err.join(), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new ConfigException("git is needed here but cannot run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("interrupted while running git");
        }
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
