package io.github.recoverygates.goldenpath;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A journey's deadlines — the journey's, the first event's, each wait's — on the run's timer thread, all
 * cancelled when the journey ends. The run's timer executor removes a cancelled task at once, so an ended
 * journey (its events, its socket's buffers) is not kept until its deadlines would have passed.
 * Not thread-safe: the journey holds its lock.
 */
final class Deadlines {

    private final ScheduledExecutorService timers;
    private final List<ScheduledFuture<?>> pending = new ArrayList<>();

    Deadlines(ScheduledExecutorService timers) {
        this.timers = timers;
    }

    /** Runs {@code task} after {@code delay}, unless it or every deadline is cancelled first. */
    ScheduledFuture<?> after(Duration delay, Runnable task) {
        ScheduledFuture<?> f = timers.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        pending.add(f);
        return f;
    }

    void cancelAll() {
        pending.forEach(f -> f.cancel(false));
        pending.clear();
    }
}
