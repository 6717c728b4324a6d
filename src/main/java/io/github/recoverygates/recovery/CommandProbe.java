package io.github.recoverygates.recovery;

import io.github.recoverygates.core.ChildProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code type: command}: runs a program in the root; up when it exits with the expected code
 * within the deadline. On timeout the whole process tree is killed. A single command string with
 * spaces runs through {@code sh -c}.
 */
final class CommandProbe implements Probe {

    private static final int MAX_SHOWN_OUTPUT = 200;

    private final List<String> argv;
    private final Path workDir;
    private final int expectedExit;

    private final Map<String, String> environment;

    /** {@code environment}: the run's, laid over the JVM's (see {@link ChildProcess}). */
    CommandProbe(CheckSpec spec, Path workDir, Map<String, String> environment) {
        this.environment = environment;
        List<String> command = spec.command();
        this.argv = command.size() == 1 && command.get(0).contains(" ")
                ? List.of("sh", "-c", command.get(0)) : command;
        this.workDir = workDir;
        this.expectedExit = spec.expect().exitCode();
    }

    @Override
    public String attempt(Duration timeout) throws ProbeFailure, InterruptedException {
        Path output;
        try {
            output = Files.createTempFile("recovery-command", ".out");
        } catch (IOException e) {
            throw new ProbeFailure("cannot create a temporary file for the command output: " + e.getMessage(), e);
        }
        Process process = null;
        try {
            ProcessBuilder builder = ChildProcess.builder(argv, environment).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ChildProcess.noInput());
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new ProbeFailure("cannot run " + argv.get(0) + ": " + e.getMessage(), e);
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process);
                throw new ProbeFailure("command " + String.join(" ", argv) + " did not finish within "
                        + Causes.format(timeout) + " (killed)" + tail(output));
            }
            int exit = process.exitValue();
            if (exit != expectedExit) {
                throw new ProbeFailure("command " + String.join(" ", argv) + " exited with " + exit
                        + " (expected " + expectedExit + ")" + tail(output));
            }
            return "exit " + exit;
        } catch (InterruptedException e) {
            killTree(process);
            throw e;
        } finally {
            try {
                Files.deleteIfExists(output);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }

    private static void killTree(Process process) {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static String tail(Path output) {
        try {
            String text = Files.readString(output, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                return "";
            }
            String oneLine = text.replaceAll("\\s+", " ");
            return ": " + (oneLine.length() > MAX_SHOWN_OUTPUT
                    ? "…" + oneLine.substring(oneLine.length() - MAX_SHOWN_OUTPUT) : oneLine);
        } catch (IOException | java.io.UncheckedIOException e) {
            return "";
        }
    }
}
