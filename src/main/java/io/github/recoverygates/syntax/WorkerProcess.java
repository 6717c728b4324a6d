package io.github.recoverygates.syntax;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.recoverygates.core.ChildProcess;
import io.github.recoverygates.core.Processes;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One worker process, the leader of its own process group: batches of paths go in on stdin as JSON
 * lines, one JSON line per file comes back, after a first line that says hello. A reader thread
 * moves the answers into a queue so that the caller can wait for each file with a deadline.
 */
final class WorkerProcess implements AutoCloseable {

    /**
     * What starts a worker: its command, variables set for it on top of the run's environment, and
     * what messages call it ("interpreter worker", "node worker").
     */
    record Launch(List<String> command, Map<String, String> variables, String name) {
    }

    private static final String EOF = new String("<eof>");

    private final Process process;
    private final String name;
    private final BufferedWriter stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path stderrFile;
    private final JsonNode hello;

    private WorkerProcess(Process process, String name, Path stderrFile, Duration startTimeout)
            throws IOException, InterruptedException {
        this.process = process;
        this.name = name;
        this.stderrFile = stderrFile;
        this.stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
        Thread reader = new Thread(this::pump, "syntax-worker-reader-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        String first = lines.poll(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        JsonNode node = null;
        if (first != null && first != EOF) {
            try {
                node = WorkerJson.MAPPER.readTree(first);
            } catch (IOException e) {
                node = null;
            }
        }
        if (node == null || !node.has("hello")) {
            String why = first == null ? "no answer within " + startTimeout.toSeconds() + "s"
                    : first == EOF ? "it exited" + exitSuffix() : "it printed '" + abbreviate(first) + "'";
            destroy();
            throw new IOException("did not start a compile worker: " + why + stderrSuffix());
        }
        hello = node;
    }

    /** Starts one worker with the run's environment ({@link ChildProcess}) in its own process group. */
    static WorkerProcess start(Launch launch, Path tempDir, Duration startTimeout, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path err = Files.createTempFile(tempDir, "worker", ".stderr");
        ProcessBuilder pb = ChildProcess.builder(ChildProcess.inOwnProcessGroup(launch.command(), environment), environment)
                .redirectError(err.toFile())
                .directory(tempDir.toFile());
        pb.environment().putAll(launch.variables());
        return new WorkerProcess(pb.start(), launch.name(), err, startTimeout);
    }

    /** The worker's first line as it sent it. */
    JsonNode hello() {
        return hello;
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process went away; EOF below tells the caller
        } finally {
            lines.add(EOF);
        }
    }

    void send(List<String> paths, boolean hash, boolean flushEach, String plan) throws IOException {
        stdin.write(WorkerJson.request(paths, hash, flushEach, plan));
        stdin.write('\n');
        stdin.flush();
    }

    /** The next answer, {@code null} when none came within the timeout, or throws when the worker died. */
    String next(Duration timeout) throws InterruptedException, Died {
        String line = lines.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (line == EOF) {
            lines.add(EOF);
            throw new Died("the " + name + " died" + exitSuffix() + stderrSuffix());
        }
        return line;
    }

    private String exitSuffix() {
        try {
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                return " (exit code " + process.exitValue() + ")";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }

    private String stderrSuffix() {
        try {
            List<String> all = Files.readAllLines(stderrFile, StandardCharsets.UTF_8);
            List<String> tail = new ArrayList<>(all.subList(Math.max(0, all.size() - 3), all.size()));
            tail.removeIf(String::isBlank);
            return tail.isEmpty() ? "" : ": " + abbreviate(String.join(" | ", tail));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    static String abbreviate(String s) {
        String one = s.strip();
        return one.length() > 300 ? one.substring(0, 300) + "…" : one;
    }

    /** Stops the process and everything it started (an interpreter wrapper's children too). */
    void destroy() {
        Processes.kill(process);
        try {
            Files.deleteIfExists(stderrFile);
        } catch (IOException e) {
            // a temp file left behind is harmless
        }
    }

    @Override
    public void close() {
        try {
            stdin.close(); // the worker ends its loop on EOF
        } catch (IOException e) {
            // already gone
        }
        destroy();
    }

    /** The worker process ended while a file was being worked on. */
    static final class Died extends Exception {
        Died(String message) {
            super(message);
        }
    }
}
