package io.github.recoverygates.syntax;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.recoverygates.core.GateException;
import io.github.recoverygates.core.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A bounded pool of persistent worker processes ({@link WorkerProcess}, each in its own process
 * group) that answer for files in batches. A file that outlives the per-file timeout, or during
 * which its worker dies, becomes a worker-failure result for that file; the worker is replaced and
 * the rest of its batch goes on one file at a time, so that a hang or a crash is pinned on its file.
 * A pool says only what is its own: how its workers start ({@link WorkerProcess.Launch}), and how an
 * answer and a failure read as its results.
 *
 * @param <R> what the pool's language makes of one file
 */
abstract class WorkerPool<R> implements AutoCloseable {

    /** Receives one result per file, from several threads. */
    interface Sink<R> {
        void accept(SourceFile file, R result);
    }

    /**
     * How the pool's messages speak of its work ("Python", "compiling", "syntax.python.timeout") and
     * its limits: the per-file timeout and the paths sent at a time.
     */
    record Terms(String language, String doing, String timeoutKey, Duration timeout, int batchSize) {
    }

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Terms terms;
    private final WorkerProcess.Launch launch;
    private final int size;
    private final Path tempDir;
    private final Map<String, String> environment;
    private final List<WorkerProcess> idle = new ArrayList<>();
    /** Every worker ever started, so that close() stops them all even after an interrupted scan. */
    private final List<WorkerProcess> started = new ArrayList<>();
    private JsonNode hello;
    private int restarts;

    WorkerPool(Terms terms, WorkerProcess.Launch launch, int size, Path tempDir, Map<String, String> environment) {
        this.terms = terms;
        this.launch = launch;
        this.size = size;
        this.tempDir = tempDir;
        this.environment = environment;
    }

    /** The result of an answer line for {@code file}. */
    abstract R answer(SourceFile file, String line);

    /** The result for {@code file} when its worker failed on it ({@code why} says how). */
    abstract R failure(SourceFile file, String why);

    /** The error that ends the scan when no worker can be started any more. */
    abstract GateException cannotStart(IOException e);

    /**
     * What the workers are told besides the paths, one character per file of {@code sent} (read by the
     * driver thread just before it sends them), or null: nothing (the default).
     */
    String plan(List<SourceFile> sent) {
        return null;
    }

    /** How long the answer for one file may take; {@code first} is the first of what was sent. */
    Duration limit(boolean first, boolean oneFile) {
        return terms.timeout();
    }

    /** Copies the worker script {@code resource} (next to this class) into a new private temp dir. */
    static Path writeScript(String resource, String what) throws GateException {
        try {
            Path script = Files.createTempDirectory("recovery-gates-syntax").resolve(resource);
            try (InputStream in = WorkerPool.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new GateException("the " + what + " script is missing from the jar");
                }
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
            return script;
        } catch (IOException e) {
            throw new GateException("cannot write the " + what + " to a temporary directory: " + e.getMessage(), e);
        }
    }

    /**
     * Starts {@code count} workers in parallel and keeps those that answer; the first of them tells
     * {@link #said()}. Returns why the first that failed did not start, or null.
     */
    final IOException startIdle(int count) throws InterruptedException {
        ExecutorService starters = Executors.newFixedThreadPool(count, daemon("start"));
        IOException firstFailure = null;
        try {
            List<Future<WorkerProcess>> starting = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                starting.add(starters.submit(() -> WorkerProcess.start(launch, tempDir, START_TIMEOUT, environment)));
            }
            for (Future<WorkerProcess> f : starting) {
                try {
                    WorkerProcess w = f.get();
                    synchronized (this) {
                        hello = hello == null ? w.hello() : hello;
                        started.add(w);
                        idle.add(w);
                    }
                } catch (ExecutionException e) {
                    if (firstFailure == null) {
                        firstFailure = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                    }
                }
            }
        } finally {
            starters.shutdownNow();
        }
        return firstFailure;
    }

    /** The hello line of the first worker started, null when none started. */
    final synchronized JsonNode said() {
        return hello;
    }

    final synchronized int restarts() {
        return restarts;
    }

    /** Hands every file to the workers (in batches, {@code size} at a time), calling the sink once per file. */
    final void run(List<SourceFile> files, boolean hash, Sink<R> sink) throws GateException, InterruptedException {
        if (files.isEmpty()) {
            return;
        }
        // smaller batches when there are few files, so that every worker gets some
        int batchSize = Math.max(1, Math.min(terms.batchSize(), (files.size() + size - 1) / size));
        Queue<List<SourceFile>> batches = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < files.size(); i += batchSize) {
            batches.add(files.subList(i, Math.min(files.size(), i + batchSize)));
        }
        int threads = Math.min(size, batches.size());
        AtomicReference<GateException> fatal = new AtomicReference<>();
        ExecutorService drivers = Executors.newFixedThreadPool(threads, daemon("driver"));
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(drivers.submit(() -> {
                    new Driver(hash, sink, fatal).drive(batches);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof InterruptedException ie) {
                        throw ie;
                    }
                    throw new GateException("the " + terms.language() + " worker pool failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            drivers.shutdownNow();
        }
        if (fatal.get() != null) {
            throw fatal.get();
        }
    }

    /** One driver thread: its worker, taken from the idle ones or started, and the batches it feeds it. */
    private final class Driver {
        private final boolean hash;
        private final Sink<R> sink;
        private final AtomicReference<GateException> fatal;
        private WorkerProcess worker = take();

        Driver(boolean hash, Sink<R> sink, AtomicReference<GateException> fatal) {
            this.hash = hash;
            this.sink = sink;
            this.fatal = fatal;
        }

        /**
         * Feeds batches to the worker. Answers come in bulk; when the worker hangs or dies on a bulk
         * batch, the files it did not answer go again one at a time ("careful"), so that the hang or
         * crash is pinned on the file that causes it and the others still get a verdict.
         */
        void drive(Queue<List<SourceFile>> batches) throws InterruptedException {
            try {
                List<SourceFile> pending;
                while (fatal.get() == null && (pending = batches.poll()) != null) {
                    boolean careful = false;
                    while (!pending.isEmpty() && fatal.get() == null) {
                        if (worker == null && (worker = startOrFail()) == null) {
                            return;
                        }
                        List<SourceFile> sent = careful ? pending.subList(0, 1) : pending;
                        int done = exchange(sent, careful);
                        // a careful exchange that failed gave its one file the failure
                        pending = pending.subList(careful ? 1 : done, pending.size());
                        careful = careful || done < sent.size();
                    }
                }
            } finally {
                if (worker != null) {
                    giveBack(worker);
                }
            }
        }

        /**
         * Sends {@code sent} and hands each answer to the sink; returns how many were answered. When
         * the worker fails on a file, a careful exchange gives that file the failure; either way the
         * worker is stopped and {@code worker} left empty for a fresh one.
         */
        private int exchange(List<SourceFile> sent, boolean careful) throws InterruptedException {
            int done = 0;
            String failure;
            try {
                List<String> paths = absolutePaths(sent);
                String plan = plan(sent);
                try {
                    worker.send(paths, hash, careful, plan);
                } catch (IOException e) {
                    // the worker went away between batches: a fresh one gets the batch
                    worker.destroy();
                    if ((worker = startOrFail()) == null) {
                        return 0;
                    }
                    worker.send(paths, hash, careful, plan);
                }
                for (; done < sent.size(); done++) {
                    String line = worker.next(limit(done == 0, careful));
                    if (line == null) {
                        break;
                    }
                    sink.accept(sent.get(done), answer(sent.get(done), line));
                }
                if (done == sent.size()) {
                    return done;
                }
                failure = terms.doing() + " this file took longer than " + terms.timeoutKey() + " ("
                        + terms.timeout().toMillis() + " ms); the " + launch.name() + " was stopped and restarted";
            } catch (WorkerProcess.Died | IOException e) {
                failure = (e instanceof WorkerProcess.Died ? e.getMessage()
                        : "the " + launch.name() + " could not be reached (" + e.getMessage() + ")")
                        + " while " + terms.doing() + " this file; the worker was restarted";
            }
            worker.destroy();
            worker = null;
            synchronized (WorkerPool.this) {
                restarts++;
            }
            if (careful) {
                sink.accept(sent.get(done), failure(sent.get(done), failure));
            }
            return done;
        }

        private WorkerProcess startOrFail() throws InterruptedException {
            try {
                WorkerProcess w = WorkerProcess.start(launch, tempDir, START_TIMEOUT, environment);
                synchronized (WorkerPool.this) {
                    started.add(w);
                }
                return w;
            } catch (IOException e) {
                fatal.compareAndSet(null, cannotStart(e));
                return null;
            }
        }
    }

    private synchronized WorkerProcess take() {
        return idle.isEmpty() ? null : idle.remove(idle.size() - 1);
    }

    private synchronized void giveBack(WorkerProcess w) {
        idle.add(w);
    }

    private java.util.concurrent.ThreadFactory daemon(String role) {
        String name = "syntax-" + terms.language().toLowerCase(Locale.ROOT) + "-" + role;
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** The absolute paths of {@code files}, in order: what a worker is asked to read. */
    private static List<String> absolutePaths(List<SourceFile> files) {
        List<String> out = new ArrayList<>(files.size());
        for (SourceFile f : files) {
            out.add(f.absolute().toString());
        }
        return out;
    }

    @Override
    public synchronized void close() {
        for (WorkerProcess w : started) {
            w.close();
        }
        started.clear();
        idle.clear();
        try (var walk = Files.walk(tempDir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // nothing to clean, or left for the OS
        }
    }
}
