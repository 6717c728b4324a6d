package io.github.recoverygates.syntax;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.recoverygates.core.ChildProcess;
import io.github.recoverygates.core.Finding;
import io.github.recoverygates.core.GateException;
import io.github.recoverygates.core.Severity;
import io.github.recoverygates.core.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * TypeScript and JavaScript files parsed by the repository's own {@code typescript} package: a
 * bounded pool of persistent {@code node ts_worker.cjs} processes (each in its own process group)
 * speaking the Python workers' JSON lines. A file during which a worker dies or that outlives
 * {@code syntax.typescript.timeout} becomes an error finding for that file; the worker is replaced
 * and the rest of its batch goes on, one file at a time, so that the failure is pinned on its file.
 */
final class TypeScriptPool implements AutoCloseable {

    /** Receives the findings of one file, from several threads; {@code cacheable} is false for worker failures. */
    interface Sink {
        void accept(SourceFile file, List<Finding> findings, boolean cacheable);
    }

    /** The node that runs the workers and the typescript package directory whose parser decides. */
    record Located(String node, Path typescript) {
    }

    /** node, typescript or a usable API is missing: the TS/JS files are skipped, not failed. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    /** What the first worker said: the typescript version and which of its APIs parses. */
    record Hello(String version, String api, String node) {
    }

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_DEFAULT_WORKERS = 4;

    private final SyntaxConfig.TypeScript config;
    private final List<String> command;
    private final Path tempDir;
    private final Map<String, String> environment;
    private final Hello hello;
    private final int size;
    private final List<PythonWorker> idle = new ArrayList<>();
    private final List<PythonWorker> started = new ArrayList<>();
    private int restarts;

    private TypeScriptPool(SyntaxConfig.TypeScript config, List<String> command, Path tempDir,
                           Map<String, String> environment, Hello hello, int size) {
        this.config = config;
        this.command = command;
        this.tempDir = tempDir;
        this.environment = environment;
        this.hello = hello;
        this.size = size;
    }

    /** {@code syntax.typescript.node} resolved on the run's PATH, or null when there is no such executable. */
    static String node(SyntaxConfig.TypeScript config, Map<String, String> environment) {
        String node = ChildProcess.resolve(config.node(), environment);
        boolean path = node.contains("/") || node.contains(java.io.File.separator);
        return path && Files.isExecutable(Path.of(node)) ? node : null;
    }

    /** The configured {@code syntax.typescript.path}, absolute, or null when none is configured. */
    static Path configured(SyntaxConfig.TypeScript config, Path root) {
        return config.path() == null ? null : root.resolve(config.path()).toAbsolutePath().normalize();
    }

    /**
     * The files by the typescript package that parses each: the configured one, else the
     * {@code node_modules/typescript} that node resolves from the file's directory (the nearest one
     * in it or above it, so a monorepo's packages each get their own). Files no package resolves
     * for are under the key {@code null}.
     */
    static Map<Path, List<SourceFile>> group(List<SourceFile> files, SyntaxConfig.TypeScript config, Path root) {
        Map<Path, List<SourceFile>> out = new java.util.LinkedHashMap<>();
        Path fixed = configured(config, root);
        Map<Path, Optional<Path>> memo = new java.util.HashMap<>();
        for (SourceFile f : files) {
            Path dir = f.absolute().toAbsolutePath().normalize().getParent();
            Path pkg = fixed != null ? fixed : resolveFrom(dir, memo).orElse(null);
            out.computeIfAbsent(pkg, k -> new ArrayList<>()).add(f);
        }
        return out;
    }

    private static Optional<Path> resolveFrom(Path dir, Map<Path, Optional<Path>> memo) {
        if (dir == null) {
            return Optional.empty();
        }
        Optional<Path> known = memo.get(dir);
        if (known != null) {
            return known;
        }
        Path candidate = dir.resolve("node_modules").resolve("typescript");
        Optional<Path> found = Files.isRegularFile(candidate.resolve("package.json")) ? Optional.of(candidate)
                : resolveFrom(dir.getParent(), memo);
        memo.put(dir, found);
        return found;
    }

    /**
     * Starts {@code size} workers (the first one alone, then the rest in parallel); the first one's
     * hello tells the typescript version. {@link Unavailable} when the package cannot parse.
     */
    static TypeScriptPool open(SyntaxConfig.TypeScript config, Located where, int size, Map<String, String> environment)
            throws GateException, Unavailable, InterruptedException {
        Path tempDir;
        Path script;
        try {
            tempDir = Files.createTempDirectory("recovery-gates-typescript");
            script = tempDir.resolve("ts_worker.cjs");
            try (InputStream in = TypeScriptPool.class.getResourceAsStream("ts_worker.cjs")) {
                if (in == null) {
                    throw new GateException("the TypeScript worker script is missing from the jar");
                }
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new GateException("cannot write the TypeScript worker to a temporary directory: " + e.getMessage(), e);
        }
        List<String> command = List.of(where.node(), script.toString(), where.typescript().toString());
        PythonWorker first;
        try {
            first = PythonWorker.startCommand(command, tempDir, START_TIMEOUT, environment);
        } catch (IOException e) {
            WorkerFiles.deleteTree(tempDir);
            throw new Unavailable("cannot run the TypeScript worker with '" + where.node() + "': " + e.getMessage());
        }
        JsonNode said = first.helloJson();
        if (said.hasNonNull("error")) {
            first.close();
            WorkerFiles.deleteTree(tempDir);
            throw new Unavailable(said.get("error").asText());
        }
        Hello hello = new Hello(said.path("version").asText(), said.path("api").asText(), said.path("node").asText());
        TypeScriptPool pool = new TypeScriptPool(config, command, tempDir, environment, hello, size);
        pool.idle.add(first);
        pool.started.add(first);
        return pool;
    }

    /** The default worker count: one per core, at most four (a node process holds a parser of its own). */
    static int defaultWorkers(int runWorkers) {
        return Math.max(1, Math.min(MAX_DEFAULT_WORKERS, runWorkers));
    }

    Hello hello() {
        return hello;
    }

    synchronized int restarts() {
        return restarts;
    }

    /** Parses every file, calling the sink once per file. */
    void check(List<SourceFile> files, Sink sink) throws GateException, InterruptedException {
        if (files.isEmpty()) {
            return;
        }
        int batchSize = Math.max(1, Math.min(config.batchSize(), (files.size() + size - 1) / size));
        ConcurrentLinkedQueue<List<SourceFile>> batches = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < files.size(); i += batchSize) {
            batches.add(files.subList(i, Math.min(files.size(), i + batchSize)));
        }
        int threads = Math.min(size, batches.size());
        AtomicReference<GateException> fatal = new AtomicReference<>();
        ExecutorService drivers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "syntax-typescript-driver");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(drivers.submit(() -> {
                    drive(batches, sink, fatal);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof InterruptedException ie) {
                        throw ie;
                    }
                    throw new GateException("the TypeScript worker pool failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            drivers.shutdownNow();
        }
        if (fatal.get() != null) {
            throw fatal.get();
        }
    }

    private void drive(ConcurrentLinkedQueue<List<SourceFile>> batches, Sink sink, AtomicReference<GateException> fatal)
            throws InterruptedException {
        PythonWorker worker = take();
        try {
            List<SourceFile> pending;
            while (fatal.get() == null && (pending = batches.poll()) != null) {
                boolean oneByOne = false;
                while (!pending.isEmpty() && fatal.get() == null) {
                    if (worker == null) {
                        worker = startOrFail(fatal);
                        if (worker == null) {
                            return;
                        }
                    }
                    List<SourceFile> sent = oneByOne ? pending.subList(0, 1) : pending;
                    int done = 0;
                    String failure = null;
                    try {
                        worker.send(WorkerFiles.absolutePaths(sent), false, true);
                        for (; done < sent.size(); done++) {
                            // a batch of the native API answers after building its program: the first file waits for it
                            Duration limit = done == 0 ? config.timeout().multipliedBy(oneByOne ? 1 : 2) : config.timeout();
                            String line = worker.next(limit);
                            if (line == null) {
                                failure = "parsing this file took longer than syntax.typescript.timeout ("
                                        + config.timeout().toMillis() + " ms); the node worker was stopped and restarted";
                                break;
                            }
                            SourceFile f = sent.get(done);
                            sink.accept(f, findings(f, line), true);
                        }
                    } catch (PythonWorker.WorkerDied | IOException e) {
                        String why = e instanceof PythonWorker.WorkerDied ? e.getMessage().replace("interpreter worker", "node worker")
                                : "the node worker could not be reached (" + e.getMessage() + ")";
                        failure = why + " while parsing this file; the worker was restarted";
                    }
                    if (failure == null) {
                        pending = pending.subList(sent.size(), pending.size());
                        continue;
                    }
                    worker.destroy();
                    worker = null;
                    synchronized (this) {
                        restarts++;
                    }
                    if (oneByOne) {
                        SourceFile f = pending.get(0);
                        sink.accept(f, List.of(failureFinding(f, failure)), false);
                        pending = pending.subList(1, pending.size());
                    } else {
                        pending = pending.subList(done, pending.size());
                        oneByOne = true; // pin the hang or crash on its file
                    }
                }
            }
        } finally {
            if (worker != null) {
                synchronized (this) {
                    idle.add(worker);
                }
            }
        }
    }

    /** The findings one answer line gives for {@code f}: one per parse diagnostic (at most ten). */
    static List<Finding> findings(SourceFile f, String line) {
        JsonNode n;
        try {
            n = WorkerJson.MAPPER.readTree(line);
        } catch (IOException e) {
            return List.of(failureFinding(f, "the node worker answered something unreadable: " + abbreviate(line)));
        }
        if (n.path("ok").asInt() == 1) {
            return List.of();
        }
        String rule = ruleOf(f);
        String type = n.path("type").asText("");
        if ("unreadable".equals(type)) {
            return List.of(Finding.builder(rule, Severity.ERROR).category("unreadable").file(f.path())
                    .message(n.path("msg").asText("cannot read file")).build());
        }
        if ("crash".equals(type)) {
            return List.of(failureFinding(f, "the TypeScript parser failed on this file: " + n.path("msg").asText("")));
        }
        List<Finding> out = new ArrayList<>();
        for (JsonNode d : n.path("diags")) {
            Finding.Builder b = Finding.builder(rule, Severity.ERROR).category(categoryOf(f)).file(f.path())
                    .at(d.path("line").asInt(0), d.path("col").asInt(0))
                    .message("TS" + d.path("code").asInt() + ": " + d.path("msg").asText(""));
            if (d.path("endLine").asInt(0) > 0) {
                b.end(d.path("endLine").asInt(), d.path("endCol").asInt(0));
            }
            out.add(b.build());
        }
        return out.isEmpty() ? List.of(failureFinding(f, "the node worker said the file does not parse but gave no diagnostic")) : out;
    }

    private static String ruleOf(SourceFile f) {
        return SyntaxConfig.Language.TYPESCRIPT.owns(f.extension()) ? SyntaxConfig.Language.TYPESCRIPT.ruleId()
                : SyntaxConfig.Language.JAVASCRIPT.ruleId();
    }

    private static String categoryOf(SourceFile f) {
        return SyntaxConfig.Language.TYPESCRIPT.owns(f.extension()) ? SyntaxConfig.Language.TYPESCRIPT.id()
                : SyntaxConfig.Language.JAVASCRIPT.id();
    }

    private static Finding failureFinding(SourceFile f, String message) {
        return Finding.builder(ruleOf(f), Severity.ERROR).category("worker-failure").file(f.path()).message(message).build();
    }

    private static String abbreviate(String s) {
        String one = s.strip();
        return one.length() > 300 ? one.substring(0, 300) + "…" : one;
    }

    private synchronized PythonWorker take() {
        return idle.isEmpty() ? null : idle.remove(idle.size() - 1);
    }

    private PythonWorker startOrFail(AtomicReference<GateException> fatal) throws InterruptedException {
        try {
            PythonWorker w = PythonWorker.startCommand(command, tempDir, START_TIMEOUT, environment);
            synchronized (this) {
                started.add(w);
            }
            return w;
        } catch (IOException e) {
            fatal.compareAndSet(null, new GateException("cannot start a TypeScript node worker: " + e.getMessage(), e));
            return null;
        }
    }

    @Override
    public synchronized void close() {
        for (PythonWorker w : started) {
            w.close();
        }
        started.clear();
        idle.clear();
        WorkerFiles.deleteTree(tempDir);
    }
}
