package io.github.recoverygates.syntax;

import io.github.recoverygates.core.GateException;
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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A pool of persistent interpreter workers. Files go out in batches; each answer is handed to the
 * sink as it arrives. A file that outlives the per-file timeout, or during which the worker dies,
 * becomes a worker-failure result; the worker is replaced and the rest of its batch goes on.
 */
final class PythonPool implements AutoCloseable {

    /** Receives one result per file, from several threads. */
    interface Sink {
        void accept(SourceFile file, PythonResult result);
    }

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final SyntaxConfig.Python config;
    private final int size;
    private final Path tempDir;
    private final Path script;
    private final PythonWorker.Hello hello;
    private final List<PythonWorker> idle = new ArrayList<>();
    /** Every worker ever started, so that close() stops them all even after an interrupted scan. */
    private final List<PythonWorker> started = new ArrayList<>();
    private final Map<String, String> environment;
    private int restarts;

    private PythonPool(SyntaxConfig.Python config, int size, Path tempDir, Path script, PythonWorker first,
                       Map<String, String> environment) {
        this.config = config;
        this.environment = environment;
        this.size = size;
        this.tempDir = tempDir;
        this.script = script;
        this.hello = first.hello();
        idle.add(first);
        started.add(first);
    }

    /**
     * Writes the worker script and starts {@code size} workers in parallel; the first to answer
     * tells the interpreter's version. Fails only when no worker starts at all.
     */
    static PythonPool open(SyntaxConfig.Python config, int size, Map<String, String> environment)
            throws GateException, InterruptedException {
        Path tempDir;
        Path script;
        try {
            tempDir = Files.createTempDirectory("recovery-gates-syntax");
            script = tempDir.resolve("compile_worker.py");
            try (InputStream in = PythonPool.class.getResourceAsStream("compile_worker.py")) {
                if (in == null) {
                    throw new GateException("the compile worker script is missing from the jar");
                }
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new GateException("cannot write the Python compile worker to a temporary directory: " + e.getMessage(), e);
        }
        ExecutorService starters = Executors.newFixedThreadPool(size, r -> {
            Thread t = new Thread(r, "syntax-python-start");
            t.setDaemon(true);
            return t;
        });
        List<PythonWorker> workers = new ArrayList<>();
        IOException firstFailure = null;
        try {
            List<Future<PythonWorker>> starting = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                starting.add(starters.submit(() -> PythonWorker.start(config.interpreter(), script, tempDir, START_TIMEOUT, environment)));
            }
            for (Future<PythonWorker> f : starting) {
                try {
                    workers.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    if (firstFailure == null) {
                        firstFailure = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                    }
                }
            }
        } finally {
            starters.shutdownNow();
        }
        if (workers.isEmpty()) {
            WorkerFiles.deleteTree(tempDir);
            throw new GateException("cannot run the Python interpreter '" + config.interpreter() + "': "
                    + firstFailure.getMessage() + ". Install Python 3 or set syntax.python.interpreter in "
                    + ".recovery-gates.yml to a Python 3 executable", firstFailure);
        }
        PythonWorker first = workers.get(0);
        if (first.hello().version().isBlank() || !first.hello().version().startsWith("3")) {
            workers.forEach(PythonWorker::close);
            WorkerFiles.deleteTree(tempDir);
            throw new GateException("the Python interpreter '" + config.interpreter() + "' reports version '"
                    + first.hello().version() + "'; a Python 3 interpreter is needed: set syntax.python.interpreter");
        }
        PythonPool pool = new PythonPool(config, size, tempDir, script, first, environment);
        for (PythonWorker w : workers.subList(1, workers.size())) {
            pool.idle.add(w);
            pool.started.add(w);
        }
        return pool;
    }

    PythonWorker.Hello hello() {
        return hello;
    }

    int restarts() {
        return restarts;
    }

    /** Compiles every file, calling the sink once per file. */
    void compile(List<SourceFile> files, boolean hash, Sink sink) throws GateException, InterruptedException {
        if (files.isEmpty()) {
            return;
        }
        ConcurrentLinkedQueue<List<SourceFile>> batches = new ConcurrentLinkedQueue<>();
        int batchSize = config.batchSize();
        // smaller batches when there are few files, so that every worker gets some
        batchSize = Math.max(1, Math.min(batchSize, (files.size() + size - 1) / size));
        for (int i = 0; i < files.size(); i += batchSize) {
            batches.add(files.subList(i, Math.min(files.size(), i + batchSize)));
        }
        int threads = Math.min(size, batches.size());
        AtomicReference<GateException> fatal = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "syntax-python-driver");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    drive(batches, hash, sink, fatal);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof InterruptedException ie) {
                        throw ie;
                    }
                    throw new GateException("the Python worker pool failed: " + c, c);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (fatal.get() != null) {
            throw fatal.get();
        }
    }

    /**
     * Feeds batches to one worker. Answers come in bulk; when a worker hangs or dies in bulk mode
     * the files it did not answer are retried one flushed answer at a time ("careful"), so that
     * the hang or crash is pinned on the file that causes it and the others still get a verdict.
     */
    private void drive(ConcurrentLinkedQueue<List<SourceFile>> batches, boolean hash, Sink sink,
                       AtomicReference<GateException> fatal) throws InterruptedException {
        PythonWorker worker = take();
        try {
            List<SourceFile> pending;
            while (fatal.get() == null && (pending = batches.poll()) != null) {
                boolean careful = false;
                while (!pending.isEmpty() && fatal.get() == null) {
                    if (worker == null) {
                        worker = startOrFail(fatal);
                        if (worker == null) {
                            return;
                        }
                    }
                    int done = 0;
                    String failure = null;
                    try {
                        try {
                            worker.send(WorkerFiles.absolutePaths(pending), hash, careful);
                        } catch (IOException e) {
                            // the worker went away between batches: a fresh one gets the batch
                            worker.destroy();
                            worker = startOrFail(fatal);
                            if (worker == null) {
                                return;
                            }
                            worker.send(WorkerFiles.absolutePaths(pending), hash, careful);
                        }
                        for (; done < pending.size(); done++) {
                            String line = worker.next(config.timeout());
                            if (line == null) {
                                failure = "compiling this file took longer than syntax.python.timeout ("
                                        + config.timeout().toMillis() + " ms); the interpreter worker was stopped and restarted";
                                break;
                            }
                            sink.accept(pending.get(done), parse(line));
                        }
                    } catch (PythonWorker.WorkerDied | IOException e) {
                        failure = (e instanceof PythonWorker.WorkerDied ? e.getMessage()
                                : "the interpreter worker could not be reached (" + e.getMessage() + ")")
                                + " while compiling this file; the worker was restarted";
                    }
                    if (failure == null) {
                        pending = List.of();
                        continue;
                    }
                    worker.destroy();
                    worker = null;
                    synchronized (this) {
                        restarts++;
                    }
                    if (careful) {
                        sink.accept(pending.get(done), PythonResult.workerFailure(failure));
                        pending = pending.subList(done + 1, pending.size());
                    } else {
                        pending = pending.subList(done, pending.size());
                        careful = true;
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

    private static PythonResult parse(String line) {
        try {
            return PythonResult.parse(line);
        } catch (IOException e) {
            return PythonResult.workerFailure("the interpreter worker answered something unreadable: " + line);
        }
    }

    private synchronized PythonWorker take() {
        return idle.isEmpty() ? null : idle.remove(idle.size() - 1);
    }

    private PythonWorker startOrFail(AtomicReference<GateException> fatal) throws InterruptedException {
        try {
            PythonWorker w = PythonWorker.start(config.interpreter(), script, tempDir, START_TIMEOUT, environment);
            synchronized (this) {
                started.add(w);
            }
            return w;
        } catch (IOException e) {
            fatal.compareAndSet(null, new GateException("cannot restart a Python worker with '" + config.interpreter()
                    + "': " + e.getMessage() + ". Check syntax.python.interpreter", e));
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
