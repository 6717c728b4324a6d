package io.github.recoverygates.syntax;

import io.github.recoverygates.core.GateException;
import java.util.concurrent.ExecutionException;

/** Starts the interpreter pool on its own thread, so that it overlaps the workspace walk. */
final class PoolStart {
    private final java.util.concurrent.CompletableFuture<PythonPool> future = new java.util.concurrent.CompletableFuture<>();

    PoolStart(SyntaxConfig.Python python, int size, java.util.Map<String, String> environment) {
        Thread t = new Thread(() -> {
            try {
                future.complete(PythonPool.open(python, size, environment));
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "syntax-python-open");
        t.setDaemon(true);
        t.start();
    }

    PythonPool get() throws GateException, InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GateException g) {
                throw g;
            }
            if (e.getCause() instanceof InterruptedException ie) {
                throw ie;
            }
            throw new GateException("cannot start the Python workers: " + e.getCause(), e.getCause());
        }
    }

    /** {@link #discard()} when there is one. */
    static void discard(PoolStart start) {
        if (start != null) {
            start.discard();
        }
    }

    /** Not needed after all: close the pool once it is up, whatever happened. */
    void discard() {
        future.whenComplete((pool, error) -> {
            if (pool != null) {
                pool.close();
            }
        });
    }
}
