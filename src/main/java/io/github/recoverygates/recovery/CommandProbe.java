package io.github.recoverygates.recovery;

import io.github.recoverygates.core.ChildProcess;
import io.github.recoverygates.core.Processes;
import io.github.recoverygates.core.SecretMasker;
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
 * within the deadline. It runs as the leader of its own process group, so on timeout the whole
 * group is killed ({@link Processes#kill}), also what it left running in the background. A single
 * command string with spaces runs through {@code sh -c}. The end of its output is part of the
 * cause: masked with the run's secrets first, then cut, so no piece of a secret survives the cut.
 */
final class CommandProbe implements Probe {

    private static final int MAX_SHOWN_OUTPUT = 200;
    /** How much of the output's end is read (and masked) before the last {@value #MAX_SHOWN_OUTPUT} characters are shown. */
    private static final int MAX_READ_OUTPUT = 64 * 1024;

    private final List<String> argv;
    private final Path workDir;
    private final int expectedExit;

    private final Map<String, String> environment;
    private final SecretMasker masker;

    /** {@code environment}: the run's, laid over the JVM's (see {@link ChildProcess}). */
    CommandProbe(CheckSpec spec, Path workDir, Map<String, String> environment, SecretMasker masker) {
        this.environment = environment;
        this.masker = masker;
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
            ProcessBuilder builder = ChildProcess.builder(ChildProcess.inOwnProcessGroup(argv, environment), environment)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ChildProcess.noInput());
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new ProbeFailure("cannot run " + argv.get(0) + ": " + e.getMessage(), e);
            }
            String expected = "exit " + expectedExit + " within " + Causes.format(timeout);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process);
                String tail = tail(output);
                throw new ProbeFailure("command " + String.join(" ", argv) + " did not finish within "
                        + Causes.format(timeout) + " (killed with its process group)" + tail, expected,
                        "still running after " + Causes.format(timeout) + tail);
            }
            int exit = process.exitValue();
            if (exit != expectedExit) {
                String tail = tail(output);
                throw new ProbeFailure("command " + String.join(" ", argv) + " exited with " + exit
                        + " (expected " + expectedExit + ")" + tail, expected, "exit " + exit + tail);
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
        if (process != null) {
            Processes.kill(process);
        }
    }

    /** The end of the output: masked, made one line, then cut to its last characters. */
    private String tail(Path output) {
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(output.toFile(), "r")) {
            long length = file.length();
            byte[] bytes = new byte[(int) Math.min(length, MAX_READ_OUTPUT)];
            file.seek(length - bytes.length);
            file.readFully(bytes);
            String text = masker.mask(new String(bytes, StandardCharsets.UTF_8)).strip();
            if (text.isEmpty()) {
                return "";
            }
            String oneLine = text.replaceAll("\\s+", " ");
            return ": " + (oneLine.length() > MAX_SHOWN_OUTPUT
                    ? "…" + oneLine.substring(oneLine.length() - MAX_SHOWN_OUTPUT) : oneLine);
        } catch (IOException e) {
            return "";
        }
    }
}
