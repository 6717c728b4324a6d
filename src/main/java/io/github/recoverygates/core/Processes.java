package io.github.recoverygates.core;

/** Ending child processes for good: the process and everything it started. */
public final class Processes {

    private Processes() {
    }

    /** Kills {@code p} and its whole process tree (children first, so none is orphaned), then waits briefly. */
    public static void kill(Process p) {
        kill(p.toHandle());
    }

    public static void kill(ProcessHandle handle) {
        handle.descendants().forEach(ProcessHandle::destroyForcibly);
        handle.destroyForcibly();
        try {
            handle.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // it is killed; the exit is only awaited so that its pipes close before we read them
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
