package io.github.recoverygates.core;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress on stderr: a redrawn bar on a terminal, a line every few seconds in CI, nothing in tests.
 * Thread-safe; {@link #advance} is cheap enough to call once per file.
 */
public abstract class Progress {

    public static final Progress SILENT = new Progress() {
        @Override
        protected void show(String task, long done, long total, boolean finished) {
        }
    };

    private final AtomicLong done = new AtomicLong();
    private volatile long total;
    private volatile String task = "";
    private volatile long lastShown;
    private final long intervalMillis;

    protected Progress() {
        this(0);
    }

    protected Progress(long intervalMillis) {
        this.intervalMillis = intervalMillis;
    }

    /** A bar when stderr is a terminal, else periodic lines (every 5 s). */
    public static Progress forStderr(PrintStream err) {
        boolean terminal = System.console() != null && System.getenv("CI") == null;
        return terminal ? new Bar(err) : new Lines(err);
    }

    public void start(String newTask, long newTotal) {
        task = newTask;
        total = newTotal;
        done.set(0);
        lastShown = System.currentTimeMillis();
    }

    public void advance(long n) {
        long d = done.addAndGet(n);
        long now = System.currentTimeMillis();
        if (now - lastShown >= intervalMillis) {
            lastShown = now;
            show(task, d, total, false);
        }
    }

    public void finish() {
        show(task, done.get(), total, true);
    }

    protected abstract void show(String task, long done, long total, boolean finished);

    /** Progress printed to a stream, at most once per interval. */
    private abstract static class Printed extends Progress {
        final PrintStream err;

        Printed(PrintStream err, long intervalMillis) {
            super(intervalMillis);
            this.err = err;
        }
    }

    private static final class Bar extends Printed {
        Bar(PrintStream err) {
            super(err, 100);
        }

        @Override
        protected synchronized void show(String task, long done, long total, boolean finished) {
            int width = 30;
            int filled = total <= 0 ? width : (int) Math.min(width, width * done / total);
            err.print("\r" + task + " [" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total);
            if (finished) {
                err.println();
            }
            err.flush();
        }
    }

    private static final class Lines extends Printed {
        Lines(PrintStream err) {
            super(err, 5_000);
        }

        @Override
        protected synchronized void show(String task, long done, long total, boolean finished) {
            if (!finished || total > 0) {
                err.println(task + ": " + done + "/" + total + (finished ? " done" : ""));
            }
        }
    }
}
